package org.ntrklab.simulator.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.IhcStainingPattern;

/** Pan-TRK IHC against Solomon et al., Mod Pathol 2020;33:38, Table 3. */
class PanTrkStainingTest {

    private static final int N = 12_000;
    private static final List<SimulatedCase> TISSUE = Cases.where(11, N, Cases::readableTissue);
    private final Bench bench = new Bench();

    @ParameterizedTest(name = "{0}: sensitivity {1}")
    @CsvSource({"TPM3_NTRK1, 0.962", "QKI_NTRK2, 1.0", "ETV6_NTRK3, 0.794"})
    @DisplayName("Sensitivity per NTRK gene: NTRK1 96.2%, NTRK2 100%, NTRK3 79.4% (Solomon 2020)")
    void sensitivityPerGene(String fusionName, double sensitivity) throws Exception {
        FusionTruth fusion = (FusionTruth) FusionPartners.class.getField(fusionName).get(null);
        double stained = stainedShare(Cases.profile("LUAD"), fusion);
        assertThat(stained).isCloseTo(sensitivity, offset(4 * Math.sqrt(sensitivity * (1 - sensitivity) / N) + 0.002));
    }

    @ParameterizedTest(name = "{0}: specificity {1}")
    @CsvSource({"LUAD, 1.0", "COADREAD, 1.0", "IDC, 0.821", "HNMASC, 0.52", "SARCNOS, 0.744", "GB, 0.208",
        "SKCM, 0.811"})
    @DisplayName("Specificity per tumour type: lung/colon 100%, breast 82.1%, salivary 52%, sarcoma 74.4%, glioma 20.8%,"
            + " overall 81.1% (Solomon 2020)")
    void specificityPerType(String code, double specificity) {
        double falsePositive = stainedShare(Cases.profile(code), null);
        assertThat(1 - falsePositive).isCloseTo(specificity,
                offset(4 * Math.sqrt(specificity * (1 - specificity) / N) + 0.002));
    }

    @Test
    @DisplayName("Patterns by partner (PathologyOutlines; Karakas 2024; Hechtman 2017): ETV6::NTRK3 nuclear +"
            + " cytoplasmic, TPR::NTRK1 perinuclear; clone EPR17341")
    void patterns() {
        TumourProfile lung = Cases.profile("LUAD");
        for (SimulatedCase c : TISSUE.subList(0, 500)) {
            IhcResult etv6 = ihc(Cases.withTruth(c, lung, FusionPartners.ETV6_NTRK3));
            if (etv6 == null) {
                continue; // a stainer error: no slide to read
            }
            assertThat(etv6.getClone()).isEqualTo("EPR17341");
            if (etv6.getCall() == IhcCall.POSITIVE) {
                assertThat(etv6.getPatterns()).containsExactly(IhcStainingPattern.NUCLEAR, IhcStainingPattern.CYTOPLASMIC);
                assertThat(etv6.getPercentPositiveTumourCells()).isPositive();
                assertThat(etv6.getIntensity()).isBetween(1, 3);
            }
            IhcResult tpr = ihc(Cases.withTruth(c, lung, FusionPartners.TPR_NTRK1));
            if (tpr != null && tpr.getCall() == IhcCall.POSITIVE) {
                assertThat(tpr.getPatterns()).containsExactly(IhcStainingPattern.PERINUCLEAR);
                assertThat(tpr.getIntensity()).isBetween(2, 3);
            }
            IhcResult negative = ihc(Cases.withTruth(c, lung, null));
            if (negative == null) {
                continue;
            }
            assertThat(negative.getCall()).isIn(IhcCall.NEGATIVE, IhcCall.NON_EVALUABLE);
            assertThat(negative.getPercentPositiveTumourCells()).isZero();
        }
    }

    @Test
    @DisplayName("A few stains are equivocal or not evaluable [D], and IHC never claims a fusion")
    void equivocalAndNonEvaluable() {
        TumourProfile lung = Cases.profile("LUAD");
        int equivocal = 0;
        int nonEvaluable = 0;
        for (SimulatedCase c : TISSUE.subList(0, 4000)) {
            RunOutcome o = bench.run(Cases.withTruth(c, lung, FusionPartners.TPM3_NTRK1), AssayType.PAN_TRK_IHC, 1);
            assertThat(o.fusionDetected()).isFalse();
            if (o.failed()) {
                continue;
            }
            IhcCall call = ((IhcResult) o.resultDetails()).getCall();
            equivocal += call == IhcCall.EQUIVOCAL ? 1 : 0;
            nonEvaluable += call == IhcCall.NON_EVALUABLE ? 1 : 0;
        }
        assertThat(equivocal / 4000.0).isBetween(0.02, 0.08);
        assertThat(nonEvaluable / 4000.0).isBetween(0.01, 0.04);
    }

    /** Share of evaluable stains that stain (POSITIVE or EQUIVOCAL) for tumours of a type and truth. */
    private double stainedShare(TumourProfile tumour, FusionTruth fusion) {
        int evaluable = 0;
        int stained = 0;
        for (SimulatedCase c : TISSUE) {
            IhcResult r = ihc(Cases.withTruth(c, tumour, fusion));
            if (r == null || !r.getInternalControlOk() || r.getCall() == IhcCall.NON_EVALUABLE) {
                continue;
            }
            evaluable++;
            stained += r.getCall() == IhcCall.NEGATIVE ? 0 : 1;
        }
        return stained / (double) evaluable;
    }

    private IhcResult ihc(SimulatedCase c) {
        RunOutcome o = bench.run(c, AssayType.PAN_TRK_IHC, 1);
        return o.failed() ? null : (IhcResult) o.resultDetails();
    }
}
