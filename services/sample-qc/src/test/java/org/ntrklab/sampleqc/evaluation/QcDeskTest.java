package org.ntrklab.sampleqc.evaluation;

import org.ntrklab.platform.cases.Decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.ntrklab.testkit.LabEvents.RECEIVED_AT;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.Analyte;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.NucleicAcidExtracted;
import org.ntrklab.events.QcFinding;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.platform.limits.FieldViolation;
import org.ntrklab.events.QcMetric;
import org.ntrklab.events.QcRejectionCode;
import org.ntrklab.events.QcRejectionReason;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.events.WorkRequest;
import org.ntrklab.events.WorkRequestType;
import org.ntrklab.sampleqc.rules.MetricSource;
import org.ntrklab.sampleqc.rules.QcRuleTableLoader;
import org.ntrklab.testkit.LabEvents;

/** The QC desk of one accession, driven input by input as the processor drives it, without Kafka. */
class QcDeskTest {

    private static final String ACCESSION = "NTRK26-000417";
    private static final Duration ORPHAN_TIMEOUT = Duration.ofDays(7);
    private static final Duration IDLE_RETENTION = Duration.ofDays(400);

    private final QcDesk desk = new QcDesk(new QcEvaluator(QcRuleTableLoader.defaults()), ORPHAN_TIMEOUT,
            IDLE_RETENTION);

    /** The case as the processor would keep it after each step. */
    private QcCase kept;

    // ---- accession and order of arrival --------------------------------------------------------------------

    @Test
    void tumourContentBeforeItsAccessionIsKeptWithoutAnyOutput() {
        Decision<QcCase, QcOutput> step = measure(tumourContent(60.0, hoursAfterReceipt(2)));

        assertThat(step.outcome()).isEqualTo("awaiting_accession");
        assertThat(step.outputs()).isEmpty();
        assertThat(kept.accessioned()).isFalse();
        assertThat(kept.measurements()).containsKey(MetricSource.TUMOUR_CONTENT);
    }

    @Test
    void tumourContentThatCameFirstIsDecidedWhenTheAccessionArrives() {
        measure(tumourContent(60.0, hoursAfterReceipt(2)));
        AccessionEvent accession = accession(LabEvents.ffpeWorkUp());

        Decision<QcCase, QcOutput> step = accession(accession);

        // IHC and FISH need only the H&E and the specimen itself; the molecular assays wait for extractions.
        Map<AssayType, QcOutput.Decided> decided = decided(step);
        assertThat(decided).containsOnlyKeys(AssayType.PAN_TRK_IHC, AssayType.NTRK_FISH);
        assertThat(decided.values()).allSatisfy(d -> {
            assertThat(d.decision().verdict()).isEqualTo(QcVerdict.PASS);
            assertThat(d.causationId()).isEqualTo(accession.getEventId());
            assertThat(d.supersedesEventId()).isNull();
        });
    }

    @Test
    void accessionWithoutAnyMeasurementDecidesNothingYetForATissueWorkUp() {
        Decision<QcCase, QcOutput> step = accession(accession(LabEvents.ffpeWorkUp()));

        assertThat(step.outcome()).isEqualTo("accessioned");
        assertThat(step.outputs()).isEmpty();
        assertThat(kept.assays()).containsExactlyInAnyOrder(AssayType.PAN_TRK_IHC, AssayType.NTRK_FISH,
                AssayType.RT_PCR, AssayType.RNA_NGS, AssayType.DNA_NGS);
    }

    @Test
    void sameAccessionDeliveredTwiceIsADuplicate() {
        AccessionEvent accession = accession(LabEvents.ffpeWorkUp());
        accession(accession);

        Decision<QcCase, QcOutput> again = accession(accession);

        assertThat(again.outcome()).isEqualTo("duplicate");
        assertThat(again.outputs()).isEmpty();
    }

