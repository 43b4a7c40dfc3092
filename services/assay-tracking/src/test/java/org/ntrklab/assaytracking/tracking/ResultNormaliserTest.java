package org.ntrklab.assaytracking.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntrklab.events.AssayEventRejection;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.CfDnaResult;
import org.ntrklab.events.FishResult;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.RtPcrResult;
import org.ntrklab.platform.results.ResultNormaliser;

/** How each instrument's result becomes the normalised interpretation, and which results are refused. */
class ResultNormaliserTest {

    // ---- IHC ----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"POSITIVE,POSITIVE", "NEGATIVE,NEGATIVE", "EQUIVOCAL,EQUIVOCAL", "NON_EVALUABLE,NON_EVALUABLE"})
    void theIhcCallMapsThroughWhenTheInternalControlWorked(IhcCall call, AssayInterpretation expected) {
        ResultNormaliser.Normalised n = ResultNormaliser.normalise(AssayType.PAN_TRK_IHC,
                BenchResults.ihc(call).build());

        assertInterpretation(n, expected);
    }

    @ParameterizedTest
    @EnumSource(IhcCall.class)
    void aStainingWhoseInternalControlFailedIsNonEvaluableWhateverTheCall(IhcCall call) {
        IhcResult staining = BenchResults.ihc(call).setInternalControlOk(false).build();

        assertInterpretation(ResultNormaliser.normalise(AssayType.PAN_TRK_IHC, staining),
                AssayInterpretation.NON_EVALUABLE);
    }

    @Test
    void anIhcStainingOutsideTheScalesIsMalformed() {
        assertRefused(ResultNormaliser.normalise(AssayType.PAN_TRK_IHC,
                BenchResults.ihc(IhcCall.POSITIVE).setIntensity(5).build()), AssayEventRejection.MALFORMED_RESULT);
        assertRefused(ResultNormaliser.normalise(AssayType.PAN_TRK_IHC,
                BenchResults.ihc(IhcCall.POSITIVE).setPercentPositiveTumourCells(120.0).build()),
                AssayEventRejection.MALFORMED_RESULT);
    }

    // ---- NGS ----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = AssayType.class, names = {"RNA_NGS", "DNA_NGS"})
    void anNtrkFusionCalledBySequencingIsPositive(AssayType assay) {
        assertInterpretation(ResultNormaliser.normalise(assay, BenchResults.ngsEtv6Ntrk3()),
                AssayInterpretation.POSITIVE);
    }

    @Test
    void aFusionCallFromARunThatFailedItsOwnQcIsAFailedResult() {
        NgsResult result = BenchResults.ngs(MolecularCall.FUSION_DETECTED, BenchResults.etv6Ntrk3())
                .setRunQcPassed(false).build();

        assertInterpretation(ResultNormaliser.normalise(AssayType.RNA_NGS, result), AssayInterpretation.FAILED);
    }

    @Test
    void aNegativeCallFromARunThatFailedItsOwnQcIsAFailedResultNotANegative() {
        NgsResult result = BenchResults.ngs(MolecularCall.NO_FUSION_DETECTED).setRunQcPassed(false).build();

        assertInterpretation(ResultNormaliser.normalise(AssayType.RNA_NGS, result), AssayInterpretation.FAILED);
    }

    @Test
    void aFusionOfOtherGenesOnlyIsNotAnNtrkFusion() {
        NgsResult result = BenchResults.ngs(MolecularCall.FUSION_DETECTED, BenchResults.eml4Alk()).build();

        assertInterpretation(ResultNormaliser.normalise(AssayType.RNA_NGS, result), AssayInterpretation.NEGATIVE);
    }

    @Test
    void anNtrkFusionAmongOtherFusionsIsPositive() {
        NgsResult result = BenchResults.ngs(MolecularCall.FUSION_DETECTED, BenchResults.eml4Alk(),
                BenchResults.etv6Ntrk3()).build();

        assertInterpretation(ResultNormaliser.normalise(AssayType.RNA_NGS, result), AssayInterpretation.POSITIVE);
    }

    @ParameterizedTest
    @CsvSource({"NO_FUSION_DETECTED,NEGATIVE", "EQUIVOCAL,EQUIVOCAL", "FAILED,FAILED"})
    void theOtherSequencingCallsMapThrough(MolecularCall call, AssayInterpretation expected) {
        assertInterpretation(ResultNormaliser.normalise(AssayType.RNA_NGS, BenchResults.ngs(call).build()), expected);
    }

    @Test
    void aFusionCallThatListsNoFusionIsMalformed() {
        assertRefused(ResultNormaliser.normalise(AssayType.DNA_NGS,
                BenchResults.ngs(MolecularCall.FUSION_DETECTED).build()), AssayEventRejection.MALFORMED_RESULT);
    }

