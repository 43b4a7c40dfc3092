package org.ntrklab.tatmetrics.timeline;

import org.ntrklab.platform.cases.Decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.Priority;
import org.ntrklab.events.TurnaroundMeasure;
import org.ntrklab.tatmetrics.calendar.LabCalendar;
import org.ntrklab.tatmetrics.timeline.Milestone.Kind;

/**
 * The turnaround clerk of one case, driven milestone by milestone as the processor drives it, without Kafka.
 * The lab works Monday to Friday in UTC with no holidays, so working days can be counted by hand.
 */
class TatClerkTest {

    private static final String ACCESSION = "NTRK26-000417";
    private static final String IHC = "ORD-IHC-1";
    private static final String RNA = "ORD-RNA-2";
    private static final Duration RETENTION = Duration.ofDays(7);
    /** Working days are rounded to a millionth of a day. */
    private static final Offset<Double> TO_A_MILLIONTH = within(1e-6);

    /** Monday 2 March 2026, the specimen reaches the lab. */
    private static final Instant RECEIVED = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant ACCESSIONED_AT = Instant.parse("2026-03-02T11:00:00Z");
    private static final Instant QC_DECIDED_AT = Instant.parse("2026-03-02T15:00:00Z");
    private static final Instant IHC_ORDERED = Instant.parse("2026-03-03T09:00:00Z");
    private static final Instant IHC_RUN_STARTED = Instant.parse("2026-03-03T13:00:00Z");
    private static final Instant IHC_RESULTED = Instant.parse("2026-03-04T09:00:00Z");
    private static final Instant RNA_ORDERED = Instant.parse("2026-03-04T15:00:00Z");
    private static final Instant RNA_RUN_STARTED = Instant.parse("2026-03-05T09:00:00Z");
    /** The following Tuesday. */
    private static final Instant RNA_RESULTED = Instant.parse("2026-03-10T09:00:00Z");
    private static final Instant FINAL_AT = Instant.parse("2026-03-11T12:00:00Z");

    private final TatClerk clerk = new TatClerk(new LabCalendar(ZoneOffset.UTC, Set.of()), TurnaroundTargets.defaults(),
            RETENTION);

    /** The timeline as the processor would keep it after each step. */
    private CaseTimeline kept;
    /** The service's clock, which only decides eviction. */
    private long serviceClock = Instant.parse("2026-03-02T11:00:05Z").toEpochMilli();

    // ---- a case from receipt to final report -----------------------------------------------------------------

    @Test
    void aFullCaseInOrderWritesEveryMeasureOnce() {
        List<TatOutput> outputs = recordAll(fullCase());

        assertThat(outputs).allMatch(o -> o instanceof TatOutput.Measured);
        assertThat(measured(outputs)).extracting(TatOutput.Measured::measure, TatOutput.Measured::orderId)
                .containsExactlyInAnyOrder(
                        tuple(TurnaroundMeasure.PRE_ANALYTIC, null),
                        tuple(TurnaroundMeasure.QC, null),
                        tuple(TurnaroundMeasure.TEST, IHC),
                        tuple(TurnaroundMeasure.ANALYTIC, IHC),
                        tuple(TurnaroundMeasure.TEST, RNA),
                        tuple(TurnaroundMeasure.ANALYTIC, RNA),
                        tuple(TurnaroundMeasure.REFLEX_DELAY, RNA),
                        tuple(TurnaroundMeasure.POST_ANALYTIC, null),
                        tuple(TurnaroundMeasure.CASE, null));
        assertThat(measured(outputs)).allSatisfy(m -> assertThat(m.priority()).isEqualTo(Priority.ROUTINE.name()));
    }

    @Test
    void preAnalyticRunsFromReceiptToAccession() {
        TatOutput.Measured m = byKey(recordAll(fullCase())).get("PRE_ANALYTIC");

        assertMeasured(m, RECEIVED, ACCESSIONED_AT, Duration.ofHours(2), 2.0 / 24);
        assertNoTarget(m);
        assertThat(m.assay()).isNull();
    }

    @Test
    void qcRunsFromAccessionToTheFirstQcDecision() {
        TatOutput.Measured m = byKey(recordAll(fullCase())).get("QC");

        assertMeasured(m, ACCESSIONED_AT, QC_DECIDED_AT, Duration.ofHours(4), 4.0 / 24);
        assertNoTarget(m);
    }