    @Test
    void explicitIhcOrderOnPlasmaFailsAtAccessionOnSpecimenType() {
        SpecimenReceived.Builder ihcOnPlasma = LabEvents.plasmaWorkUp(BloodTubeType.STRECK_BCT)
                .setWorkRequest(WorkRequest.newBuilder().setType(WorkRequestType.EXPLICIT_ASSAYS)
                        .setAssays(List.of(AssayType.PAN_TRK_IHC)).build());

        Decision<QcCase, QcOutput> step = accession(accession(ihcOnPlasma));

        Map<AssayType, QcOutput.Decided> decided = decided(step);
        assertThat(decided).containsOnlyKeys(AssayType.PAN_TRK_IHC);
        QcDecision decision = decided.get(AssayType.PAN_TRK_IHC).decision();
        assertThat(decision.verdict()).isEqualTo(QcVerdict.FAIL);
        assertThat(decision.findings()).anySatisfy(f -> {
            assertThat(f.getMetric()).isEqualTo(QcMetric.SPECIMEN_TYPE);
            assertThat(f.getVerdict()).isEqualTo(QcVerdict.FAIL);
            assertThat(f.getMeasuredCategory()).isEqualTo("PLASMA_CFDNA_TUBE");
        });
    }

    // ---- re-extraction and redelivery ------------------------------------------------------------------------

    @Test
    void reExtractionWithLowerDv200SupersedesTheRnaDecisions() {
        accessionedWithTumourContent();
        Map<AssayType, QcOutput.Decided> first = decided(measure(rnaExtraction(150, 72.0, hoursAfterReceipt(24))));
        assertThat(first).containsOnlyKeys(AssayType.RT_PCR, AssayType.RNA_NGS);
        QcMeasurementEvent reExtraction = rnaExtraction(140, 24.0, hoursAfterReceipt(48));

        Decision<QcCase, QcOutput> step = measure(reExtraction);

        assertThat(step.outcome()).isEqualTo("evaluated");
        Map<AssayType, QcOutput.Decided> second = decided(step);
        assertThat(second).containsOnlyKeys(AssayType.RT_PCR, AssayType.RNA_NGS);
        for (AssayType assay : List.of(AssayType.RT_PCR, AssayType.RNA_NGS)) {
            QcOutput.Decided d = second.get(assay);
            assertThat(d.supersedesEventId()).as(assay + " supersedes").isEqualTo(first.get(assay).eventId());
            assertThat(d.eventId()).isNotEqualTo(first.get(assay).eventId());
            assertThat(d.causationId()).isEqualTo(reExtraction.getEventId());
            assertThat(d.decision().verdict()).isEqualTo(QcVerdict.FAIL);
            assertThat(finding(d.decision(), "QC-RNA-DV200").getMeasuredValue()).isEqualTo(24.0);
        }
    }

    @Test
    void identicalReMeasurementWritesNothing() {
        accessionedWithTumourContent();
        QcMeasurementEvent extraction = rnaExtraction(150, 72.0, hoursAfterReceipt(24));
        measure(extraction);
        QcMeasurementEvent sameValuesAgain = QcMeasurementEvent.newBuilder(extraction)
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(hoursAfterReceipt(30)).build();

        Decision<QcCase, QcOutput> step = measure(sameValuesAgain);

        assertThat(step.outcome()).isEqualTo("no_change");
        assertThat(step.outputs()).isEmpty();
    }

    @Test
    void sameMeasurementEventDeliveredTwiceIsADuplicate() {
        accessionedWithTumourContent();
        QcMeasurementEvent extraction = rnaExtraction(150, 72.0, hoursAfterReceipt(24));
        measure(extraction);

        Decision<QcCase, QcOutput> again = measure(extraction);

        assertThat(again.outcome()).isEqualTo("duplicate");
        assertThat(again.outputs()).isEmpty();
        assertThat(again.delete()).isFalse();
    }

    @Test
    void olderExtractionDeliveredLateDoesNotReplaceTheNewerOne() {
        accessionedWithTumourContent();
        measure(rnaExtraction(140, 24.0, hoursAfterReceipt(48)));

        Decision<QcCase, QcOutput> late = measure(rnaExtraction(150, 72.0, hoursAfterReceipt(24)));

        assertThat(late.outcome()).isEqualTo("superseded");
        assertThat(late.outputs()).isEmpty();
        assertThat(kept.measurements().get(MetricSource.RNA_EXTRACTION).dv200Percent()).isEqualTo(24.0);
        assertThat(kept.decisions().get(AssayType.RNA_NGS).verdict()).isEqualTo(QcVerdict.FAIL.name());
    }

    // ---- rejected measurements -------------------------------------------------------------------------------