    // ---- cfDNA --------------------------------------------------------------------------------------------

    @Test
    void noFusionInPlasmaIsNegative() {
        assertInterpretation(ResultNormaliser.normalise(AssayType.CFDNA_NGS,
                BenchResults.cfDna(MolecularCall.NO_FUSION_DETECTED).build()), AssayInterpretation.NEGATIVE);
    }

    @Test
    void anNtrkFusionInPlasmaIsPositive() {
        assertInterpretation(ResultNormaliser.normalise(AssayType.CFDNA_NGS,
                BenchResults.cfDna(MolecularCall.FUSION_DETECTED, BenchResults.etv6Ntrk3()).build()),
                AssayInterpretation.POSITIVE);
    }

    @Test
    void aPlasmaFusionCallThatListsNoFusionIsMalformed() {
        assertRefused(ResultNormaliser.normalise(AssayType.CFDNA_NGS,
                BenchResults.cfDna(MolecularCall.FUSION_DETECTED).build()), AssayEventRejection.MALFORMED_RESULT);
    }

    // ---- FISH and RT-PCR ----------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"FUSION_DETECTED,POSITIVE", "NO_FUSION_DETECTED,NEGATIVE", "EQUIVOCAL,EQUIVOCAL", "FAILED,FAILED"})
    void theFishCallMaps(MolecularCall call, AssayInterpretation expected) {
        assertInterpretation(ResultNormaliser.normalise(AssayType.NTRK_FISH, BenchResults.fish(call).build()),
                expected);
    }

    @Test
    void aFishCountOutsideItsRangeIsMalformed() {
        assertRefused(ResultNormaliser.normalise(AssayType.NTRK_FISH,
                BenchResults.fish(MolecularCall.FUSION_DETECTED).setSplitSignalPercent(140.0).build()),
                AssayEventRejection.MALFORMED_RESULT);
        assertRefused(ResultNormaliser.normalise(AssayType.NTRK_FISH,
                BenchResults.fish(MolecularCall.NO_FUSION_DETECTED).setNucleiScored(-1).build()),
                AssayEventRejection.MALFORMED_RESULT);
    }

    @ParameterizedTest
    @CsvSource({"NO_FUSION_DETECTED,NEGATIVE", "EQUIVOCAL,EQUIVOCAL", "FAILED,FAILED"})
    void theRtPcrCallMaps(MolecularCall call, AssayInterpretation expected) {
        assertInterpretation(ResultNormaliser.normalise(AssayType.RT_PCR, BenchResults.rtPcr(call).build()),
                expected);
    }

    @Test
    void anRtPcrFusionWithItsDetectedTargetIsPositive() {
        assertInterpretation(ResultNormaliser.normalise(AssayType.RT_PCR,
                BenchResults.rtPcr(MolecularCall.FUSION_DETECTED, "ETV6::NTRK3").build()),
                AssayInterpretation.POSITIVE);
    }

    @Test
    @DisplayName("An RT-PCR 'no fusion' call that lists detected targets contradicts itself and is refused")
    void anRtPcrNegativeWithDetectedTargetsIsMalformed() {
        assertRefused(ResultNormaliser.normalise(AssayType.RT_PCR,
                BenchResults.rtPcr(MolecularCall.NO_FUSION_DETECTED, "ETV6::NTRK3").build()),
                AssayEventRejection.MALFORMED_RESULT);
    }

    @Test
    void anRtPcrFusionCallWithoutADetectedTargetIsMalformed() {
        assertRefused(ResultNormaliser.normalise(AssayType.RT_PCR,
                BenchResults.rtPcr(MolecularCall.FUSION_DETECTED).build()), AssayEventRejection.MALFORMED_RESULT);
    }

    // ---- result type per assay ----------------------------------------------------------------------------

    /** The record each assay's instrument produces, as the lab defines it (independent of the code under test). */
    private static final Map<AssayType, Class<?>> PRODUCES = new EnumMap<>(Map.of(
            AssayType.PAN_TRK_IHC, IhcResult.class,
            AssayType.NTRK_FISH, FishResult.class,
            AssayType.RT_PCR, RtPcrResult.class,
            AssayType.RNA_NGS, NgsResult.class,
            AssayType.DNA_NGS, NgsResult.class,
            AssayType.CFDNA_NGS, CfDnaResult.class));

