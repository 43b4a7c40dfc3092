package org.ntrklab.scenarios;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ntrklab.events.CfDnaResult;
import org.ntrklab.events.FishResult;
import org.ntrklab.events.FusionCall;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.IhcStainingPattern;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.RtPcrResult;
import org.ntrklab.events.RunFailureReason;

/**
 * What the bench and the instruments report for one run, as a case scripts it: a completed run with its
 * result record, a failed run with its coded reason, or a break-apart FISH whose probes depend on the order.
 */
final class Instruments {

    /** The fusion transcripts of the bench's RT-PCR primer set (none of NTRK2). */
    static final List<String> RT_PCR_TARGETS = List.of("ETV6::NTRK3", "TPM3::NTRK1", "LMNA::NTRK1", "TPR::NTRK1");

    private Instruments() {
    }

    /** One scripted run of one order. */
    sealed interface Step permits Completes, Fails, Fish {
    }

    /** The run completes with this result (IhcResult, RtPcrResult, NgsResult or CfDnaResult). */
    record Completes(Object result) implements Step {
    }

    /** The run fails for this coded reason. */
    record Fails(RunFailureReason reason) implements Step {
    }

    /**
     * A break-apart FISH: the bench runs the probes the order asks for ({@code AssayOrdered.targetGenes}) that
     * the laboratory has, one slide each, and finds the split signal only if a probe covers the rearranged
     * gene.
     *
     * @param labProbes the probes the laboratory stocks
     * @param rearranged the NTRK gene rearranged in the tumour, null for none
     */
    record Fish(Set<NtrkGene> labProbes, NtrkGene rearranged) implements Step {

        /** The result of the run for an order asking for {@code requested} (empty: the lab's own probes). */
        FishResult result(List<NtrkGene> requested) {
            List<NtrkGene> tested = new ArrayList<>();
            for (NtrkGene gene : NtrkGene.values()) {
                if (labProbes.contains(gene) && (requested.isEmpty() || requested.contains(gene))) {
                    tested.add(gene);
                }
            }
            if (tested.isEmpty()) {
                throw new IllegalStateException("the laboratory has none of the probes " + requested);
            }
            boolean split = rearranged != null && tested.contains(rearranged);
            return FishResult.newBuilder().setProbeGene(split ? rearranged : tested.get(0)).setNucleiScored(100)
                    .setSplitSignalPercent(split ? 38.0 : 4.0)
                    .setCall(split ? MolecularCall.FUSION_DETECTED : MolecularCall.NO_FUSION_DETECTED)
                    .setProbesTested(tested).build();
        }
    }

    static Step fails(RunFailureReason reason) {
        return new Fails(reason);
    }

    // ---- pan-TRK IHC ------------------------------------------------------------------------

    /** Pan-TRK IHC (clone EPR17341) with a working internal control. */
    static Step ihc(IhcCall call) {
        boolean stained = call == IhcCall.POSITIVE || call == IhcCall.EQUIVOCAL;
        return new Completes(IhcResult.newBuilder().setClone("EPR17341")
                .setPercentPositiveTumourCells(call == IhcCall.POSITIVE ? 60 : stained ? 5 : 0)
                .setIntensity(call == IhcCall.POSITIVE ? 2 : stained ? 1 : 0)
                .setPatterns(stained ? List.of(IhcStainingPattern.CYTOPLASMIC) : List.of())
                .setInternalControlOk(true).setCall(call).build());
    }

    /** Pan-TRK IHC whose internal (positive tissue) control did not stain: not evaluable. */
    static Step ihcControlFailed() {
        return new Completes(IhcResult.newBuilder().setClone("EPR17341").setPercentPositiveTumourCells(0)
                .setIntensity(0).setPatterns(List.of()).setInternalControlOk(false)
                .setCall(IhcCall.NON_EVALUABLE).build());
    }

    // ---- sequencing -------------------------------------------------------------------------

    /** An in-frame fusion that keeps the kinase domain, 5' partner first, e.g. ETV6 exon 5 :: NTRK3 exon 15. */
    static FusionCall fusion(String fivePrime, int fivePrimeExon, String threePrime, int threePrimeExon) {
        return fusion(fivePrime, fivePrimeExon, threePrime, threePrimeExon, true, true);
    }