    @Test
    void malformedExtractionIsRejectedWithEveryReason() {
        accessionedWithTumourContent();
        QcMeasurementEvent extraction = extraction(Analyte.RNA, -12.0, 120.0, null, hoursAfterReceipt(24));
        QcMeasurementEvent malformed = QcMeasurementEvent.newBuilder(extraction)
                .setPayload(NucleicAcidExtracted.newBuilder((NucleicAcidExtracted) extraction.getPayload())
                        .setExtractionId(" ").build())
                .build();

        Decision<QcCase, QcOutput> step = measure(malformed);

        assertThat(step.outcome()).isEqualTo("rejected");
        QcOutput.MeasurementRejected rejected = onlyRejection(step);
        assertThat(rejected.measurementEventId()).isEqualTo(malformed.getEventId());
        assertThat(rejected.measurementType()).isEqualTo("NucleicAcidExtracted");
        assertThat(rejected.reasons()).extracting(QcRejectionReason::getCode, QcRejectionReason::getField)
                .containsExactlyInAnyOrder(
                        tuple(QcRejectionCode.MISSING_FIELD, "extractionId"),
                        tuple(QcRejectionCode.MALFORMED_VALUE, "yieldNg"),
                        tuple(QcRejectionCode.MALFORMED_VALUE, "dv200Percent"));
        assertThat(kept.measurements()).doesNotContainKey(MetricSource.RNA_EXTRACTION);
        assertThat(kept.decisions()).doesNotContainKeys(AssayType.RNA_NGS, AssayType.RT_PCR);
    }

    @Test
    void nonFiniteDeltaCtIsRejected() {
        accessionedWithTumourContent();

        Decision<QcCase, QcOutput> step = measure(extraction(Analyte.DNA, 400, null, Double.NaN, hoursAfterReceipt(24)));

        assertThat(onlyRejection(step).reasons()).extracting(QcRejectionReason::getCode, QcRejectionReason::getField)
                .containsExactly(tuple(QcRejectionCode.MALFORMED_VALUE, "ffpeDeltaCt"));
    }

    @Test
    void tumourNucleiReportedWhereNoTumourCellsWereFoundIsRejected() {
        accession(accession(LabEvents.ffpeWorkUp()));
        QcMeasurementEvent contradictory = LabEvents.tumourContent(ACCESSION, false, 30.0, hoursAfterReceipt(2));

        Decision<QcCase, QcOutput> step = measure(contradictory);

        QcOutput.MeasurementRejected rejected = onlyRejection(step);
        assertThat(rejected.measurementType()).isEqualTo("TumorContentAssessed");
        assertThat(rejected.reasons()).extracting(QcRejectionReason::getCode, QcRejectionReason::getField)
                .containsExactly(tuple(QcRejectionCode.MALFORMED_VALUE,
                        "tumourNucleiPercent"));
        assertThat(kept.measurements()).doesNotContainKey(MetricSource.TUMOUR_CONTENT);
    }

    @Test
    void tumourNucleiAbove100PercentIsRejected() {
        accession(accession(LabEvents.ffpeWorkUp()));

        Decision<QcCase, QcOutput> step = measure(tumourContent(130.0, hoursAfterReceipt(2)));

        assertThat(onlyRejection(step).reasons()).extracting(QcRejectionReason::getCode)
                .containsExactly(QcRejectionCode.MALFORMED_VALUE);
    }

    @Test
    void rnaExtractionForAPlasmaAccessionIsIncompatible() {
        accession(accession(LabEvents.plasmaWorkUp(BloodTubeType.STRECK_BCT)));

        Decision<QcCase, QcOutput> step = measure(rnaExtraction(150, 72.0, hoursAfterReceipt(24)));

        assertThat(onlyRejection(step).reasons()).extracting(QcRejectionReason::getCode)
                .containsExactly(QcRejectionCode.ANALYTE_INCOMPATIBLE_WITH_SPECIMEN);
        assertThat(kept.measurements()).isEmpty();
    }

    @Test
    void cfDnaExtractionForATissueAccessionIsIncompatible() {
        accession(accession(LabEvents.ffpeWorkUp()));

        Decision<QcCase, QcOutput> step = measure(extraction(Analyte.CFDNA, 35, null, null, hoursAfterReceipt(24)));

        assertThat(onlyRejection(step).reasons()).extracting(QcRejectionReason::getCode)
                .containsExactly(QcRejectionCode.ANALYTE_INCOMPATIBLE_WITH_SPECIMEN);
    }