    @Test
    void eachOrdersTestClockRunsFromOrderToResultAgainstItsAssayTarget() {
        Map<String, TatOutput.Measured> byKey = byKey(recordAll(fullCase()));

        TatOutput.Measured ihc = byKey.get("TEST:" + IHC);
        assertThat(ihc.assay()).isEqualTo(AssayType.PAN_TRK_IHC);
        // Tuesday 09:00 to Wednesday 09:00.
        assertMeasured(ihc, IHC_ORDERED, IHC_RESULTED, Duration.ofDays(1), 1.0);
        assertThat(ihc.targetWorkingDays()).isEqualTo(2.0);
        assertThat(ihc.withinTarget()).isTrue();

        TatOutput.Measured rna = byKey.get("TEST:" + RNA);
        assertThat(rna.assay()).isEqualTo(AssayType.RNA_NGS);
        // Wednesday 15:00 to next Tuesday 09:00: 9/24 + Thursday + Friday + Monday + 9/24.
        assertMeasured(rna, RNA_ORDERED, RNA_RESULTED, Duration.ofDays(5).plusHours(18), 3.75);
        assertThat(rna.targetWorkingDays()).isEqualTo(10.0);
        assertThat(rna.withinTarget()).isTrue();
    }

    @Test
    void analyticRunsFromRunStartToResultWithoutATarget() {
        Map<String, TatOutput.Measured> byKey = byKey(recordAll(fullCase()));

        // Tuesday 13:00 to Wednesday 09:00.
        assertMeasured(byKey.get("ANALYTIC:" + IHC), IHC_RUN_STARTED, IHC_RESULTED, Duration.ofHours(20), 20.0 / 24);
        assertNoTarget(byKey.get("ANALYTIC:" + IHC));
        // Thursday 09:00 to next Tuesday 09:00: 15/24 + Friday + Monday + 9/24.
        assertMeasured(byKey.get("ANALYTIC:" + RNA), RNA_RUN_STARTED, RNA_RESULTED, Duration.ofDays(5), 3.0);
        assertNoTarget(byKey.get("ANALYTIC:" + RNA));
    }

    @Test
    void reflexDelayRunsFromTheTriggeringResultToTheReflexOrder() {
        TatOutput.Measured m = byKey(recordAll(fullCase())).get("REFLEX_DELAY:" + RNA);

        assertThat(m.assay()).isEqualTo(AssayType.RNA_NGS);
        assertMeasured(m, IHC_RESULTED, RNA_ORDERED, Duration.ofHours(6), 6.0 / 24);
        assertNoTarget(m);
    }

    @Test
    void postAnalyticRunsFromTheLastResultToTheFinalReport() {
        TatOutput.Measured m = byKey(recordAll(fullCase())).get("POST_ANALYTIC");

        // Tuesday 09:00 to Wednesday 12:00: 15/24 + 12/24.
        assertMeasured(m, RNA_RESULTED, FINAL_AT, Duration.ofHours(27), 27.0 / 24);
        assertNoTarget(m);
    }

    @Test
    void theCaseClockRunsFromReceiptToFinalAgainstTheCapIaslcAmpTenWorkingDays() {
        TatOutput.Measured m = byKey(recordAll(fullCase())).get("CASE");

        // Monday 2 March 09:00 to Wednesday 11 March 12:00: 15/24 + six full working days + 12/24.
        assertMeasured(m, RECEIVED, FINAL_AT, Duration.ofDays(9).plusHours(3), 7.125);
        assertThat(m.targetWorkingDays()).isEqualTo(10.0);
        assertThat(m.withinTarget()).isTrue();
    }

    @Test
    void eachMeasureIsWrittenAsSoonAsBothItsEndsAreKnown() {
        List<Milestone> milestones = fullCase();

        assertThat(keys(record(milestones.get(0)).outputs())).containsExactly("PRE_ANALYTIC");
        assertThat(keys(record(milestones.get(1)).outputs())).containsExactly("QC");
        assertThat(record(milestones.get(2)).outputs()).isEmpty();
        assertThat(record(milestones.get(3)).outputs()).isEmpty();
        assertThat(keys(record(milestones.get(4)).outputs()))
                .containsExactlyInAnyOrder("TEST:" + IHC, "ANALYTIC:" + IHC);
        assertThat(keys(record(milestones.get(5)).outputs())).containsExactly("REFLEX_DELAY:" + RNA);
    }

    @Test
    void theStatPriorityOfTheAccessionTravelsWithEveryMeasure() {
        List<Milestone> milestones = new ArrayList<>(fullCase());
        milestones.set(0, accessioned("evt-acc", RECEIVED, ACCESSIONED_AT, Priority.STAT));

        assertThat(measured(recordAll(milestones)))
                .hasSize(9)
                .allSatisfy(m -> assertThat(m.priority()).isEqualTo(Priority.STAT.name()));
    }

    // ---- order of arrival, duplicates and replay -------------------------------------------------------------

