package org.ntrklab.accessioning.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.LabellingFlag;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.PriorOutsideResult;
import org.ntrklab.events.RejectionCode;
import org.ntrklab.events.RejectionReason;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.events.SpecimenType;
import org.ntrklab.events.TumourType;
import org.ntrklab.events.WorkRequest;
import org.ntrklab.events.WorkRequestType;
import org.ntrklab.testkit.LabEvents;

/** Every accessioning rule of the intake check, each on both sides of its edge. */
class SpecimenIntakeCheckTest {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** The receipt event's own time: the "now" the check measures dates against, never the wall clock. */
    private static final Instant REPORTED_AT = LabEvents.RECEIVED_AT.plus(LabEvents.REPORTING_DELAY);
    private static final Instant LATEST_ALLOWED = REPORTED_AT.plus(CLOCK_SKEW);

    private final SpecimenIntakeCheck check =
            new SpecimenIntakeCheck(AssaySpecimenCompatibility.defaults(), CLOCK_SKEW);

    /** One rejection reason as the LIMS sees it: what is wrong, which rule says so, and where. */
    record Expected(RejectionCode code, IntakeRule rule, String field) {
        Tuple asTuple() {
            return tuple(code, rule.id(), field);
        }
    }

    /** One row of the rule table; an empty {@code expected} means the specimen is accepted. */
    record IntakeCase(IntakeRule rule, String situation, SpecimenReceived receipt, List<Expected> expected) {
        @Override
        public String toString() {
            return rule.id() + ": " + situation + " (source: " + rule.source() + ")";
        }
    }