    @Test
    void rnaExtractionThatCameBeforeItsPlasmaAccessionIsRejectedOnArrivalOfTheAccession() {
        QcMeasurementEvent early = rnaExtraction(150, 72.0, hoursAfterReceipt(-1));
        measure(early);

        Decision<QcCase, QcOutput> step = accession(accession(LabEvents.plasmaWorkUp(BloodTubeType.K2EDTA)));

        QcOutput.MeasurementRejected rejected = onlyRejection(step);
        assertThat(rejected.measurementEventId()).isEqualTo(early.getEventId());
        assertThat(rejected.reasons()).extracting(QcRejectionReason::getCode)
                .containsExactly(QcRejectionCode.ANALYTE_INCOMPATIBLE_WITH_SPECIMEN);
        assertThat(kept.measurements()).isEmpty();
    }

    @Test
    void measurementAfterCancellationIsRejected() {
        accession(accession(LabEvents.ffpeWorkUp()));
        kept = apply(desk.cancelled(kept, ACCESSION, wall(hoursAfterReceipt(3))));

        Decision<QcCase, QcOutput> step = measure(tumourContent(60.0, hoursAfterReceipt(4)));

        assertThat(onlyRejection(step).reasons()).extracting(QcRejectionReason::getCode)
                .containsExactly(QcRejectionCode.ACCESSION_CANCELLED);
    }

    @Test
    void measurementWaitingForAnAccessionThatIsCancelledIsRejected() {
        QcMeasurementEvent early = tumourContent(60.0, hoursAfterReceipt(1));
        measure(early);

        Decision<QcCase, QcOutput> step = desk.cancelled(kept, ACCESSION, wall(hoursAfterReceipt(3)));

        QcOutput.MeasurementRejected rejected = onlyRejection(step);
        assertThat(rejected.measurementEventId()).isEqualTo(early.getEventId());
        assertThat(rejected.reasons()).extracting(QcRejectionReason::getCode)
                .containsExactly(QcRejectionCode.ACCESSION_CANCELLED);
    }

    @Test
    void measurementKeyedUnderAnotherAccessionIsRejected() {
        QcMeasurementEvent measurement = tumourContent(60.0, hoursAfterReceipt(2));

        assertThat(QcDesk.filable("NTRK26-000999", measurement)).isFalse();
        Decision<QcCase, QcOutput> step = QcDesk.misfiled("NTRK26-000999", measurement, List.of(), measurement.getOccurredAt());

        assertThat(onlyRejection(step).reasons()).extracting(QcRejectionReason::getCode)
                .containsExactly(QcRejectionCode.WRONG_KEY);
        assertThat(step.state()).isNull();
        assertThat(step.delete()).isFalse();
    }

    @Test
    void measurementWithFieldsOutsideTheirLimitsIsRejectedNamingEachFieldAndQuotingNone() {
        // docs/field-limits.md: identifiers hold at most 64 printable characters
        QcMeasurementEvent measurement = tumourContent(60.0, hoursAfterReceipt(2));
        List<FieldViolation> violations = List.of(new FieldViolation("blockId", "is 5000 characters long; at most 64"),
                new FieldViolation("source", "holds a control or formatting character (U+0007) at position 3"));

        Decision<QcCase, QcOutput> step = QcDesk.misfiled(measurement.getAccessionId(), measurement, violations, measurement.getOccurredAt());

        assertThat(onlyRejection(step).reasons()).extracting(QcRejectionReason::getCode, QcRejectionReason::getField)
                .containsExactly(tuple(QcRejectionCode.MALFORMED_VALUE, "blockId"),
                        tuple(QcRejectionCode.MALFORMED_VALUE, "source"));
        assertThat(step.state()).isNull();
    }

    // ---- housekeeping ----------------------------------------------------------------------------------------

