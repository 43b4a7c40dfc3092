package org.ntrklab.simulator.lab;

import java.util.List;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.CfDnaResult;
import org.ntrklab.events.FusionCall;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.RunFailureReason;

/**
 * cfDNA sequencing of plasma. A fusion is found when its allele fraction in plasma reaches the panel's limit
 * of detection; tumours that shed little DNA stay below it, so "not detected" is non-informative (ESMO ctDNA
 * recommendations 2022). The plasma allele fraction is a property of the tumour, drawn once per case.
 */
final class PlasmaSequencing {

    static final String PANEL = "Plasma cfDNA panel (hybrid capture)";

    private PlasmaSequencing() {
    }

    static Reading read(SimulatedCase c, Draws tumour, Draws run) {
        double yield = c.quality().cfDnaNg() == null ? 0 : c.quality().cfDnaNg();
        double input = Math.min(yield, AssayPerformance.CFDNA_MAX_INPUT_NG);
        // Below the 5 ng Guardant360 CDx minimum most libraries fail [D rate].
        double specimenFailure = input < 5 ? 0.5 : 0;
        Reading failure = FusionSequencing.failure(run, AssayPerformance.CFDNA_TECHNICAL_FAILURE, specimenFailure);
        if (failure != null) {
            return failure.failure() == RunFailureReason.INSUFFICIENT_LIBRARY || failure.failure()
                    == RunFailureReason.LOW_MAPPED_READS ? Reading.failed(failure.failure(),
                            failure.failureDetail() + " (cfDNA input " + input + " ng)") : failure;
        }
        double vaf = tumour.logUniform(AssayPerformance.CFDNA_VAF_MIN_PERCENT, AssayPerformance.CFDNA_VAF_MAX_PERCENT);
        if (c.receipt().getSpecimen().getBloodTubeType() == BloodTubeType.K2EDTA && c.daysSinceCollection() > 3) {
            // Leukocyte lysis in an old K2EDTA tube dilutes tumour DNA with germline DNA (AACR 2016) [D factor].
            vaf /= 2;
        }
        // Fewer genome copies than the validated input raise the limit of detection [D].
        double lod = AssayPerformance.CFDNA_LOD_VAF_PERCENT
                * Math.max(1, AssayPerformance.CFDNA_REFERENCE_INPUT_NG / Math.max(input, 0.1));
        boolean detected = c.fusion() != null && vaf >= lod;
        List<FusionCall> calls = List.of();
        if (detected) {
            FusionTruth f = c.fusion();
            int reads = Math.max(4, (int) Math.round(vaf * run.uniform(30, 60)));
            calls = List.of(FusionCall.newBuilder().setFivePrimeGene(f.fivePrimeGene())
                    .setThreePrimeGene(f.ntrkGene().name()).setFivePrimeExon(f.fivePrimeExon())
                    .setThreePrimeExon(f.threePrimeExon())
                    .setFivePrimeTranscript(FusionPartners.transcript(f.fivePrimeGene()))
                    .setThreePrimeTranscript(FusionPartners.transcript(f.ntrkGene().name()))
                    .setInFrame(true).setKinaseDomainRetained(true).setSupportingReads(reads)
                    .setUniqueMolecules(Math.max(3, reads * 2 / 3))
                    .setVariantAllelePercent(Math.round(vaf * 100) / 100.0).build());
        }
        CfDnaResult result = CfDnaResult.newBuilder().setPanel(PANEL)
                .setCall(detected ? MolecularCall.FUSION_DETECTED : MolecularCall.NO_FUSION_DETECTED)
                .setFusions(calls).setCfDnaInputNg(Draws.round1(input)).setNotDetectedIsNonInformative(true).build();
        return Reading.result(result, detected);
    }
}
