package org.ntrklab.simulator.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.CfDnaResult;
import org.ntrklab.events.Decalcification;
import org.ntrklab.events.FishResult;
import org.ntrklab.events.FusionCall;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.RtPcrResult;
import org.ntrklab.events.RunFailureReason;

/** The molecular methods against their published performance. */
class MolecularAssaysTest {

    private static final List<SimulatedCase> TISSUE = Cases.where(21, 20_000, c -> !c.plasma());
    private static final List<SimulatedCase> PLASMA = Cases.where(22, 4_000, SimulatedCase::plasma);
    private static final TumourProfile LUNG = Cases.profile("LUAD");
    private final Bench bench = new Bench();

    @Test
    @DisplayName("RNA-NGS fails in ~9% of tissue runs (MD Anderson 2021: 90.9% success), more in old or decalcified blocks")
    void rnaFailureRate() {
        int failed = 0;
        int risky = 0;
        int riskyFailed = 0;
        int good = 0;
        int goodFailed = 0;
        for (SimulatedCase c : TISSUE) {
            boolean f = bench.run(c, AssayType.RNA_NGS, 1).failed();
            failed += f ? 1 : 0;
            if (c.blockAgeYears() > 2 || c.decalcification() == Decalcification.ACID
                    || c.decalcification() == Decalcification.EDTA) {
                risky++;
                riskyFailed += f ? 1 : 0;
            } else {
                good++;
                goodFailed += f ? 1 : 0;
            }
        }
        assertThat(failed / (double) TISSUE.size()).isBetween(0.075, 0.105);
        assertThat(riskyFailed / (double) risky).isGreaterThan(2 * goodFailed / (double) good);
    }