    @Test
    void measurementsWhoseAccessionNeverArrivesAreRejectedEachAfterItsOwnWait() {
        QcMeasurementEvent tumour = tumourContent(60.0, hoursAfterReceipt(1));
        QcMeasurementEvent rna = rnaExtraction(150, 72.0, hoursAfterReceipt(2));
        measure(tumour);
        measure(rna);

        // The tumour content has waited the full timeout; the RNA extraction, an hour less.
        Decision<QcCase, QcOutput> first = desk.expire(kept, wall(hoursAfterReceipt(1)) + ORPHAN_TIMEOUT.toMillis());
        assertThat(first.outcome()).isEqualTo("orphaned");
        assertThat(first.delete()).isFalse();
        assertThat(rejections(first)).extracting(QcOutput.MeasurementRejected::measurementEventId)
                .containsExactly(tumour.getEventId());
        assertThat(rejections(first)).allSatisfy(r -> assertThat(r.reasons())
                .extracting(QcRejectionReason::getCode).containsExactly(QcRejectionCode.UNKNOWN_ACCESSION));
        kept = apply(first);
        assertThat(kept.measurements()).containsOnlyKeys(MetricSource.RNA_EXTRACTION);

        Decision<QcCase, QcOutput> second = desk.expire(kept, wall(hoursAfterReceipt(2)) + ORPHAN_TIMEOUT.toMillis());
        assertThat(second.delete()).isTrue();
        assertThat(rejections(second)).extracting(QcOutput.MeasurementRejected::measurementEventId)
                .containsExactly(rna.getEventId());
    }

    @Test
    void measurementsWaitForTheirAccessionUntilTheOrphanTimeout() {
        measure(tumourContent(60.0, hoursAfterReceipt(1)));

        Decision<QcCase, QcOutput> step = desk.expire(kept, kept.firstSeenWallMillis() + ORPHAN_TIMEOUT.toMillis() - 1);

        assertThat(step.delete()).isFalse();
        assertThat(step.outputs()).isEmpty();
    }

    @Test
    void idleCaseIsForgottenAfterRetentionWithoutWritingAnything() {
        accessionedWithTumourContent();
        long lastUpdate = kept.lastUpdateWallMillis();

        Decision<QcCase, QcOutput> step = desk.expire(kept, lastUpdate + IDLE_RETENTION.toMillis());

        assertThat(step.delete()).isTrue();
        assertThat(step.outputs()).isEmpty();
    }

    @Test
    void activeCaseIsKeptWithinRetention() {
        accessionedWithTumourContent();

        Decision<QcCase, QcOutput> step = desk.expire(kept, kept.lastUpdateWallMillis() + IDLE_RETENTION.toMillis() - 1);

        assertThat(step.delete()).isFalse();
        assertThat(step.outputs()).isEmpty();
    }

    // ---- re-assessment and implausible input ------------------------------------------------------------------

    @Test
    void reAssessingTheSameBlockWithoutAPercentageKeepsTheKnownPercentageAndItsFail() {
        // 5% tumour nuclei fails RNA-NGS (< 10%, Mayo & Quest NTRK RNA panels).
        accession(accession(LabEvents.ffpeWorkUp()));
        measure(rnaExtraction(150, 72.0, hoursAfterReceipt(2)));
        Decision<QcCase, QcOutput> low = measure(tumourContent(5.0, hoursAfterReceipt(3)));
        assertThat(decided(low, AssayType.RNA_NGS).decision().verdict()).isEqualTo(QcVerdict.FAIL);

        // The same block (A1) assessed again, cells seen, no percentage given: 5% still stands.
        Decision<QcCase, QcOutput> again = measure(LabEvents.tumourContent(ACCESSION, true, null, hoursAfterReceipt(4)));
        assertThat(again.outputs()).noneMatch(o -> o instanceof QcOutput.Decided d
                && d.decision().assay() == AssayType.RNA_NGS);
        assertThat(kept.measurements().get(MetricSource.TUMOUR_CONTENT).tumourNucleiPercent()).isEqualTo(5.0);
    }

    @Test
    void anotherBlockReplacesTheEarlierAssessmentWhole() {
        accession(accession(LabEvents.ffpeWorkUp()));
        measure(tumourContent(5.0, hoursAfterReceipt(3)));
        QcMeasurementEvent blockB = QcMeasurementEvent.newBuilder(tumourContent(45.0, hoursAfterReceipt(5)))
                .setPayload(org.ntrklab.events.TumorContentAssessed.newBuilder().setTumourCellsPresent(true)
                        .setTumourNucleiPercent(45.0).setBlockId("B2").build())
                .build();
        measure(blockB);
        assertThat(kept.measurements().get(MetricSource.TUMOUR_CONTENT).blockId()).isEqualTo("B2");
        assertThat(kept.measurements().get(MetricSource.TUMOUR_CONTENT).tumourNucleiPercent()).isEqualTo(45.0);
    }