    static Stream<IntakeCase> intakeRules() {
        return Stream.of(requiredFields(), ageAtCollection(), tumourType(), specimenType(), bloodTube(), dateOrder(),
                futureDates(), plausibleDates(), labelling(), workRequest(), assayCompatibility(), fixation(), priorOutsideResults())
                .flatMap(rows -> rows);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("intakeRules")
    void eachRuleRejectsWhatItMustAndAcceptsTheEdge(IntakeCase row) {
        List<RejectionReason> reasons = check.check(row.receipt(), REPORTED_AT);

        assertThat(reasons)
                .extracting(RejectionReason::getCode, RejectionReason::getRuleId, RejectionReason::getField)
                .containsExactlyInAnyOrderElementsOf(row.expected().stream().map(Expected::asTuple).toList());
        assertThat(reasons).allSatisfy(reason -> assertThat(reason.getDetail()).isNotBlank());
    }

    @Test
    void theTableHasRowsForEveryRuleTheCheckApplies() {
        // Record key, duplicate, cancellation and order match are decided by the processor and the desk; field
        // limits before the desk (FieldLimitsTest and the topology test).
        Set<IntakeRule> checkRules = EnumSet.complementOf(EnumSet.of(IntakeRule.RECORD_KEY, IntakeRule.DUPLICATE,
                IntakeRule.CANCELLED, IntakeRule.ORDER_MATCH, IntakeRule.FIELD_LIMITS));

        assertThat(intakeRules().map(IntakeCase::rule)).containsAll(checkRules);
    }

    @Test
    void aSpecimenWithSeveralDefectsGetsEveryReasonAtOnce() {
        SpecimenReceived receipt = LabEvents.specimen(LabEvents.ffpeWorkUp()
                        .setPatientRef(" ")
                        .setAgeYears(131)
                        .setTumourType(tumour("luad"))
                        .setLabellingFlags(List.of(LabellingFlag.ILLEGIBLE_LABEL, LabellingFlag.CONTAINER_DAMAGED)),
                s -> s.setFixationHours(-2.0)).build();

        assertThat(check.check(receipt, REPORTED_AT))
                .extracting(RejectionReason::getCode, RejectionReason::getRuleId, RejectionReason::getField)
                .containsExactlyInAnyOrder(
                        tuple(RejectionCode.MISSING_FIELD, "ACC-REQUIRED-FIELDS", "patientRef"),
                        tuple(RejectionCode.MALFORMED_VALUE, "ACC-AGE", "ageYears"),
                        tuple(RejectionCode.MALFORMED_VALUE, "ACC-TUMOUR-TYPE", "tumourType.oncoTreeCode"),
                        tuple(RejectionCode.LABELLING_DEFECT, "ACC-LABELLING", "labellingFlags"),
                        tuple(RejectionCode.LABELLING_DEFECT, "ACC-LABELLING", "labellingFlags"),
                        tuple(RejectionCode.MALFORMED_VALUE, "ACC-FIXATION", "specimen.fixationHours"));
    }

    @Test
    void aValidFfpeWorkUpIsAccepted() {
        assertThat(check.check(LabEvents.ffpeWorkUp().build(), REPORTED_AT)).isEmpty();
    }

    @Test
    void aValidStreckPlasmaWorkUpIsAccepted() {
        assertThat(check.check(LabEvents.plasmaWorkUp(BloodTubeType.STRECK_BCT).build(), REPORTED_AT)).isEmpty();
    }

    @Test
    void aLabWithoutValidatedCfDnaNgsRefusesPlasmaForAWorkUp() {
        SpecimenIntakeCheck noCfDna = new SpecimenIntakeCheck(
                AssaySpecimenCompatibility.defaults().with(Map.of(AssayType.CFDNA_NGS, Set.<SpecimenType>of())),
                CLOCK_SKEW);

        assertThat(noCfDna.check(LabEvents.plasmaWorkUp(BloodTubeType.STRECK_BCT).build(), REPORTED_AT))
                .extracting(RejectionReason::getCode, RejectionReason::getRuleId, RejectionReason::getField)
                .containsExactly(tuple(RejectionCode.SPECIMEN_INCOMPATIBLE_WITH_ASSAYS, "ACC-ASSAY-COMPATIBILITY",
                        "specimen.specimenType"));
    }

    @Test
    void aTumourCodeWithControlCharactersIsQuotedPrintably() {
        SpecimenReceived receipt = LabEvents.ffpeWorkUp().setTumourType(tumour("LU\u0000AD\n")).build();

        assertThat(check.check(receipt, REPORTED_AT)).singleElement()
                .satisfies(reason -> assertThat(reason.getDetail()).contains("'LU?AD?'").doesNotContain("\n"));
    }

    // ---- the rule table ------------------------------------------------------------------------

    private static Stream<IntakeCase> requiredFields() {
        IntakeRule rule = IntakeRule.REQUIRED_FIELDS;
        return Stream.of("orderId", "patientRef", "orderingFacility").flatMap(field -> Stream.of(
                rejected(rule, field + " missing", without(field), RejectionCode.MISSING_FIELD, field),
                rejected(rule, field + " empty", with(field, ""), RejectionCode.MISSING_FIELD, field),
                rejected(rule, field + " blank", with(field, " \t"), RejectionCode.MISSING_FIELD, field)));
    }

    private static Stream<IntakeCase> ageAtCollection() {
        IntakeRule rule = IntakeRule.AGE;
        return Stream.of(
                rejected(rule, "age not stated", LabEvents.ffpeWorkUp().setAgeYears(null),
                        RejectionCode.MISSING_FIELD, "ageYears"),
                rejected(rule, "age -1 rejected", LabEvents.ffpeWorkUp().setAgeYears(-1),
                        RejectionCode.MALFORMED_VALUE, "ageYears"),
                accepted(rule, "newborn, age 0 accepted", LabEvents.ffpeWorkUp().setAgeYears(0)),
                accepted(rule, "age 130 accepted", LabEvents.ffpeWorkUp().setAgeYears(130)),
                rejected(rule, "age 131 rejected", LabEvents.ffpeWorkUp().setAgeYears(131),
                        RejectionCode.MALFORMED_VALUE, "ageYears"));
    }

    private static Stream<IntakeCase> tumourType() {
        IntakeRule rule = IntakeRule.TUMOUR_TYPE;
        String code = "tumourType.oncoTreeCode";
        return Stream.of(
                rejected(rule, "no coded tumour type", LabEvents.ffpeWorkUp().setTumourType(null),
                        RejectionCode.MISSING_FIELD, "tumourType"),
                rejected(rule, "empty OncoTree code", LabEvents.ffpeWorkUp().setTumourType(tumour("")),
                        RejectionCode.MISSING_FIELD, code),
                rejected(rule, "blank OncoTree code", LabEvents.ffpeWorkUp().setTumourType(tumour("  ")),
                        RejectionCode.MISSING_FIELD, code),
                rejected(rule, "lowercase code hnmasc", LabEvents.ffpeWorkUp().setTumourType(tumour("hnmasc")),
                        RejectionCode.MALFORMED_VALUE, code),
                rejected(rule, "code with punctuation HN-MASC", LabEvents.ffpeWorkUp().setTumourType(tumour("HN-MASC")),
                        RejectionCode.MALFORMED_VALUE, code),
                rejected(rule, "display text instead of a code",
                        LabEvents.ffpeWorkUp().setTumourType(tumour("Secretory carcinoma")),
                        RejectionCode.MALFORMED_VALUE, code),
                accepted(rule, "secretory carcinoma of the salivary gland, HNMASC",
                        LabEvents.ffpeWorkUp().setTumourType(tumour("HNMASC"))),
                accepted(rule, "infantile fibrosarcoma, IFS", LabEvents.ffpeWorkUp().setTumourType(tumour("IFS"))));
    }

    private static Stream<IntakeCase> specimenType() {
        IntakeRule rule = IntakeRule.SPECIMEN_TYPE;
        return Stream.concat(
                Stream.of(rejected(rule, "specimen type written by a newer LIMS schema",
                        LabEvents.specimen(LabEvents.ffpeWorkUp(),
                                s -> s.setSpecimenType(SpecimenType.UNRECOGNISED_SPECIMEN_TYPE)),
                        RejectionCode.UNKNOWN_CODE, "specimen.specimenType")),
                Stream.of(SpecimenType.FFPE_BLOCK, SpecimenType.FFPE_SLIDES, SpecimenType.FRESH_FROZEN,
                                SpecimenType.CYTOLOGY_CELL_BLOCK)
                        .map(type -> accepted(rule, type + " accepted",
                                LabEvents.specimen(LabEvents.ffpeWorkUp(), s -> s.setSpecimenType(type)))));
    }

    private static Stream<IntakeCase> bloodTube() {
        IntakeRule rule = IntakeRule.BLOOD_TUBE;
        return Stream.of(
                rejected(rule, "plasma without a tube type", LabEvents.plasmaWorkUp(null),
                        RejectionCode.MISSING_FIELD, "specimen.bloodTubeType"),
                rejected(rule, "plasma in a tube this version does not know",
                        LabEvents.plasmaWorkUp(BloodTubeType.UNRECOGNISED_TUBE),
                        RejectionCode.UNKNOWN_CODE, "specimen.bloodTubeType"),
                accepted(rule, "plasma in a Streck BCT", LabEvents.plasmaWorkUp(BloodTubeType.STRECK_BCT)),
                accepted(rule, "plasma in a K2EDTA tube", LabEvents.plasmaWorkUp(BloodTubeType.K2EDTA)));
    }

    private static Stream<IntakeCase> dateOrder() {
        IntakeRule rule = IntakeRule.DATE_ORDER;
        return Stream.of(
                rejected(rule, "collected a minute after lab receipt", LabEvents.specimen(LabEvents.ffpeWorkUp(),
                                s -> s.setCollectedAt(LabEvents.RECEIVED_AT.plus(Duration.ofMinutes(1)))),
                        RejectionCode.COLLECTED_AFTER_RECEIPT, "specimen.collectedAt"),
                accepted(rule, "collected at the moment of receipt", LabEvents.specimen(LabEvents.ffpeWorkUp(),
                        s -> s.setCollectedAt(LabEvents.RECEIVED_AT))));
    }

    private static Stream<IntakeCase> plausibleDates() {
        IntakeRule rule = IntakeRule.PLAUSIBLE_DATE;
        Instant earliest = Instant.parse("1900-01-01T00:00:00Z");
        return Stream.of(
                rejected(rule, "collected 1 ms before 1900", LabEvents.specimen(LabEvents.ffpeWorkUp(),
                                s -> s.setCollectedAt(earliest.minusMillis(1))),
                        RejectionCode.MALFORMED_VALUE, "specimen.collectedAt"),
                accepted(rule, "collected on 1 January 1900 (an archival block; block age is a QC matter)",
                        LabEvents.specimen(LabEvents.ffpeWorkUp(), s -> s.setCollectedAt(earliest))));
    }

    private static Stream<IntakeCase> futureDates() {
        IntakeRule rule = IntakeRule.FUTURE_DATE;
        Instant beyond = LATEST_ALLOWED.plusMillis(1);
        return Stream.of(
                rejected(rule, "received 1 ms beyond the clock-skew allowance", LabEvents.specimen(LabEvents.ffpeWorkUp(),
                                s -> s.setReceivedAt(beyond)),
                        RejectionCode.DATE_IN_FUTURE, "specimen.receivedAt"),
                // Collection cannot lie in the future alone: receipt, which follows it, does too.
                new IntakeCase(rule, "collected and received 1 ms beyond the clock-skew allowance",
                        LabEvents.specimen(LabEvents.ffpeWorkUp(), s -> s.setCollectedAt(beyond).setReceivedAt(beyond))
                                .build(),
                        List.of(new Expected(RejectionCode.DATE_IN_FUTURE, rule, "specimen.collectedAt"),
                                new Expected(RejectionCode.DATE_IN_FUTURE, rule, "specimen.receivedAt"))),
                accepted(rule, "received exactly at the clock-skew allowance", LabEvents.specimen(LabEvents.ffpeWorkUp(),
                        s -> s.setReceivedAt(LATEST_ALLOWED))),
                accepted(rule, "collected and received exactly at the clock-skew allowance",
                        LabEvents.specimen(LabEvents.ffpeWorkUp(),
                                s -> s.setCollectedAt(LATEST_ALLOWED).setReceivedAt(LATEST_ALLOWED))));
    }

    private static Stream<IntakeCase> labelling() {
        IntakeRule rule = IntakeRule.LABELLING;
        return Stream.concat(
                Arrays.stream(LabellingFlag.values()).map(flag -> rejected(rule, "LIMS flags " + flag,
                        LabEvents.ffpeWorkUp().setLabellingFlags(List.of(flag)),
                        RejectionCode.LABELLING_DEFECT, "labellingFlags")),
                Stream.of(accepted(rule, "no labelling flags", LabEvents.ffpeWorkUp().setLabellingFlags(List.of()))));
    }

    private static Stream<IntakeCase> workRequest() {
        IntakeRule rule = IntakeRule.WORK_REQUEST;
        return Stream.of(
                rejected(rule, "explicit request naming no assay", explicit(LabEvents.ffpeWorkUp()),
                        RejectionCode.MISSING_FIELD, "workRequest.assays"),
                accepted(rule, "explicit request for pan-TRK IHC", explicit(LabEvents.ffpeWorkUp(),
                        AssayType.PAN_TRK_IHC)));
    }

    private static Stream<IntakeCase> assayCompatibility() {
        IntakeRule rule = IntakeRule.ASSAY_COMPATIBILITY;
        return Stream.of(
                rejected(rule, "plasma with only pan-TRK IHC requested",
                        explicit(LabEvents.plasmaWorkUp(BloodTubeType.STRECK_BCT), AssayType.PAN_TRK_IHC),
                        RejectionCode.SPECIMEN_INCOMPATIBLE_WITH_ASSAYS, "workRequest.assays"),
                rejected(rule, "FFPE block with only cfDNA NGS requested",
                        explicit(LabEvents.ffpeWorkUp(), AssayType.CFDNA_NGS),
                        RejectionCode.SPECIMEN_INCOMPATIBLE_WITH_ASSAYS, "workRequest.assays"),
                rejected(rule, "fresh-frozen tissue with only pan-TRK IHC requested",
                        explicit(LabEvents.specimen(LabEvents.ffpeWorkUp(),
                                s -> s.setSpecimenType(SpecimenType.FRESH_FROZEN)), AssayType.PAN_TRK_IHC),
                        RejectionCode.SPECIMEN_INCOMPATIBLE_WITH_ASSAYS, "workRequest.assays"),
                accepted(rule, "plasma with pan-TRK IHC and cfDNA NGS requested",
                        explicit(LabEvents.plasmaWorkUp(BloodTubeType.STRECK_BCT), AssayType.PAN_TRK_IHC,
                                AssayType.CFDNA_NGS)),
                accepted(rule, "fresh-frozen tissue with RNA NGS requested",
                        explicit(LabEvents.specimen(LabEvents.ffpeWorkUp(),
                                s -> s.setSpecimenType(SpecimenType.FRESH_FROZEN)), AssayType.RNA_NGS)),
                accepted(rule, "plasma for an NTRK work-up",
                        LabEvents.plasmaWorkUp(BloodTubeType.K2EDTA)));
    }

    private static Stream<IntakeCase> fixation() {
        IntakeRule rule = IntakeRule.FIXATION;
        String field = "specimen.fixationHours";
        return Stream.of(
                rejected(rule, "fixation -1 h", fixedFor(-1.0), RejectionCode.MALFORMED_VALUE, field),
                rejected(rule, "fixation NaN h", fixedFor(Double.NaN), RejectionCode.MALFORMED_VALUE, field),
                rejected(rule, "fixation infinite", fixedFor(Double.POSITIVE_INFINITY),
                        RejectionCode.MALFORMED_VALUE, field),
                accepted(rule, "fixation 0 h", fixedFor(0.0)),
                accepted(rule, "fixation 72 h", fixedFor(72.0)),
                accepted(rule, "fixation time not stated", fixedFor(null)));
    }

    private static Stream<IntakeCase> priorOutsideResults() {
        IntakeRule rule = IntakeRule.PRIOR_RESULT;
        return Stream.of(
                rejected(rule, "second outside report dated 31/01/2026",
                        LabEvents.ffpeWorkUp().setPriorOutsideResults(List.of(outsideResult("2026-01-31"),
                                outsideResult("31/01/2026"))),
                        RejectionCode.MALFORMED_VALUE, "priorOutsideResults[1].reportedOn"),
                rejected(rule, "outside report dated 2026-02-30",
                        LabEvents.ffpeWorkUp().setPriorOutsideResults(List.of(outsideResult("2026-02-30"))),
                        RejectionCode.MALFORMED_VALUE, "priorOutsideResults[0].reportedOn"),
                accepted(rule, "outside report dated 2026-01-31",
                        LabEvents.ffpeWorkUp().setPriorOutsideResults(List.of(outsideResult("2026-01-31")))),
                accepted(rule, "outside report without a date",
                        LabEvents.ffpeWorkUp().setPriorOutsideResults(List.of(outsideResult(null)))));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static IntakeCase rejected(IntakeRule rule, String situation, SpecimenReceived.Builder receipt,
            RejectionCode code, String field) {
        return rejected(rule, situation, receipt.build(), code, field);
    }

    private static IntakeCase rejected(IntakeRule rule, String situation, SpecimenReceived receipt,
            RejectionCode code, String field) {
        return new IntakeCase(rule, situation + " is rejected", receipt, List.of(new Expected(code, rule, field)));
    }

    private static IntakeCase accepted(IntakeRule rule, String situation, SpecimenReceived.Builder receipt) {
        return new IntakeCase(rule, situation + " is accepted", receipt.build(), List.of());
    }

    private static SpecimenReceived with(String field, String value) {
        SpecimenReceived receipt = LabEvents.ffpeWorkUp().build();
        receipt.put(field, value);
        return receipt;
    }

    /** A receipt lacking a field the schema declares required (the generated builder refuses the null). */
    private static SpecimenReceived without(String field) {
        return with(field, null);
    }

    private static TumourType tumour(String oncoTreeCode) {
        return TumourType.newBuilder().setOncoTreeCode(oncoTreeCode).setText("as sent by the LIMS").build();
    }

    private static SpecimenReceived.Builder explicit(SpecimenReceived.Builder receipt, AssayType... assays) {
        return receipt.setWorkRequest(WorkRequest.newBuilder().setType(WorkRequestType.EXPLICIT_ASSAYS)
                .setAssays(List.of(assays)).build());
    }

    private static SpecimenReceived.Builder fixedFor(Double hours) {
        return LabEvents.specimen(LabEvents.ffpeWorkUp(), s -> s.setFixationHours(hours));
    }

    private static PriorOutsideResult outsideResult(String reportedOn) {
        return PriorOutsideResult.newBuilder().setAssay(AssayType.RNA_NGS).setCall(OverallCall.POSITIVE)
                .setFusion("ETV6::NTRK3").setReportedOn(reportedOn).build();
    }
}
