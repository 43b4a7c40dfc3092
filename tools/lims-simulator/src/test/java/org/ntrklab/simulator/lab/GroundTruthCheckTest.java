package org.ntrklab.simulator.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.CfDnaResult;
import org.ntrklab.events.FishResult;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.ReportedFusion;
import org.ntrklab.events.RunFailureReason;
import org.ntrklab.simulator.lab.GroundTruthCheck.Kind;
import org.ntrklab.simulator.lab.GroundTruthCheck.Verdict;

/** The three rules of the ground-truth check, each with its MATCH, EXPECTED_MISS or MISMATCH. */
class GroundTruthCheckTest {

    private static final SimulatedCase TISSUE = Cases.where(41, 1,
            c -> Cases.readableTissue(c) && c.quality().tumourPercentOrZero() >= 30
                    && c.intake() == IntakeExpectation.ACCEPTED).get(0);
    private static final TumourProfile SECRETORY = Cases.profile("JSCB");
    private static final SimulatedCase ETV6 = Cases.withTruth(TISSUE, SECRETORY, FusionPartners.ETV6_NTRK3);
    private static final SimulatedCase NO_FUSION = Cases.withTruth(TISSUE, Cases.profile("LUAD"), null);

    @Nested
    @DisplayName("(a) a molecular method detected the fusion")
    class Detected {

        @Test
        @DisplayName("POSITIVE naming the truth's gene and partner is a MATCH")
        void match() {
            Verdict v = GroundTruthCheck.check(ETV6, List.of(rna(true)), OverallCall.POSITIVE,
                    List.of(fusion("ETV6", NtrkGene.NTRK3, AssayType.RNA_NGS)));
            assertThat(v.kind()).isEqualTo(Kind.MATCH);
            assertThat(v.detail()).contains("ETV6::NTRK3");
        }

        @Test
        @DisplayName("FISH names no partner: the NTRK gene is enough (docs/lims-simulator.md#checking-every-report)")
        void fishWithoutPartner() {
            Verdict v = GroundTruthCheck.check(ETV6, List.of(fish(true)), OverallCall.POSITIVE,
                    List.of(fusion(null, NtrkGene.NTRK3, AssayType.NTRK_FISH)));
            assertThat(v.kind()).isEqualTo(Kind.MATCH);
        }

        @Test
        @DisplayName("Not reported POSITIVE, the wrong partner or the wrong gene is a MISMATCH")
        void mismatch() {
            assertThat(GroundTruthCheck.check(ETV6, List.of(rna(true)), OverallCall.NEGATIVE, List.of()).kind())
                    .isEqualTo(Kind.MISMATCH);
            assertThat(GroundTruthCheck.check(ETV6, List.of(rna(true)), OverallCall.POSITIVE,
                    List.of(fusion("TPM3", NtrkGene.NTRK3, AssayType.RNA_NGS))).detail()).contains("partner TPM3");
            assertThat(GroundTruthCheck.check(ETV6, List.of(rna(true)), OverallCall.POSITIVE,
                    List.of(fusion("ETV6", NtrkGene.NTRK1, AssayType.RNA_NGS))).kind()).isEqualTo(Kind.MISMATCH);
            assertThat(GroundTruthCheck.check(ETV6, List.of(rna(true)), OverallCall.POSITIVE, List.of()).kind())
                    .isEqualTo(Kind.MISMATCH);
        }
    }

    @Nested
    @DisplayName("(b) the tumour has no fusion")
    class NoFusion {

        @Test
        @DisplayName("Not POSITIVE and no fusion listed is a MATCH, even after a false-positive IHC stain")
        void match() {
            assertThat(GroundTruthCheck.check(NO_FUSION, List.of(ihc(IhcCall.POSITIVE), rna(false)),
                    OverallCall.NEGATIVE, List.of()).kind()).isEqualTo(Kind.MATCH);
            assertThat(GroundTruthCheck.check(NO_FUSION, List.of(ihc(IhcCall.POSITIVE)), OverallCall.INCONCLUSIVE,
                    List.of()).kind()).isEqualTo(Kind.MATCH);
        }

        @Test
        @DisplayName("A POSITIVE report is a false positive: MISMATCH (a patient-safety defect)")
        void falsePositive() {
            Verdict v = GroundTruthCheck.check(NO_FUSION, List.of(ihc(IhcCall.POSITIVE)), OverallCall.POSITIVE,
                    List.of(fusion("TPM3", NtrkGene.NTRK1, AssayType.RNA_NGS)));
            assertThat(v.kind()).isEqualTo(Kind.MISMATCH);
            assertThat(v.detail()).startsWith("false positive");
        }
    }

    @Nested
    @DisplayName("(c) a fusion that no molecular method detected")
    class Missed {

        @Test
        @DisplayName("IHC negative for an NTRK3 fusion: EXPECTED_MISS citing sensitivity 79.4% (Solomon 2020)")
        void ihcNegative() {
            Verdict v = GroundTruthCheck.check(ETV6, List.of(ihc(IhcCall.NEGATIVE)), OverallCall.NEGATIVE, List.of());
            assertThat(v.kind()).isEqualTo(Kind.EXPECTED_MISS);
            assertThat(v.detail()).contains("IHC negative, NTRK3 fusion (sensitivity 79.4%)");
        }