    @Test
    void aMeasurementDatedBefore2000IsRejectedAsMalformed() {
        accession(accession(LabEvents.ffpeWorkUp()));
        Decision<QcCase, QcOutput> step = measure(tumourContent(50.0, Instant.parse("1970-01-01T00:00:00Z")));
        assertThat(onlyRejection(step).reasons()).extracting(QcRejectionReason::getField).containsExactly("occurredAt");
        assertThat(kept.measurements()).doesNotContainKey(MetricSource.TUMOUR_CONTENT);
    }

    @Test
    void idleRetentionShorterThanTheOrphanTimeoutIsRefused() {
        assertThatThrownBy(() -> new QcDesk(new QcEvaluator(QcRuleTableLoader.defaults()), Duration.ofDays(7),
                Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orphan timeout");
    }

    private static QcOutput.Decided decided(Decision<QcCase, QcOutput> step, AssayType assay) {
        return step.outputs().stream().filter(o -> o instanceof QcOutput.Decided d && d.decision().assay() == assay)
                .map(o -> (QcOutput.Decided) o).findFirst().orElseThrow();
    }

    // ---- driving the desk ------------------------------------------------------------------------------------

    private void accessionedWithTumourContent() {
        accession(accession(LabEvents.ffpeWorkUp()));
        measure(tumourContent(60.0, hoursAfterReceipt(2)));
    }

    private static AccessionEvent accession(SpecimenReceived.Builder received) {
        return LabEvents.accessioned(ACCESSION, "SP-" + ACCESSION, received.build());
    }

    private Decision<QcCase, QcOutput> accession(AccessionEvent event) {
        Decision<QcCase, QcOutput> step = desk.accessioned(kept, ACCESSION, event.getEventId(), event.getOccurredAt(),
                (SpecimenAccessioned) event.getPayload(), wall(event.getOccurredAt()));
        kept = apply(step);
        return step;
    }

    private Decision<QcCase, QcOutput> measure(QcMeasurementEvent event) {
        Decision<QcCase, QcOutput> step = desk.measured(kept, event, wall(event.getOccurredAt()));
        kept = apply(step);
        return step;
    }

    /** As the processor keeps state: delete forgets, a new state replaces, no state leaves it as it was. */
    private QcCase apply(Decision<QcCase, QcOutput> step) {
        if (step.delete()) {
            return null;
        }
        return step.state() != null ? step.state() : kept;
    }

    private static QcMeasurementEvent tumourContent(Double percent, Instant at) {
        return LabEvents.tumourContent(ACCESSION, true, percent, at);
    }

    private static QcMeasurementEvent rnaExtraction(double yieldNg, Double dv200, Instant at) {
        return extraction(Analyte.RNA, yieldNg, dv200, null, at);
    }

    private static QcMeasurementEvent extraction(Analyte analyte, double yieldNg, Double dv200, Double deltaCt,
            Instant at) {
        return LabEvents.extraction(ACCESSION, analyte, yieldNg, dv200, deltaCt, at);
    }

    private static Instant hoursAfterReceipt(long hours) {
        return RECEIVED_AT.plus(Duration.ofHours(hours));
    }

    /** The bench reports promptly: wall clock a minute after the event. */
    private static long wall(Instant occurredAt) {
        return occurredAt.plus(Duration.ofMinutes(1)).toEpochMilli();
    }

    private static Map<AssayType, QcOutput.Decided> decided(Decision<QcCase, QcOutput> step) {
        return step.outputs().stream().filter(QcOutput.Decided.class::isInstance).map(QcOutput.Decided.class::cast)
                .collect(Collectors.toMap(d -> d.decision().assay(), Function.identity()));
    }

    private static List<QcOutput.MeasurementRejected> rejections(Decision<QcCase, QcOutput> step) {
        return step.outputs().stream().filter(QcOutput.MeasurementRejected.class::isInstance)
                .map(QcOutput.MeasurementRejected.class::cast).toList();
    }

    private static QcOutput.MeasurementRejected onlyRejection(Decision<QcCase, QcOutput> step) {
        assertThat(step.outputs()).hasSize(1);
        assertThat(step.outputs().get(0)).isInstanceOf(QcOutput.MeasurementRejected.class);
        return (QcOutput.MeasurementRejected) step.outputs().get(0);
    }

    private static QcFinding finding(QcDecision decision, String ruleId) {
        List<QcFinding> matching = decision.findings().stream().filter(f -> f.getRuleId().equals(ruleId)).toList();
        assertThat(matching).as(ruleId + " in " + decision).hasSize(1);
        return matching.get(0);
    }
}