    @Test
    void everythingBeforeTheAccessionIsMeasuredOnlyOnceTheAccessionArrives() {
        List<Milestone> milestones = fullCase();

        for (Milestone m : milestones.subList(1, milestones.size())) {
            assertThat(record(m).outputs()).isEmpty();
        }
        assertThat(measured(record(milestones.get(0)).outputs())).hasSize(9);
    }

    @Test
    void theFinalReportAndResultsBeforeTheAccessionGiveTheSameMeasures() {
        List<Milestone> inOrder = fullCase();
        List<TatOutput> expected = fresh().recordAll(inOrder);
        Map<Kind, List<Milestone>> byKind = inOrder.stream().collect(Collectors.groupingBy(Milestone::kind));

        List<Milestone> shuffled = new ArrayList<>();
        shuffled.add(only(byKind, Kind.FINAL_REPORT));
        shuffled.add(byKind.get(Kind.RESULTED).get(1));
        shuffled.add(byKind.get(Kind.RESULTED).get(0));
        shuffled.add(byKind.get(Kind.RUN_STARTED).get(1));
        shuffled.add(byKind.get(Kind.ORDERED).get(1));
        shuffled.add(byKind.get(Kind.RUN_STARTED).get(0));
        shuffled.add(only(byKind, Kind.QC_DECIDED));
        shuffled.add(byKind.get(Kind.ORDERED).get(0));
        shuffled.add(only(byKind, Kind.ACCESSIONED));
        assertThat(shuffled).containsExactlyInAnyOrderElementsOf(inOrder);

        assertThat(recordAll(shuffled)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void runsStartedBeforeTheirOrdersAndAReflexOrderBeforeItsTriggerGiveTheSameMeasures() {
        List<Milestone> inOrder = fullCase();
        List<TatOutput> expected = fresh().recordAll(inOrder);
        Map<Kind, List<Milestone>> byKind = inOrder.stream().collect(Collectors.groupingBy(Milestone::kind));

        List<Milestone> shuffled = new ArrayList<>();
        shuffled.add(only(byKind, Kind.ACCESSIONED));
        shuffled.add(byKind.get(Kind.RUN_STARTED).get(0));
        shuffled.add(byKind.get(Kind.ORDERED).get(1));
        shuffled.add(byKind.get(Kind.RUN_STARTED).get(1));
        shuffled.add(byKind.get(Kind.ORDERED).get(0));
        shuffled.add(only(byKind, Kind.QC_DECIDED));
        shuffled.add(byKind.get(Kind.RESULTED).get(1));
        shuffled.add(byKind.get(Kind.RESULTED).get(0));
        shuffled.add(only(byKind, Kind.FINAL_REPORT));
        assertThat(shuffled).containsExactlyInAnyOrderElementsOf(inOrder);

        assertThat(recordAll(shuffled)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theSameEventDeliveredTwiceWritesNothingTheSecondTime() {
        List<Milestone> milestones = fullCase();
        recordAll(milestones.subList(0, 5));
        CaseTimeline before = kept;

        Decision<CaseTimeline, TatOutput> again = record(milestones.get(4));

        assertThat(again.outputs()).isEmpty();
        assertThat(again.state()).isNull();
        assertThat(again.delete()).isFalse();
        assertThat(kept).isEqualTo(before);
    }

    @Test
    void aSecondFinalReportDoesNotWriteTheCaseOrThePostAnalyticPhaseAgain() {
        recordAll(fullCase());

        Decision<CaseTimeline, TatOutput> second = record(finalReport("evt-final-reissued", Instant.parse("2026-03-13T09:00:00Z")));

        assertThat(second.outputs()).isEmpty();
        assertThat(kept.finalAt()).isEqualTo(FINAL_AT.toEpochMilli());
    }

    @Test
    void aCorrectedResultLaterDoesNotRestartOrRewriteTheTestClock() {
        recordAll(fullCase());

        Decision<CaseTimeline, TatOutput> corrected = record(Milestone.ofOrder(Kind.RESULTED, "evt-ihc-res-corrected",
                Instant.parse("2026-03-12T10:00:00Z"), IHC, AssayType.PAN_TRK_IHC));

        assertThat(corrected.outputs()).isEmpty();
        assertThat(kept.orders().get(IHC).resultedAt()).isEqualTo(IHC_RESULTED.toEpochMilli());
    }

    @Test
    void replayingTheSameMilestonesIntoAFreshTimelineGivesIdenticalOutputs() {
        List<TatOutput> first = fresh().recordAll(fullCase());
        List<TatOutput> replayed = fresh().recordAll(fullCase());

        assertThat(replayed).isNotEmpty().isEqualTo(first);
    }

    // ---- targets ---------------------------------------------------------------------------------------------

    @Test
    void aCaseFinalExactlyAtTenWorkingDaysIsWithinTarget() {
        // An afternoon receipt: 10/24 + nine working days + 14/24, which must come to exactly 10.
        Instant receivedMondayAfternoon = Instant.parse("2026-03-02T14:00:00Z");
        record(accessioned("evt-acc", receivedMondayAfternoon, Instant.parse("2026-03-02T15:00:00Z"),
                Priority.ROUTINE));

        TatOutput.Measured m = byKey(record(finalReport("evt-final", Instant.parse("2026-03-16T14:00:00Z")))
                .outputs()).get("CASE");

        assertThat(m.workingDays()).isEqualTo(10.0);
        assertThat(m.withinTarget()).isTrue();
    }

    @Test
    void aCaseFinalAfterElevenWorkingDaysBreachesItsTarget() {
        record(accessioned("evt-acc", RECEIVED, ACCESSIONED_AT, Priority.ROUTINE));

        TatOutput.Measured m = byKey(record(finalReport("evt-final", Instant.parse("2026-03-17T09:00:00Z")))
                .outputs()).get("CASE");

        assertThat(m.workingDays()).isCloseTo(11.0, TO_A_MILLIONTH);
        assertThat(m.targetWorkingDays()).isEqualTo(10.0);
        assertThat(m.withinTarget()).isFalse();
    }

    @Test
    void anIhcResultedAfterThreeWorkingDaysBreachesItsTwoDayTarget() {
        record(accessioned("evt-acc", RECEIVED, ACCESSIONED_AT, Priority.ROUTINE));
        record(ordered("evt-ihc-ord", IHC_ORDERED, IHC, AssayType.PAN_TRK_IHC));

        TatOutput.Measured m = byKey(record(resulted("evt-ihc-res", Instant.parse("2026-03-06T09:00:00Z"), IHC,
                AssayType.PAN_TRK_IHC)).outputs()).get("TEST:" + IHC);

        assertThat(m.workingDays()).isCloseTo(3.0, TO_A_MILLIONTH);
        assertThat(m.targetWorkingDays()).isEqualTo(2.0);
        assertThat(m.withinTarget()).isFalse();
    }

    // ---- overdue ---------------------------------------------------------------------------------------------

    @Test
    void anOpenCaseIsNotOverdueAtExactlyTenWorkingDays() {
        record(accessioned("evt-acc", Instant.parse("2026-03-02T14:00:00Z"), Instant.parse("2026-03-02T15:00:00Z"),
                Priority.ROUTINE));
        Instant tenWorkingDaysLater = Instant.parse("2026-03-16T14:00:00Z");

        assertThat(tick(tenWorkingDaysLater).outputs()).isEmpty();
        assertThat(clerk.caseOverdue(kept, tenWorkingDaysLater)).isFalse();
    }

    @Test
    void anOpenCasePastTenWorkingDaysIsFlaggedOverdueOnce() {
        record(accessioned("evt-acc", RECEIVED, ACCESSIONED_AT, Priority.ROUTINE));
        Instant now = Instant.parse("2026-03-16T10:00:00Z");

        Decision<CaseTimeline, TatOutput> step = tick(now);

        // Monday 15/24, nine full working days, Monday 10/24.
        assertOverdue(step.outputs(), TurnaroundMeasure.CASE, null, null, RECEIVED, 10.0, 10.0 + 1.0 / 24, now);
        assertThat(step.delete()).isFalse();
        assertThat(clerk.caseOverdue(kept, now)).isTrue();

        Decision<CaseTimeline, TatOutput> nextTick = tick(Instant.parse("2026-03-17T10:00:00Z"));
        assertThat(nextTick.outputs()).isEmpty();
        assertThat(nextTick.delete()).isFalse();
    }

    @Test
    void anOpenOrderPastItsAssayTargetIsFlaggedAsAnOverdueTestOnce() {
        record(accessioned("evt-acc", RECEIVED, ACCESSIONED_AT, Priority.ROUTINE));
        record(ordered("evt-ihc-ord", IHC_ORDERED, IHC, AssayType.PAN_TRK_IHC));
        // Tuesday 09:00 to Friday 09:00 is three working days; the case itself is at four of its ten.
        Instant now = Instant.parse("2026-03-06T09:00:00Z");

        Decision<CaseTimeline, TatOutput> step = tick(now);

        assertOverdue(step.outputs(), TurnaroundMeasure.TEST, AssayType.PAN_TRK_IHC, IHC, IHC_ORDERED, 2.0, 3.0, now);
        assertThat(clerk.testsOverdue(kept, now)).isEqualTo(1);
        assertThat(clerk.caseOverdue(kept, now)).isFalse();
        assertThat(tick(Instant.parse("2026-03-09T09:00:00Z")).outputs()).isEmpty();
    }

    @Test
    void resultedClosedAndWithinTargetOrdersAreNotFlagged() {
        record(accessioned("evt-acc", RECEIVED, ACCESSIONED_AT, Priority.ROUTINE));
        Instant mondayNoon = Instant.parse("2026-03-02T12:00:00Z");
        record(ordered("evt-ihc-ord", mondayNoon, "ORD-IHC-resulted", AssayType.PAN_TRK_IHC));
        record(resulted("evt-ihc-res", Instant.parse("2026-03-06T08:00:00Z"), "ORD-IHC-resulted",
                AssayType.PAN_TRK_IHC));
        record(ordered("evt-ihc2-ord", mondayNoon, "ORD-IHC-failed", AssayType.PAN_TRK_IHC));
        record(Milestone.ofOrder(Kind.ORDER_CLOSED, "evt-ihc2-failed", Instant.parse("2026-03-03T12:00:00Z"),
                "ORD-IHC-failed", AssayType.PAN_TRK_IHC));
        // FISH has five working days; at Friday 09:00 it is at three.
        record(ordered("evt-fish-ord", IHC_ORDERED, "ORD-FISH-open", AssayType.NTRK_FISH));
        Instant now = Instant.parse("2026-03-06T09:00:00Z");

        Decision<CaseTimeline, TatOutput> step = tick(now);

        assertThat(step.outputs()).isEmpty();
        assertThat(clerk.testsOverdue(kept, now)).isZero();
    }

    @Test
    void aCancelledCaseIsNeverFlaggedOverdue() {
        record(accessioned("evt-acc", RECEIVED, ACCESSIONED_AT, Priority.ROUTINE));
        record(ordered("evt-ihc-ord", IHC_ORDERED, IHC, AssayType.PAN_TRK_IHC));
        record(Milestone.of(Kind.ACCESSION_CANCELLED, "evt-cancel", Instant.parse("2026-03-03T10:00:00Z")));
        Instant monthsLater = Instant.parse("2026-06-01T09:00:00Z");

        assertThat(tick(monthsLater).outputs()).isEmpty();
        assertThat(clerk.caseOverdue(kept, monthsLater)).isFalse();
        assertThat(clerk.testsOverdue(kept, monthsLater)).isZero();
    }

    // ---- eviction --------------------------------------------------------------------------------------------

    @Test
    void aCancelledCaseIsFinishedAndForgottenOnlyAfterTheRetention() {
        record(accessioned("evt-acc", RECEIVED, ACCESSIONED_AT, Priority.ROUTINE));
        serviceClock = Instant.parse("2026-03-03T10:00:05Z").toEpochMilli();
        long cancelledOnServiceClock = serviceClock;
        record(Milestone.of(Kind.ACCESSION_CANCELLED, "evt-cancel", Instant.parse("2026-03-03T10:00:00Z")));

        assertThat(kept.finished()).isTrue();
        assertThat(tickOnServiceClock(cancelledOnServiceClock + RETENTION.toMillis() - 1).delete()).isFalse();
        assertThat(tickOnServiceClock(cancelledOnServiceClock + RETENTION.toMillis()).delete()).isTrue();
    }

    @Test
    void aCaseWithItsFinalReportIsForgottenOnlyAfterTheRetention() {
        List<Milestone> milestones = fullCase();
        recordAll(milestones.subList(0, milestones.size() - 1));
        long finalOnServiceClock = Instant.parse("2026-03-11T12:00:03Z").toEpochMilli();
        serviceClock = finalOnServiceClock;
        record(milestones.get(milestones.size() - 1));

        assertThat(kept.finished()).isTrue();
        assertThat(tickOnServiceClock(finalOnServiceClock + RETENTION.toMillis() - 1).delete()).isFalse();
        assertThat(tickOnServiceClock(finalOnServiceClock + RETENTION.toMillis()).delete()).isTrue();
    }

    @Test
    void aTimelineNeverAccessionedIsForgottenAfterTheRetentionSinceItsLastUpdate() {
        long firstUpdate = serviceClock;
        record(ordered("evt-ihc-ord", IHC_ORDERED, IHC, AssayType.PAN_TRK_IHC));
        long lastUpdate = firstUpdate + Duration.ofDays(2).toMillis();
        serviceClock = lastUpdate;
        record(resulted("evt-ihc-res", IHC_RESULTED, IHC, AssayType.PAN_TRK_IHC));

        assertThat(kept.accessioned()).isFalse();
        assertThat(kept.finished()).isFalse();
        Decision<CaseTimeline, TatOutput> sinceFirstUpdate = tickOnServiceClock(firstUpdate + RETENTION.toMillis());
        assertThat(sinceFirstUpdate.delete()).isFalse();
        assertThat(sinceFirstUpdate.outputs()).isEmpty();
        assertThat(tickOnServiceClock(lastUpdate + RETENTION.toMillis() - 1).delete()).isFalse();
        assertThat(tickOnServiceClock(lastUpdate + RETENTION.toMillis()).delete()).isTrue();
    }

    @Test
    void anOpenAccessionedCaseIsNeverForgottenWhileItWaits() {
        record(accessioned("evt-acc", RECEIVED, ACCESSIONED_AT, Priority.ROUTINE));

        Decision<CaseTimeline, TatOutput> muchLater = tickOnServiceClock(serviceClock + RETENTION.toMillis() * 10);

        assertThat(muchLater.delete()).isFalse();
    }

    // ---- where an open case is -------------------------------------------------------------------------------

    @Test
    void aCaseNotYetAccessionedHasNoStage() {
        record(qcDecided("evt-qc", QC_DECIDED_AT));

        assertThat(clerk.stage(kept)).isEmpty();
    }

    @Test
    void anAccessionedCaseWaitsForQc() {
        record(accessioned("evt-acc", RECEIVED, ACCESSIONED_AT, Priority.ROUTINE));

        assertThat(clerk.stage(kept)).contains(CaseStage.QC);
    }

    @Test
    void aCaseWithAQcDecisionAndNoOrderIsOrdering() {
        record(accessioned("evt-acc", RECEIVED, ACCESSIONED_AT, Priority.ROUTINE));
        record(qcDecided("evt-qc", QC_DECIDED_AT));

        assertThat(clerk.stage(kept)).contains(CaseStage.ORDERING);
    }

    @Test
    void aCaseWithAnOpenOrderIsTesting() {
        record(accessioned("evt-acc", RECEIVED, ACCESSIONED_AT, Priority.ROUTINE));
        record(qcDecided("evt-qc", QC_DECIDED_AT));
        record(ordered("evt-ihc-ord", IHC_ORDERED, IHC, AssayType.PAN_TRK_IHC));
        record(resulted("evt-ihc-res", IHC_RESULTED, IHC, AssayType.PAN_TRK_IHC));
        record(ordered("evt-rna-ord", RNA_ORDERED, RNA, AssayType.RNA_NGS));

        assertThat(clerk.stage(kept)).contains(CaseStage.TESTING);
    }

    @Test
    void aCaseWhoseOrdersAreAllResultedOrClosedIsReporting() {
        record(accessioned("evt-acc", RECEIVED, ACCESSIONED_AT, Priority.ROUTINE));
        record(qcDecided("evt-qc", QC_DECIDED_AT));
        record(ordered("evt-ihc-ord", IHC_ORDERED, IHC, AssayType.PAN_TRK_IHC));
        record(resulted("evt-ihc-res", IHC_RESULTED, IHC, AssayType.PAN_TRK_IHC));
        record(ordered("evt-rna-ord", RNA_ORDERED, RNA, AssayType.RNA_NGS));
        record(Milestone.ofOrder(Kind.ORDER_CLOSED, "evt-rna-failed", RNA_RESULTED, RNA, AssayType.RNA_NGS));

        assertThat(clerk.stage(kept)).contains(CaseStage.REPORTING);
    }

    @Test
    void aFinishedCaseHasNoStage() {
        recordAll(fullCase());

        assertThat(clerk.stage(kept)).isEmpty();
    }

    // ---- the post-analytic phase -----------------------------------------------------------------------------

    @Test
    void aResultAfterTheFinalReportDoesNotChangeThePostAnalyticPhase() {
        TatOutput.Measured postAnalytic = byKey(recordAll(fullCase())).get("POST_ANALYTIC");
        record(ordered("evt-fish-ord", Instant.parse("2026-03-11T10:00:00Z"), "ORD-FISH-3", AssayType.NTRK_FISH));

        Decision<CaseTimeline, TatOutput> late = record(resulted("evt-fish-res", Instant.parse("2026-03-12T10:00:00Z"), "ORD-FISH-3",
                AssayType.NTRK_FISH));

        assertThat(postAnalytic.startedAt()).isEqualTo(RNA_RESULTED);
        assertThat(keys(late.outputs())).containsExactly("TEST:ORD-FISH-3");
    }

    @Test
    void aResultDatedAfterTheFinalReportIsNotTheLastResultEvenIfItArrivesBeforeTheReport() {
        List<Milestone> milestones = fullCase();
        recordAll(milestones.subList(0, milestones.size() - 1));
        record(ordered("evt-fish-ord", Instant.parse("2026-03-11T10:00:00Z"), "ORD-FISH-3", AssayType.NTRK_FISH));
        record(resulted("evt-fish-res", Instant.parse("2026-03-12T10:00:00Z"), "ORD-FISH-3", AssayType.NTRK_FISH));

        TatOutput.Measured postAnalytic = byKey(record(milestones.get(milestones.size() - 1)).outputs())
                .get("POST_ANALYTIC");

        assertMeasured(postAnalytic, RNA_RESULTED, FINAL_AT, Duration.ofHours(27), 27.0 / 24);
    }

    // ---- the case and its milestones -------------------------------------------------------------------------

    /** Accessioned, QC decided, IHC ordered, run and resulted, RNA-NGS reflexed on the IHC and resulted, FINAL. */
    @Test
    void postAnalyticTimeWaitsForAResultThatArrivesAfterTheReport() {
        // The RNA result (Tue 10 March 09:00) reaches the service after the FINAL report (Wed 11 March 12:00).
        List<Milestone> events = new ArrayList<>(fullCase());
        Milestone rnaResult = events.remove(7);
        List<TatOutput> first = recordAll(events);
        assertThat(keys(first)).doesNotContain("POST_ANALYTIC").contains("CASE");

        List<TatOutput> late = record(rnaResult).outputs();
        TatOutput.Measured post = byKey(late).get("POST_ANALYTIC");
        assertThat(post.startedAt()).isEqualTo(RNA_RESULTED);
        // Tuesday 09:00 to Wednesday 12:00: one working day and three hours.
        assertThat(post.workingDays()).isEqualTo(1.125);
        assertThat(post.calendarSeconds()).isEqualTo(Duration.ofHours(27).toSeconds());
    }

    @Test
    void postAnalyticTimeFollowsTheOrdersTheReportListsAndIsNotHeldUpByOthers() {
        // The report is based on the IHC and RNA results; a cfDNA order placed meanwhile is still open.
        List<Milestone> events = new ArrayList<>(fullCase());
        events.add(ordered("evt-cf-ord", RNA_ORDERED, "CF-1", AssayType.CFDNA_NGS));
        events.set(8, new Milestone(Kind.FINAL_REPORT, "evt-final", FINAL_AT, null, null, false, null, null, null,
                List.of(IHC, RNA)));

        TatOutput.Measured post = byKey(recordAll(events)).get("POST_ANALYTIC");

        assertThat(post.startedAt()).isEqualTo(RNA_RESULTED);
        assertThat(post.endedAt()).isEqualTo(FINAL_AT);
    }

    @Test
    void noOverdueFlagWhileCatchingUpOnOldInput() {
        recordAll(List.of(accessioned("evt-acc", RECEIVED, ACCESSIONED_AT, Priority.ROUTINE)));
        Instant months = RECEIVED.plus(Duration.ofDays(200));

        Decision<CaseTimeline, TatOutput> catchingUp = clerk.tick(kept, months, months.toEpochMilli(), ACCESSIONED_AT.toEpochMilli(), false);
        assertThat(catchingUp.outputs()).isEmpty();
        assertThat(catchingUp.delete()).isFalse();

        Decision<CaseTimeline, TatOutput> live = clerk.tick(kept, months, months.toEpochMilli(), ACCESSIONED_AT.toEpochMilli(), true);
        assertThat(keys(live.outputs())).containsExactly("OVERDUE:CASE");
    }

    @Test
    void aFinishedCaseFromLongAgoIsEvictedByEventTimeDuringAReplay() {
        recordAll(fullCase());
        long justProcessed = serviceClock;
        long streamTimeLater = FINAL_AT.plus(RETENTION).toEpochMilli();

        assertThat(clerk.tick(kept, FINAL_AT, justProcessed, FINAL_AT.toEpochMilli(), true).delete()).isFalse();
        assertThat(clerk.tick(kept, FINAL_AT, justProcessed, streamTimeLater, true).delete()).isTrue();
    }

    private static List<Milestone> fullCase() {
        return List.of(
                accessioned("evt-acc", RECEIVED, ACCESSIONED_AT, Priority.ROUTINE),
                qcDecided("evt-qc", QC_DECIDED_AT),
                ordered("evt-ihc-ord", IHC_ORDERED, IHC, AssayType.PAN_TRK_IHC),
                Milestone.ofOrder(Kind.RUN_STARTED, "evt-ihc-run", IHC_RUN_STARTED, IHC, AssayType.PAN_TRK_IHC),
                resulted("evt-ihc-res", IHC_RESULTED, IHC, AssayType.PAN_TRK_IHC),
                new Milestone(Kind.ORDERED, "evt-rna-ord", RNA_ORDERED, RNA, AssayType.RNA_NGS, true, IHC, null, null),
                Milestone.ofOrder(Kind.RUN_STARTED, "evt-rna-run", RNA_RUN_STARTED, RNA, AssayType.RNA_NGS),
                resulted("evt-rna-res", RNA_RESULTED, RNA, AssayType.RNA_NGS),
                finalReport("evt-final", FINAL_AT));
    }

    private static Milestone accessioned(String eventId, Instant receivedAt, Instant at, Priority priority) {
        return new Milestone(Kind.ACCESSIONED, eventId, at, null, null, false, null, receivedAt, priority.name());
    }

    private static Milestone qcDecided(String eventId, Instant at) {
        return Milestone.of(Kind.QC_DECIDED, eventId, at);
    }

    private static Milestone ordered(String eventId, Instant at, String orderId, AssayType assay) {
        return Milestone.ofOrder(Kind.ORDERED, eventId, at, orderId, assay);
    }

    private static Milestone resulted(String eventId, Instant at, String orderId, AssayType assay) {
        return Milestone.ofOrder(Kind.RESULTED, eventId, at, orderId, assay);
    }

    private static Milestone finalReport(String eventId, Instant at) {
        return Milestone.of(Kind.FINAL_REPORT, eventId, at);
    }

    private static Milestone only(Map<Kind, List<Milestone>> byKind, Kind kind) {
        assertThat(byKind.get(kind)).hasSize(1);
        return byKind.get(kind).get(0);
    }

    // ---- driving the clerk as the processor does -------------------------------------------------------------

    private TatClerkTest fresh() {
        return new TatClerkTest();
    }

    private Decision<CaseTimeline, TatOutput> record(Milestone m) {
        Decision<CaseTimeline, TatOutput> step = clerk.record(kept, ACCESSION, m, serviceClock);
        if (step.state() != null) {
            kept = step.state();
        }
        return step;
    }

    private List<TatOutput> recordAll(List<Milestone> milestones) {
        List<TatOutput> outputs = new ArrayList<>();
        for (Milestone m : milestones) {
            outputs.addAll(record(m).outputs());
        }
        return outputs;
    }

    private Decision<CaseTimeline, TatOutput> tick(Instant now) {
        return tickOnServiceClock(now, serviceClock);
    }

    private Decision<CaseTimeline, TatOutput> tickOnServiceClock(long clock) {
        return tickOnServiceClock(Instant.ofEpochMilli(clock), clock);
    }

    private Decision<CaseTimeline, TatOutput> tickOnServiceClock(Instant now, long clock) {
        Decision<CaseTimeline, TatOutput> step = clerk.tick(kept, now, clock);
        if (step.state() != null) {
            kept = step.state();
        }
        return step;
    }

    private static List<TatOutput.Measured> measured(List<TatOutput> outputs) {
        return outputs.stream().filter(TatOutput.Measured.class::isInstance).map(TatOutput.Measured.class::cast)
                .toList();
    }

    private static Map<String, TatOutput.Measured> byKey(List<TatOutput> outputs) {
        return measured(outputs).stream().collect(Collectors.toMap(TatOutput::key, Function.identity()));
    }

    private static List<String> keys(List<TatOutput> outputs) {
        return outputs.stream().map(TatOutput::key).toList();
    }

    private static void assertMeasured(TatOutput.Measured m, Instant start, Instant end, Duration calendarTime,
            double workingDays) {
        assertThat(m).isNotNull();
        assertThat(m.startedAt()).isEqualTo(start);
        assertThat(m.endedAt()).isEqualTo(end);
        assertThat(m.calendarSeconds()).isEqualTo(calendarTime.toSeconds());
        assertThat(m.workingDays()).isCloseTo(workingDays, TO_A_MILLIONTH);
    }

    private static void assertOverdue(List<TatOutput> outputs, TurnaroundMeasure measure, AssayType assay,
            String orderId, Instant start, double target, double elapsed, Instant flaggedAt) {
        assertThat(outputs).hasSize(1).first().isInstanceOf(TatOutput.Overdue.class);
        TatOutput.Overdue overdue = (TatOutput.Overdue) outputs.get(0);
        assertThat(overdue.measure()).isEqualTo(measure);
        assertThat(overdue.assay()).isEqualTo(assay);
        assertThat(overdue.orderId()).isEqualTo(orderId);
        assertThat(overdue.startedAt()).isEqualTo(start);
        assertThat(overdue.targetWorkingDays()).isEqualTo(target);
        assertThat(overdue.elapsedWorkingDays()).isCloseTo(elapsed, TO_A_MILLIONTH);
        assertThat(overdue.flaggedAt()).isEqualTo(flaggedAt);
    }

    private static void assertNoTarget(TatOutput.Measured m) {
        assertThat(m.targetWorkingDays()).isNull();
        assertThat(m.withinTarget()).isNull();
    }
}