        @Test
        @DisplayName("Every run failed, DNA-NGS missed the breakpoint, FISH probe of another gene, cfDNA not detected")
        void otherReasons() {
            assertThat(GroundTruthCheck.check(ETV6, List.of(failed(AssayType.RNA_NGS), failed(AssayType.DNA_NGS)),
                    OverallCall.FAILURE, List.of()).detail()).contains("every run failed");
            assertThat(GroundTruthCheck.check(ETV6, List.of(dna()), OverallCall.NEGATIVE, List.of()).detail())
                    .contains("DNA-NGS missed an NTRK3 breakpoint");
            SimulatedCase ntrk1 = Cases.withTruth(TISSUE, Cases.profile("COADREAD"), FusionPartners.TPM3_NTRK1);
            assertThat(GroundTruthCheck.check(ntrk1, List.of(fish(false)), OverallCall.NEGATIVE, List.of()).detail())
                    .contains("FISH probes [NTRK3] cannot see an NTRK1 fusion");
            assertThat(GroundTruthCheck.check(ETV6, List.of(cfDna()), OverallCall.INCONCLUSIVE, List.of()))
                    .satisfies(v -> assertThat(v.kind()).isEqualTo(Kind.EXPECTED_MISS))
                    .satisfies(v -> assertThat(v.detail()).contains("cfDNA not detected"));
            assertThat(GroundTruthCheck.check(ETV6, List.of(), OverallCall.FAILURE, List.of()).kind())
                    .isEqualTo(Kind.EXPECTED_MISS);
        }

        @Test
        @DisplayName("A POSITIVE report without a molecular detection is a MISMATCH")
        void positiveWithoutDetection() {
            assertThat(GroundTruthCheck.check(ETV6, List.of(ihc(IhcCall.POSITIVE)), OverallCall.POSITIVE, List.of())
                    .kind()).isEqualTo(Kind.MISMATCH);
        }
    }

    @Test
    @DisplayName("A report for a specimen rejected at intake is a MISMATCH")
    void rejected() {
        SimulatedCase rejected = new SimulatedCase(ETV6.number(), ETV6.specimenId(), ETV6.receipt(), ETV6.tumour(),
                ETV6.fusion(), IntakeExpectation.REJECTED, false, false, ETV6.quality(), ETV6.benchSeed());
        assertThat(GroundTruthCheck.check(rejected, List.of(), OverallCall.FAILURE, List.of()).kind())
                .isEqualTo(Kind.MISMATCH);
    }

    // ---- outcomes and report lines ------------------------------------------------------------------------

    private static RunOutcome outcome(AssayType assay, Object details, boolean detected) {
        return new RunOutcome(assay, Duration.ofHours(6), Duration.ofDays(1), details, null, null, detected);
    }

    private static RunOutcome failed(AssayType assay) {
        return new RunOutcome(assay, Duration.ofHours(6), Duration.ofDays(1), null,
                RunFailureReason.INSUFFICIENT_LIBRARY, "library yield below the minimum", false);
    }

    private static RunOutcome rna(boolean detected) {
        return outcome(AssayType.RNA_NGS, NgsResult.newBuilder().setPanel("RNA")
                .setCall(detected ? MolecularCall.FUSION_DETECTED : MolecularCall.NO_FUSION_DETECTED)
                .setFusions(List.of()).setRunQcPassed(true).build(), detected);
    }

    private static RunOutcome dna() {
        return outcome(AssayType.DNA_NGS, NgsResult.newBuilder().setPanel("DNA")
                .setCall(MolecularCall.NO_FUSION_DETECTED).setFusions(List.of()).setRunQcPassed(true).build(), false);
    }

    private static RunOutcome fish(boolean detected) {
        return outcome(AssayType.NTRK_FISH, FishResult.newBuilder().setProbeGene(NtrkGene.NTRK3).setNucleiScored(60)
                .setSplitSignalPercent(detected ? 35 : 3)
                .setCall(detected ? MolecularCall.FUSION_DETECTED : MolecularCall.NO_FUSION_DETECTED).build(), detected);
    }

    private static RunOutcome cfDna() {
        return outcome(AssayType.CFDNA_NGS, CfDnaResult.newBuilder().setPanel("cfDNA")
                .setCall(MolecularCall.NO_FUSION_DETECTED).setFusions(List.of()).setCfDnaInputNg(25.0).build(), false);
    }

    private static RunOutcome ihc(IhcCall call) {
        boolean stained = call == IhcCall.POSITIVE;
        return outcome(AssayType.PAN_TRK_IHC, IhcResult.newBuilder().setClone("EPR17341")
                .setPercentPositiveTumourCells(stained ? 40 : 0).setIntensity(stained ? 2 : 0)
                .setInternalControlOk(true).setCall(call).build(), false);
    }

    private static ReportedFusion fusion(String partner, NtrkGene gene, AssayType by) {
        String name = partner == null ? gene.name() : partner + "::" + gene;
        return ReportedFusion.newBuilder().setHgncName(name).setDescription(name).setNtrkGene(gene)
                .setFivePrimeGene(partner).setThreePrimeGene(partner == null ? null : gene.name()).setDetectedBy(by)
                .build();
    }
}
