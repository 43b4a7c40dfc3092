package org.ntrklab.assaytracking.tracking;

import java.util.List;
import org.ntrklab.events.CfDnaResult;
import org.ntrklab.events.FishResult;
import org.ntrklab.events.FusionCall;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.RtPcrResult;

/**
 * Instrument result records as the bench sends them, valid by default: a test changes only what it is
 * about. Shared by the desk, normaliser and topology tests of assay-tracking.
 */
public final class BenchResults {

    private BenchResults() {
    }

    /** ETV6 exon 5 :: NTRK3 exon 15, in frame, kinase domain retained: the classic secretory-carcinoma fusion. */
    public static FusionCall etv6Ntrk3() {
        return FusionCall.newBuilder().setFivePrimeGene("ETV6").setThreePrimeGene("NTRK3")
                .setFivePrimeExon(5).setThreePrimeExon(15).setInFrame(true).setKinaseDomainRetained(true)
                .setSupportingReads(412).build();
    }

    /** EML4::ALK, a driver fusion that is not an NTRK fusion. */
    public static FusionCall eml4Alk() {
        return FusionCall.newBuilder().setFivePrimeGene("EML4").setThreePrimeGene("ALK")
                .setFivePrimeExon(13).setThreePrimeExon(20).setInFrame(true).setKinaseDomainRetained(true)
                .setSupportingReads(230).build();
    }

    public static NgsResult.Builder ngs(MolecularCall call, FusionCall... fusions) {
        return NgsResult.newBuilder().setPanel("RNA fusion panel v2").setCall(call).setFusions(List.of(fusions))
                .setMappedReads(4_200_000L).setRunQcPassed(true);
    }

    /** An RNA NGS run that found ETV6::NTRK3. */
    public static NgsResult ngsEtv6Ntrk3() {
        return ngs(MolecularCall.FUSION_DETECTED, etv6Ntrk3()).build();
    }

    public static CfDnaResult.Builder cfDna(MolecularCall call, FusionCall... fusions) {
        return CfDnaResult.newBuilder().setPanel("plasma fusion panel").setCall(call).setFusions(List.of(fusions))
                .setCfDnaInputNg(30.0);
    }

    public static IhcResult.Builder ihc(IhcCall call) {
        boolean stained = call == IhcCall.POSITIVE;
        return IhcResult.newBuilder().setClone("EPR17341").setPercentPositiveTumourCells(stained ? 60.0 : 0.0)
                .setIntensity(stained ? 2 : 0).setPatterns(List.of()).setInternalControlOk(true).setCall(call);
    }

    public static FishResult.Builder fish(MolecularCall call) {
        return FishResult.newBuilder().setProbeGene(NtrkGene.NTRK3).setNucleiScored(100)
                .setSplitSignalPercent(call == MolecularCall.FUSION_DETECTED ? 42.0 : 3.0).setCall(call);
    }

    public static RtPcrResult.Builder rtPcr(MolecularCall call, String... detected) {
        return RtPcrResult.newBuilder().setTargets(List.of("ETV6::NTRK3", "TPM3::NTRK1", "LMNA::NTRK1"))
                .setDetectedTargets(List.of(detected)).setCall(call);
    }
}