    @Test
    @DisplayName("RNA-NGS detects every fusion when the run passes QC (J Mol Diagn 2022: 100% in QC-passed samples)")
    void rnaDetectsEveryFusion() {
        for (SimulatedCase c : TISSUE.subList(0, 5000)) {
            if (c.quality().tumourPercentOrZero() < 10) {
                continue;
            }
            FusionTruth truth = FusionPartners.AFAP1_NTRK2;
            RunOutcome o = bench.run(Cases.withTruth(c, LUNG, truth), AssayType.RNA_NGS, 1);
            if (o.failed()) {
                assertThat(o.failure()).isNotNull();
                continue;
            }
            assertThat(o.fusionDetected()).isTrue();
            NgsResult ngs = (NgsResult) o.resultDetails();
            assertThat(ngs.getCall()).isEqualTo(MolecularCall.FUSION_DETECTED);
            assertThat(ngs.getRunQcPassed()).isTrue();
            assertThat(ngs.getMappedReads()).isGreaterThanOrEqualTo(20_000L);
            FusionCall call = ngs.getFusions().get(0);
            assertThat(call.getFivePrimeGene()).isEqualTo("AFAP1");
            assertThat(call.getThreePrimeGene()).isEqualTo("NTRK2");
            assertThat(call.getFivePrimeExon()).isEqualTo(truth.fivePrimeExon());
            assertThat(call.getThreePrimeExon()).isEqualTo(truth.threePrimeExon());
            assertThat(call.getInFrame()).isTrue();
            assertThat(call.getKinaseDomainRetained()).isTrue();
            assertThat(call.getThreePrimeTranscript()).isEqualTo("NM_006180");
            // Marshfield: >= 10 fusion reads and >= 5 unique molecules.
            assertThat(call.getSupportingReads()).isGreaterThanOrEqualTo(10);
            assertThat(call.getUniqueMolecules()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    @DisplayName("DNA-NGS: 81.1% of RNA-NGS fusions over Solomon's gene mix, misses mostly NTRK2/NTRK3 (MSK-IMPACT)")
    void dnaSensitivity() {
        Map<NtrkGene, FusionTruth> byGene = Map.of(NtrkGene.NTRK1, FusionPartners.TPM3_NTRK1,
                NtrkGene.NTRK2, FusionPartners.QKI_NTRK2, NtrkGene.NTRK3, FusionPartners.ETV6_NTRK3);
        Map<NtrkGene, Double> detected = new java.util.EnumMap<>(NtrkGene.class);
        for (NtrkGene gene : NtrkGene.values()) {
            int runs = 0;
            int found = 0;
            for (SimulatedCase c : TISSUE) {
                if (c.quality().tumourPercentOrZero() < 20) {
                    continue;
                }
                RunOutcome o = bench.run(Cases.withTruth(c, LUNG, byGene.get(gene)), AssayType.DNA_NGS, 1);
                if (!o.failed()) {
                    runs++;
                    found += o.fusionDetected() ? 1 : 0;
                }
            }
            detected.put(gene, found / (double) runs);
        }
        assertThat(detected.get(NtrkGene.NTRK1)).isCloseTo(0.96, offset(0.01));
        assertThat(detected.get(NtrkGene.NTRK2)).isCloseTo(0.71, offset(0.015));
        assertThat(detected.get(NtrkGene.NTRK3)).isCloseTo(0.71, offset(0.015));
        // Solomon's cohort: 27 NTRK1, 5 NTRK2, 34 NTRK3 fusions.
        double overall = (27 * detected.get(NtrkGene.NTRK1) + 5 * detected.get(NtrkGene.NTRK2)
                + 34 * detected.get(NtrkGene.NTRK3)) / 66;
        assertThat(overall).isCloseTo(0.811, offset(0.015));
        double missedNtrk1 = 27 * (1 - detected.get(NtrkGene.NTRK1));
        double missedOthers = 5 * (1 - detected.get(NtrkGene.NTRK2)) + 34 * (1 - detected.get(NtrkGene.NTRK3));
        assertThat(missedOthers / (missedNtrk1 + missedOthers)).isGreaterThan(0.85);
    }

    @Test
    @DisplayName("DNA-NGS fails less often than RNA-NGS (F1CDx sequencing success 97.9%)")
    void dnaFailureRate() {
        long failed = TISSUE.stream().filter(c -> bench.run(c, AssayType.DNA_NGS, 1).failed()).count();
        assertThat(failed / (double) TISSUE.size()).isBetween(0.025, 0.07);
    }

    @Test
    @DisplayName("NTRK3 break-apart FISH never sees an NTRK1/NTRK2 fusion; ~80% of NTRK3 fusions above the 15% cut-off [D]")
    void fish() {
        int runs = 0;
        int found = 0;
        for (SimulatedCase c : TISSUE.subList(0, 8000)) {
            for (FusionTruth other : List.of(FusionPartners.TPM3_NTRK1, FusionPartners.GFOD1_NTRK2)) {
                RunOutcome o = bench.run(Cases.withTruth(c, LUNG, other), AssayType.NTRK_FISH, 1);
                assertThat(o.fusionDetected()).isFalse();
            }
            RunOutcome o = bench.run(Cases.withTruth(c, LUNG, FusionPartners.ETV6_NTRK3), AssayType.NTRK_FISH, 1);
            if (o.failed()) {
                continue;
            }
            FishResult fish = (FishResult) o.resultDetails();
            assertThat(fish.getProbeGene()).isEqualTo(NtrkGene.NTRK3);
            assertThat(fish.getNucleiScored()).isBetween(50, 100);
            assertThat(fish.getCall() == MolecularCall.FUSION_DETECTED).isEqualTo(fish.getSplitSignalPercent() >= 15)
                    .isEqualTo(o.fusionDetected());
            runs++;
            found += o.fusionDetected() ? 1 : 0;
        }
        assertThat(found / (double) runs).isCloseTo(0.80, offset(0.02));
    }

    @Test
    @DisplayName("FISH with the NTRK1, NTRK2 and NTRK3 probes an order names sees a fusion of any of them, and says which probes it ran")
    void fishWithTheOrderedProbes() {
        List<NtrkGene> all = List.of(NtrkGene.NTRK1, NtrkGene.NTRK2, NtrkGene.NTRK3);
        int runs = 0;
        int found = 0;
        for (SimulatedCase c : TISSUE.subList(0, 3000)) {
            RunOutcome o = bench.run(Cases.withTruth(c, LUNG, FusionPartners.GFOD1_NTRK2), AssayType.NTRK_FISH, 1, all);
            if (o.failed()) {
                continue;
            }
            FishResult fish = (FishResult) o.resultDetails();
            assertThat(fish.getProbesTested()).containsExactlyElementsOf(all);
            if (o.fusionDetected()) {
                assertThat(fish.getProbeGene()).isEqualTo(NtrkGene.NTRK2);
            }
            runs++;
            found += o.fusionDetected() ? 1 : 0;
        }
        assertThat(found / (double) runs).isCloseTo(0.80, offset(0.03));
    }

    @Test
    @DisplayName("RT-PCR detects only the fusions its primers target (J Clin Pathol 2019: needs known partners)")
    void rtPcr() {
        for (SimulatedCase c : TISSUE.subList(0, 3000)) {
            if (c.quality().tumourPercentOrZero() == 0) {
                continue;
            }
            RunOutcome targeted = bench.run(Cases.withTruth(c, LUNG, FusionPartners.LMNA_NTRK1), AssayType.RT_PCR, 1);
            RunOutcome untargeted = bench.run(Cases.withTruth(c, LUNG, FusionPartners.QKI_NTRK2), AssayType.RT_PCR, 1);
            assertThat(untargeted.fusionDetected()).isFalse();
            if (!targeted.failed()) {
                RtPcrResult pcr = (RtPcrResult) targeted.resultDetails();
                assertThat(targeted.fusionDetected()).isTrue();
                assertThat(pcr.getDetectedTargets()).containsExactly("LMNA::NTRK1");
                assertThat(pcr.getTargets()).containsExactlyElementsOf(AssayPerformance.RT_PCR_TARGETS);
            }
        }
    }

    @Test
    @DisplayName("cfDNA finds fewer fusions than tissue [D ~60%], VAF 0.1-5%, input from the extraction; no false calls")
    void cfDna() {
        int runs = 0;
        int found = 0;
        for (SimulatedCase c : PLASMA) {
            RunOutcome none = bench.run(Cases.withTruth(c, LUNG, null), AssayType.CFDNA_NGS, 1);
            assertThat(none.fusionDetected()).isFalse();
            RunOutcome o = bench.run(Cases.withTruth(c, LUNG, FusionPartners.TPM3_NTRK1), AssayType.CFDNA_NGS, 1);
            if (o.failed()) {
                continue;
            }
            CfDnaResult r = (CfDnaResult) o.resultDetails();
            assertThat(r.getNotDetectedIsNonInformative()).isTrue();
            assertThat(r.getCfDnaInputNg()).isCloseTo(Math.min(50, c.quality().cfDnaNg()), offset(0.05));
            runs++;
            if (o.fusionDetected()) {
                found++;
                assertThat(r.getFusions().get(0).getVariantAllelePercent()).isBetween(0.37, 5.0);
            }
        }
        assertThat(found / (double) runs).isBetween(0.5, 0.75);
    }

    @Test
    @DisplayName("No molecular method reports a fusion in a tumour without one (specificity 100%, J Mol Diagn 2022)")
    void noFalseFusions() {
        for (SimulatedCase c : TISSUE.subList(0, 3000)) {
            SimulatedCase negative = Cases.withTruth(c, LUNG, null);
            for (AssayType assay : List.of(AssayType.RNA_NGS, AssayType.DNA_NGS, AssayType.NTRK_FISH, AssayType.RT_PCR)) {
                assertThat(bench.run(negative, assay, 1).fusionDetected()).as(assay.name()).isFalse();
            }
        }
    }

    @Test
    @DisplayName("Run failures carry the reasons reflex acts on: technical ones (retested) and specimen ones")
    void failureReasons() {
        java.util.Set<RunFailureReason> seen = java.util.EnumSet.noneOf(RunFailureReason.class);
        for (SimulatedCase c : TISSUE.subList(0, 5000)) {
            RunOutcome o = bench.run(c, AssayType.RNA_NGS, 1);
            if (o.failed()) {
                seen.add(o.failure());
                assertThat(o.failureDetail()).isNotBlank();
            }
        }
        assertThat(seen).contains(RunFailureReason.INSUFFICIENT_LIBRARY, RunFailureReason.LOW_MAPPED_READS,
                RunFailureReason.INSTRUMENT_ERROR, RunFailureReason.CONTROL_FAILURE);
    }
}