    private static List<Object> oneOfEachResult() {
        return List.of(BenchResults.ihc(IhcCall.NEGATIVE).build(),
                BenchResults.fish(MolecularCall.NO_FUSION_DETECTED).build(),
                BenchResults.rtPcr(MolecularCall.NO_FUSION_DETECTED).build(),
                BenchResults.ngs(MolecularCall.NO_FUSION_DETECTED).build(),
                BenchResults.cfDna(MolecularCall.NO_FUSION_DETECTED).build());
    }

    static Stream<Arguments> wrongResultForAssay() {
        List<Arguments> cases = new ArrayList<>();
        for (AssayType assay : AssayType.values()) {
            for (Object result : oneOfEachResult()) {
                if (result.getClass() != PRODUCES.get(assay)) {
                    cases.add(Arguments.of(assay, result.getClass().getSimpleName(), result));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> rightResultForAssay() {
        List<Arguments> cases = new ArrayList<>();
        for (AssayType assay : AssayType.values()) {
            for (Object result : oneOfEachResult()) {
                if (result.getClass() == PRODUCES.get(assay)) {
                    cases.add(Arguments.of(assay, result.getClass().getSimpleName(), result));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} refuses a {1}")
    @MethodSource("wrongResultForAssay")
    void anAssayRefusesAnotherInstrumentsResult(AssayType assay, String type, Object result) {
        ResultNormaliser.Normalised n = ResultNormaliser.normalise(assay, result);

        assertRefused(n, AssayEventRejection.WRONG_RESULT_TYPE);
        assertThat(n.detail()).contains(type);
    }

    @ParameterizedTest(name = "{0} reads its {1}")
    @MethodSource("rightResultForAssay")
    void anAssayReadsItsOwnInstrumentsResult(AssayType assay, String type, Object result) {
        assertInterpretation(ResultNormaliser.normalise(assay, result), AssayInterpretation.NEGATIVE);
    }

    @ParameterizedTest
    @EnumSource(AssayType.class)
    void aCompletionWithoutAnyResultIsRefused(AssayType assay) {
        assertRefused(ResultNormaliser.normalise(assay, null), AssayEventRejection.WRONG_RESULT_TYPE);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("A sequencing 'no fusion' call that lists a fusion contradicts itself and is refused, never read as negative")
    void aNegativeCallListingAFusionIsMalformed() {
        assertRefused(ResultNormaliser.normalise(AssayType.RNA_NGS,
                BenchResults.ngs(MolecularCall.NO_FUSION_DETECTED, BenchResults.etv6Ntrk3()).build()),
                AssayEventRejection.MALFORMED_RESULT);
        assertRefused(ResultNormaliser.normalise(AssayType.CFDNA_NGS,
                BenchResults.cfDna(MolecularCall.NO_FUSION_DETECTED, BenchResults.eml4Alk()).build()),
                AssayEventRejection.MALFORMED_RESULT);
    }

    @Test
    @DisplayName("A percentage that is not a number is refused (NaN passes naive range checks)")
    void notANumberIsMalformed() {
        assertRefused(ResultNormaliser.normalise(AssayType.PAN_TRK_IHC,
                BenchResults.ihc(IhcCall.NEGATIVE).setPercentPositiveTumourCells(Double.NaN).build()),
                AssayEventRejection.MALFORMED_RESULT);
        assertRefused(ResultNormaliser.normalise(AssayType.NTRK_FISH,
                BenchResults.fish(MolecularCall.NO_FUSION_DETECTED).setSplitSignalPercent(Double.NaN).build()),
                AssayEventRejection.MALFORMED_RESULT);
    }

    @Test
    @DisplayName("An IHC call POSITIVE with no stained tumour cells is refused")
    void aPositiveStainWithoutStainedCellsIsMalformed() {
        assertRefused(ResultNormaliser.normalise(AssayType.PAN_TRK_IHC,
                BenchResults.ihc(IhcCall.POSITIVE).setPercentPositiveTumourCells(0).build()),
                AssayEventRejection.MALFORMED_RESULT);
        assertRefused(ResultNormaliser.normalise(AssayType.PAN_TRK_IHC,
                BenchResults.ihc(IhcCall.POSITIVE).setIntensity(0).build()), AssayEventRejection.MALFORMED_RESULT);
    }

    private static void assertInterpretation(ResultNormaliser.Normalised n, AssayInterpretation expected) {
        assertThat(n.refused()).as("refused: %s", n.detail()).isFalse();
        assertThat(n.rejection()).isNull();
        assertThat(n.interpretation()).isEqualTo(expected);
    }

    private static void assertRefused(ResultNormaliser.Normalised n, AssayEventRejection expected) {
        assertThat(n.refused()).isTrue();
        assertThat(n.rejection()).isEqualTo(expected);
        assertThat(n.interpretation()).isNull();
        assertThat(n.detail()).isNotBlank();
    }
}