    /** A fusion with the frame and kinase-domain flags as the pipeline called them (null: not reported). */
    static FusionCall fusion(String fivePrime, int fivePrimeExon, String threePrime, int threePrimeExon,
            Boolean inFrame, Boolean kinaseDomainRetained) {
        return FusionCall.newBuilder().setFivePrimeGene(fivePrime).setThreePrimeGene(threePrime)
                .setFivePrimeExon(fivePrimeExon).setThreePrimeExon(threePrimeExon).setInFrame(inFrame)
                .setKinaseDomainRetained(kinaseDomainRetained).setSupportingReads(388).setUniqueMolecules(91).build();
    }

    /** RNA fusion panel (anchored multiplex PCR) with a passing run QC; no fusion given means none found. */
    static Step rnaNgs(FusionCall... fusions) {
        return new Completes(ngs("RNA fusion panel", fusions));
    }

    /** DNA hybrid-capture panel with a passing run QC. */
    static Step dnaNgs(FusionCall... fusions) {
        return new Completes(ngs("DNA hybrid-capture panel", fusions));
    }

    /** An NGS run whose own QC failed (too few reads): assay-tracking reads it as FAILED. */
    static Step ngsRunQcFailed(String panel) {
        return new Completes(NgsResult.newBuilder().setPanel(panel).setCall(MolecularCall.FAILED).setFusions(List.of())
                .setMappedReads(120_000L).setRunQcPassed(false).build());
    }

    /** An NGS run with a borderline fusion signal the pipeline could not call. */
    static Step rnaNgsEquivocal() {
        return new Completes(NgsResult.newBuilder().setPanel("RNA fusion panel").setCall(MolecularCall.EQUIVOCAL)
                .setFusions(List.of()).setMappedReads(2_100_000L).setRunQcPassed(true).build());
    }

    private static NgsResult ngs(String panel, FusionCall... fusions) {
        return NgsResult.newBuilder().setPanel(panel)
                .setCall(fusions.length > 0 ? MolecularCall.FUSION_DETECTED : MolecularCall.NO_FUSION_DETECTED)
                .setFusions(List.of(fusions)).setMappedReads(3_400_000L).setRunQcPassed(true).build();
    }

    // ---- FISH, RT-PCR, cfDNA ----------------------------------------------------------------

    /** Break-apart FISH with all three NTRK probes in stock. */
    static Step fish(NtrkGene rearranged) {
        return new Fish(EnumSet.allOf(NtrkGene.class), rearranged);
    }

    /** Break-apart FISH in a laboratory that stocks only the given probes. */
    static Step fishWithProbes(Set<NtrkGene> labProbes, NtrkGene rearranged) {
        return new Fish(EnumSet.copyOf(labProbes), rearranged);
    }

    /** RT-PCR with the bench's primer set; {@code detected} one of its targets or null. */
    static Step rtPcr(String detected) {
        return new Completes(RtPcrResult.newBuilder().setTargets(RT_PCR_TARGETS)
                .setDetectedTargets(detected == null ? List.of() : List.of(detected))
                .setCall(detected == null ? MolecularCall.NO_FUSION_DETECTED : MolecularCall.FUSION_DETECTED).build());
    }

    /** RT-PCR whose reference gene did not amplify: the assay reports FAILED. */
    static Step rtPcrFailed() {
        return new Completes(RtPcrResult.newBuilder().setTargets(RT_PCR_TARGETS).setDetectedTargets(List.of())
                .setCall(MolecularCall.FAILED).build());
    }

    /** Plasma cfDNA panel; no fusion given means none detected. */
    static Step cfDna(FusionCall... fusions) {
        List<FusionCall> found = new ArrayList<>();
        for (FusionCall f : fusions) {
            found.add(FusionCall.newBuilder(f).setVariantAllelePercent(0.6).build());
        }
        return new Completes(CfDnaResult.newBuilder().setPanel("cfDNA panel")
                .setCall(found.isEmpty() ? MolecularCall.NO_FUSION_DETECTED : MolecularCall.FUSION_DETECTED)
                .setFusions(found).setCfDnaInputNg(30.0).build());
    }
}
