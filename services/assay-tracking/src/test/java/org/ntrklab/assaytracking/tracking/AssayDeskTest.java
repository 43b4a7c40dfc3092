package org.ntrklab.assaytracking.tracking;

import org.ntrklab.platform.cases.Decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntrklab.assaytracking.tracking.AssayDesk.Cause;
import org.ntrklab.events.AssayEventRejection;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayRunCompleted;
import org.ntrklab.events.AssayRunFailed;
import org.ntrklab.events.AssayRunStarted;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.OrderReason;
import org.ntrklab.events.Priority;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.RunFailureReason;

/**
 * The assay desk of one accession, driven input by input as the processor drives it (keeping the state a
 * step returns, leaving the case alone when a step returns none), without Kafka.
 */
class AssayDeskTest {

    private static final String ACCESSION = "NT26-00-000417";
    private static final String ORDER = "ORD-417-RNA";
    private static final String RUN = "RUN-2026-0311-A";
    private static final AssayType RNA = AssayType.RNA_NGS;
    private static final Duration IDLE_RETENTION = Duration.ofDays(30);
    private static final Instant BENCH = Instant.parse("2026-03-03T09:00:00Z");

    private final AssayDesk desk = new AssayDesk(IDLE_RETENTION);

    /** The case as the processor would keep it after each step. */
    private AssayCase kept;
    /** Wall clock of the processor. */
    private long now = BENCH.toEpochMilli();
    private int minutes;

    // ---- orders and QC ------------------------------------------------------------------------------------

    @Test
    void aNewOrderIsOrderedFromNoStateAndWaitsForItsQcDecision() {
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = keep(desk.ordered(null, ACCESSION, cause, ordered(ORDER, RNA), now));

        assertThat(step.outputs()).singleElement().isInstanceOfSatisfying(TrackingOutput.StatusChanged.class, s -> {
            assertThat(s.orderId()).isEqualTo(ORDER);
            assertThat(s.assay()).isEqualTo(RNA);
            assertThat(s.from()).isNull();
            assertThat(s.to()).isEqualTo(AssayState.ORDERED);
            assertThat(s.reason()).isEqualTo("INITIAL");
            assertThat(s.runId()).isNull();
            assertThat(s.causationId()).isEqualTo(cause.eventId());
            assertThat(s.occurredAt()).isEqualTo(cause.occurredAt());
        });
        assertThat(kept.accessionId()).isEqualTo(ACCESSION);
        assertThat(kept.orders().get(ORDER).state()).isEqualTo(AssayState.ORDERED);
        assertThat(kept.finished()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = QcVerdict.class, names = {"PASS", "PASS_WITH_CAVEAT"})
    void anOrderWhoseAssayAlreadyPassedQcIsReadyAtOnce(QcVerdict verdict) {
        Decision<AssayCase, TrackingOutput> qc = qc(RNA, verdict);
        assertThat(qc.outputs()).isEmpty();

        Decision<AssayCase, TrackingOutput> step = order(ORDER, RNA);

        assertThat(transitions(step)).containsExactly(tuple(null, AssayState.ORDERED, "INITIAL"),
                tuple(AssayState.ORDERED, AssayState.READY, "QC_" + verdict.name()));
        assertThat(state(ORDER)).isEqualTo(AssayState.READY);
    }

    @ParameterizedTest
    @EnumSource(value = QcVerdict.class, names = {"PASS", "PASS_WITH_CAVEAT"})
    void anOrderedAssayBecomesReadyWhenItsQcPassesLater(QcVerdict verdict) {
        order(ORDER, RNA);

        Decision<AssayCase, TrackingOutput> step = qc(RNA, verdict);

        assertThat(transitions(step)).containsExactly(
                tuple(AssayState.ORDERED, AssayState.READY, "QC_" + verdict.name()));
        assertThat(state(ORDER)).isEqualTo(AssayState.READY);
    }

    @Test
    void anOrderedAssayIsBlockedWhenItsQcFails() {
        order(ORDER, RNA);

        Decision<AssayCase, TrackingOutput> step = qc(RNA, QcVerdict.FAIL);

        assertThat(transitions(step)).containsExactly(tuple(AssayState.ORDERED, AssayState.BLOCKED_QC, "QC_FAIL"));
        assertThat(state(ORDER)).isEqualTo(AssayState.BLOCKED_QC);
    }

    @Test
    void anOrderWhoseAssayAlreadyFailedQcIsBlockedAtOnce() {
        qc(RNA, QcVerdict.FAIL);

        Decision<AssayCase, TrackingOutput> step = order(ORDER, RNA);

        assertThat(transitions(step)).containsExactly(tuple(null, AssayState.ORDERED, "INITIAL"),
                tuple(AssayState.ORDERED, AssayState.BLOCKED_QC, "QC_FAIL"));
        assertThat(state(ORDER)).isEqualTo(AssayState.BLOCKED_QC);
    }

    @Test
    void aBlockedAssayBecomesReadyWhenAReExtractionPassesQc() {
        bringTo(AssayState.BLOCKED_QC);

        Decision<AssayCase, TrackingOutput> step = qc(RNA, QcVerdict.PASS);

        assertThat(transitions(step)).containsExactly(tuple(AssayState.BLOCKED_QC, AssayState.READY, "QC_PASS"));
        assertThat(state(ORDER)).isEqualTo(AssayState.READY);
    }

    @Test
    void aReadyAssayIsBlockedWhenALaterQcDecisionFailsBeforeTheRun() {
        bringTo(AssayState.READY);

        Decision<AssayCase, TrackingOutput> step = qc(RNA, QcVerdict.FAIL);

        assertThat(transitions(step)).containsExactly(tuple(AssayState.READY, AssayState.BLOCKED_QC, "QC_FAIL"));
        assertThat(state(ORDER)).isEqualTo(AssayState.BLOCKED_QC);
    }

    @Test
    void aQcDecisionMovesOnlyTheOrdersOfItsOwnAssay() {
        order(ORDER, RNA);
        order("ORD-417-IHC", AssayType.PAN_TRK_IHC);

        Decision<AssayCase, TrackingOutput> step = qc(AssayType.PAN_TRK_IHC, QcVerdict.FAIL);

        assertThat(step.outputs()).singleElement().isInstanceOfSatisfying(TrackingOutput.StatusChanged.class,
                s -> assertThat(s.orderId()).isEqualTo("ORD-417-IHC"));
        assertThat(state(ORDER)).isEqualTo(AssayState.ORDERED);
        assertThat(state("ORD-417-IHC")).isEqualTo(AssayState.BLOCKED_QC);
    }

    @Test
    void aQcDecisionArrivingWhileTheRunIsOnTheInstrumentDoesNotStopIt() {
        bringTo(AssayState.IN_PROGRESS);

        Decision<AssayCase, TrackingOutput> step = qc(RNA, QcVerdict.FAIL);

        assertThat(step.outputs()).isEmpty();
        assertThat(state(ORDER)).isEqualTo(AssayState.IN_PROGRESS);
    }

    // ---- runs ---------------------------------------------------------------------------------------------

    @Test
    void aStartedRunPutsAReadyOrderInProgressAndRecordsTheRun() {
        bringTo(AssayState.READY);
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = keep(desk.runStarted(kept, cause, started(ORDER, RNA, RUN), now));

        assertThat(step.outputs()).singleElement().isInstanceOfSatisfying(TrackingOutput.StatusChanged.class, s -> {
            assertThat(s.from()).isEqualTo(AssayState.READY);
            assertThat(s.to()).isEqualTo(AssayState.IN_PROGRESS);
            assertThat(s.runId()).isEqualTo(RUN);
            assertThat(s.causationId()).isEqualTo(cause.eventId());
        });
        assertThat(kept.orders().get(ORDER).state()).isEqualTo(AssayState.IN_PROGRESS);
        assertThat(kept.orders().get(ORDER).runId()).isEqualTo(RUN);
    }

    @Test
    void aCompletedRunResultsTheOrderWithTheNormalisedInterpretation() {
        bringTo(AssayState.IN_PROGRESS);
        Cause cause = cause();
        NgsResult result = BenchResults.ngsEtv6Ntrk3();

        Decision<AssayCase, TrackingOutput> step = keep(desk.runCompleted(kept, cause, completed(ORDER, RNA, RUN, result), now));

        assertThat(step.outputs()).hasSize(2);
        assertThat(step.outputs().get(0)).isInstanceOfSatisfying(TrackingOutput.StatusChanged.class, s -> {
            assertThat(s.orderId()).isEqualTo(ORDER);
            assertThat(s.from()).isEqualTo(AssayState.IN_PROGRESS);
            assertThat(s.to()).isEqualTo(AssayState.RESULTED);
            assertThat(s.runId()).isEqualTo(RUN);
            assertThat(s.reason()).isEqualTo("POSITIVE");
            assertThat(s.causationId()).isEqualTo(cause.eventId());
        });
        assertThat(step.outputs().get(1)).isInstanceOfSatisfying(TrackingOutput.Resulted.class, r -> {
            assertThat(r.orderId()).isEqualTo(ORDER);
            assertThat(r.assay()).isEqualTo(RNA);
            assertThat(r.runId()).isEqualTo(RUN);
            assertThat(r.interpretation()).isEqualTo(AssayInterpretation.POSITIVE);
            assertThat(r.details()).isEqualTo(result);
            assertThat(r.causationId()).isEqualTo(cause.eventId());
            assertThat(r.occurredAt()).isEqualTo(cause.occurredAt());
        });
        assertThat(step.outputs().get(0).eventId()).isNotEqualTo(step.outputs().get(1).eventId());
        assertThat(state(ORDER)).isEqualTo(AssayState.RESULTED);
        assertThat(kept.finished()).isTrue();
    }

    @Test
    void aFailedRunEndsTheOrderWithTheCodedFailureReason() {
        bringTo(AssayState.IN_PROGRESS);
        Cause cause = cause();
        AssayRunFailed failure = AssayRunFailed.newBuilder().setOrderId(ORDER).setAssay(RNA).setRunId(RUN)
                .setReason(RunFailureReason.LOW_MAPPED_READS).setDetail("mapped 212,000 reads; minimum 3M").build();

        Decision<AssayCase, TrackingOutput> step = keep(desk.runFailed(kept, cause, failure, now));

        assertThat(step.outputs()).singleElement().isInstanceOfSatisfying(TrackingOutput.StatusChanged.class, s -> {
            assertThat(s.from()).isEqualTo(AssayState.IN_PROGRESS);
            assertThat(s.to()).isEqualTo(AssayState.RUN_FAILED);
            assertThat(s.runId()).isEqualTo(RUN);
            // the coded reason only, never the instrument's free text
            assertThat(s.reason()).isEqualTo("LOW_MAPPED_READS");
        });
        assertThat(state(ORDER)).isEqualTo(AssayState.RUN_FAILED);
    }

    // ---- cancellation -------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = AssayState.class, names = {"ORDERED", "READY", "BLOCKED_QC", "IN_PROGRESS"})
    void cancellingTheAccessionCancelsAnOpenOrder(AssayState open) {
        bringTo(open);
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = keep(desk.cancelled(kept, ACCESSION, cause, now));

        assertThat(step.outputs()).singleElement().isInstanceOfSatisfying(TrackingOutput.StatusChanged.class, s -> {
            assertThat(s.orderId()).isEqualTo(ORDER);
            assertThat(s.from()).isEqualTo(open);
            assertThat(s.to()).isEqualTo(AssayState.CANCELLED);
            assertThat(s.reason()).isEqualTo("ACCESSION_CANCELLED");
            assertThat(s.causationId()).isEqualTo(cause.eventId());
        });
        assertThat(state(ORDER)).isEqualTo(AssayState.CANCELLED);
        assertThat(kept.cancelled()).isTrue();
    }

    @Test
    void cancellingTheAccessionLeavesFinishedOrdersAsTheyAre() {
        bringTo(AssayState.RESULTED);
        order("ORD-417-FISH", AssayType.NTRK_FISH);

        Decision<AssayCase, TrackingOutput> step = cancel();

        assertThat(step.outputs()).singleElement().isInstanceOfSatisfying(TrackingOutput.StatusChanged.class,
                s -> assertThat(s.orderId()).isEqualTo("ORD-417-FISH"));
        assertThat(state(ORDER)).isEqualTo(AssayState.RESULTED);
        assertThat(state("ORD-417-FISH")).isEqualTo(AssayState.CANCELLED);
    }

    @Test
    void anOrderArrivingAfterTheCancellationIsOrderedThenCancelled() {
        qc(RNA, QcVerdict.PASS);
        cancel();

        Decision<AssayCase, TrackingOutput> step = order(ORDER, RNA);

        assertThat(transitions(step)).containsExactly(tuple(null, AssayState.ORDERED, "INITIAL"),
                tuple(AssayState.ORDERED, AssayState.CANCELLED, "ACCESSION_CANCELLED"));
        assertThat(state(ORDER)).isEqualTo(AssayState.CANCELLED);
    }

    // ---- rejections ---------------------------------------------------------------------------------------

    @Test
    void aRunForAnAccessionWithoutAnyOrderIsRejectedAsUnknownOrder() {
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runStarted(null, cause, started(ORDER, RNA, RUN), now);

        assertRejected(step, cause, AssayEventRejection.UNKNOWN_ORDER);
        assertThat(rejection(step).orderId()).isEqualTo(ORDER);
        assertThat(rejection(step).runId()).isEqualTo(RUN);
    }

    @Test
    void aResultForAnAccessionWithoutAnyOrderIsRejectedAsUnknownOrder() {
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runCompleted(null, cause, completed(ORDER, RNA, RUN, BenchResults.ngsEtv6Ntrk3()),
                now);

        assertRejected(step, cause, AssayEventRejection.UNKNOWN_ORDER);
    }

    @Test
    void aRunNamingAnOrderTheCaseDoesNotHaveIsRejectedAsUnknownOrder() {
        bringTo(AssayState.READY);
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runStarted(kept, cause, started("ORD-999-RNA", RNA, RUN), now);

        assertRejected(step, cause, AssayEventRejection.UNKNOWN_ORDER);
        assertThat(rejection(step).orderId()).isEqualTo("ORD-999-RNA");
        assertThat(state(ORDER)).isEqualTo(AssayState.READY);
    }

    @Test
    void aRunStartedOnACancelledOrderIsRejected() {
        bringTo(AssayState.READY);
        cancel();
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runStarted(kept, cause, started(ORDER, RNA, RUN), now);

        assertRejected(step, cause, AssayEventRejection.ORDER_CANCELLED);
        assertThat(state(ORDER)).isEqualTo(AssayState.CANCELLED);
    }

    @Test
    void aResultOfARunWhoseOrderWasCancelledMeanwhileIsRejected() {
        bringTo(AssayState.IN_PROGRESS);
        cancel();
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runCompleted(kept, cause, completed(ORDER, RNA, RUN, BenchResults.ngsEtv6Ntrk3()),
                now);

        assertRejected(step, cause, AssayEventRejection.ORDER_CANCELLED);
        assertThat(state(ORDER)).isEqualTo(AssayState.CANCELLED);
    }

    @Test
    void aSecondCompletionOfAResultedOrderIsRejectedAsDuplicateCompletion() {
        bringTo(AssayState.RESULTED);
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runCompleted(kept, cause,
                completed(ORDER, RNA, RUN, BenchResults.ngs(MolecularCall.NO_FUSION_DETECTED).build()), now);

        assertRejected(step, cause, AssayEventRejection.DUPLICATE_COMPLETION);
        assertThat(state(ORDER)).isEqualTo(AssayState.RESULTED);
    }

    @Test
    void aFailureReportedAfterTheResultIsRejectedAsDuplicateCompletion() {
        bringTo(AssayState.RESULTED);
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runFailed(kept, cause, failed(ORDER, RNA, RUN, RunFailureReason.INSTRUMENT_ERROR),
                now);

        assertRejected(step, cause, AssayEventRejection.DUPLICATE_COMPLETION);
        assertThat(state(ORDER)).isEqualTo(AssayState.RESULTED);
    }

    @Test
    void aCompletionOfAFailedRunIsRejectedAsDuplicateCompletion() {
        bringTo(AssayState.RUN_FAILED);
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runCompleted(kept, cause, completed(ORDER, RNA, RUN, BenchResults.ngsEtv6Ntrk3()),
                now);

        assertRejected(step, cause, AssayEventRejection.DUPLICATE_COMPLETION);
        assertThat(state(ORDER)).isEqualTo(AssayState.RUN_FAILED);
    }

    @ParameterizedTest
    @EnumSource(value = AssayState.class, names = {"ORDERED", "READY"})
    void aResultBeforeAnyRunStartedIsRejected(AssayState waiting) {
        bringTo(waiting);
        Cause completion = cause();
        Cause failure = cause();

        Decision<AssayCase, TrackingOutput> completed = desk.runCompleted(kept, completion,
                completed(ORDER, RNA, RUN, BenchResults.ngsEtv6Ntrk3()), now);
        Decision<AssayCase, TrackingOutput> failed = desk.runFailed(kept, failure, failed(ORDER, RNA, RUN, RunFailureReason.OTHER_FAILURE),
                now);

        assertRejected(completed, completion, AssayEventRejection.RESULT_BEFORE_START);
        assertRejected(failed, failure, AssayEventRejection.RESULT_BEFORE_START);
        assertThat(state(ORDER)).isEqualTo(waiting);
    }

    @Test
    void anIhcStainingReportedForAnRnaNgsOrderIsRejectedAsWrongResultType() {
        bringTo(AssayState.IN_PROGRESS);
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runCompleted(kept, cause,
                completed(ORDER, RNA, RUN, BenchResults.ihc(IhcCall.POSITIVE).build()), now);

        assertRejected(step, cause, AssayEventRejection.WRONG_RESULT_TYPE);
        assertThat(state(ORDER)).isEqualTo(AssayState.IN_PROGRESS);

        // The run is still in progress: the right result for it is accepted afterwards.
        Decision<AssayCase, TrackingOutput> corrected = keep(desk.runCompleted(kept, cause(),
                completed(ORDER, RNA, RUN, BenchResults.ngsEtv6Ntrk3()), now));
        assertThat(corrected.outcome()).isEqualTo("resulted");
        assertThat(state(ORDER)).isEqualTo(AssayState.RESULTED);
    }

    @Test
    void aRunStartedBeforeTheQcDecisionIsKnownIsRejected() {
        bringTo(AssayState.ORDERED);
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runStarted(kept, cause, started(ORDER, RNA, RUN), now);

        assertRejected(step, cause, AssayEventRejection.ILLEGAL_TRANSITION);
        assertThat(state(ORDER)).isEqualTo(AssayState.ORDERED);
    }

    @Test
    void aRunStartedOnMaterialThatFailedQcIsRejected() {
        bringTo(AssayState.BLOCKED_QC);
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runStarted(kept, cause, started(ORDER, RNA, RUN), now);

        assertRejected(step, cause, AssayEventRejection.ILLEGAL_TRANSITION);
        assertThat(state(ORDER)).isEqualTo(AssayState.BLOCKED_QC);
    }

    @Test
    void aSecondRunStartedWhileOneIsInProgressIsRejectedAndTheFirstRunStays() {
        bringTo(AssayState.IN_PROGRESS);
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runStarted(kept, cause, started(ORDER, RNA, "RUN-2026-0311-B"), now);

        assertRejected(step, cause, AssayEventRejection.ILLEGAL_TRANSITION);
        assertThat(rejection(step).runId()).isEqualTo("RUN-2026-0311-B");
        assertThat(state(ORDER)).isEqualTo(AssayState.IN_PROGRESS);
        assertThat(kept.orders().get(ORDER).runId()).isEqualTo(RUN);
    }

    @Test
    void aCompletionByAnotherRunThanTheOneInProgressIsRejected() {
        bringTo(AssayState.IN_PROGRESS);
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runCompleted(kept, cause,
                completed(ORDER, RNA, "RUN-2026-0311-B", BenchResults.ngsEtv6Ntrk3()), now);

        assertRejected(step, cause, AssayEventRejection.ILLEGAL_TRANSITION);
        assertThat(rejection(step).runId()).isEqualTo("RUN-2026-0311-B");
        assertThat(state(ORDER)).isEqualTo(AssayState.IN_PROGRESS);
    }

    @Test
    void aRunNamingAnotherAssayThanItsOrderIsRejected() {
        bringTo(AssayState.READY);
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runStarted(kept, cause, started(ORDER, AssayType.DNA_NGS, RUN), now);

        assertRejected(step, cause, AssayEventRejection.ASSAY_MISMATCH);
        assertThat(state(ORDER)).isEqualTo(AssayState.READY);
    }

    @Test
    void aResultNamingAnotherAssayThanItsOrderIsRejected() {
        bringTo(AssayState.IN_PROGRESS);
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runCompleted(kept, cause,
                completed(ORDER, AssayType.DNA_NGS, RUN, BenchResults.ngsEtv6Ntrk3()), now);

        assertRejected(step, cause, AssayEventRejection.ASSAY_MISMATCH);
        assertThat(state(ORDER)).isEqualTo(AssayState.IN_PROGRESS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aRunWithoutAnOrderIdIsRejectedAsMissingField(String blank) {
        bringTo(AssayState.READY);
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runStarted(kept, cause, started(blank, RNA, RUN), now);

        assertRejected(step, cause, AssayEventRejection.MISSING_FIELD);
        assertThat(state(ORDER)).isEqualTo(AssayState.READY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aRunWithoutARunIdIsRejectedAsMissingField(String blank) {
        bringTo(AssayState.READY);
        Cause start = cause();
        Cause completion = cause();

        Decision<AssayCase, TrackingOutput> started = desk.runStarted(kept, start, started(ORDER, RNA, blank), now);
        Decision<AssayCase, TrackingOutput> completed = desk.runCompleted(kept, completion,
                completed(ORDER, RNA, blank, BenchResults.ngsEtv6Ntrk3()), now);

        assertRejected(started, start, AssayEventRejection.MISSING_FIELD);
        assertRejected(completed, completion, AssayEventRejection.MISSING_FIELD);
        assertThat(state(ORDER)).isEqualTo(AssayState.READY);
    }

    @Test
    void aFusionCallThatListsNoFusionIsRejectedAsMalformed() {
        bringTo(AssayState.IN_PROGRESS);
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runCompleted(kept, cause,
                completed(ORDER, RNA, RUN, BenchResults.ngs(MolecularCall.FUSION_DETECTED).build()), now);

        assertRejected(step, cause, AssayEventRejection.MALFORMED_RESULT);
        assertThat(state(ORDER)).isEqualTo(AssayState.IN_PROGRESS);
    }

    @Test
    void anIhcStainingWithIntensityBeyondThreeIsRejectedAsMalformed() {
        order("ORD-417-IHC", AssayType.PAN_TRK_IHC);
        qc(AssayType.PAN_TRK_IHC, QcVerdict.PASS);
        keep(desk.runStarted(kept, cause(), started("ORD-417-IHC", AssayType.PAN_TRK_IHC, "SLIDE-7"), now));
        Cause cause = cause();

        Decision<AssayCase, TrackingOutput> step = desk.runCompleted(kept, cause, completed("ORD-417-IHC", AssayType.PAN_TRK_IHC, "SLIDE-7",
                BenchResults.ihc(IhcCall.POSITIVE).setIntensity(5).build()), now);

        assertRejected(step, cause, AssayEventRejection.MALFORMED_RESULT);
        assertThat(state("ORD-417-IHC")).isEqualTo(AssayState.IN_PROGRESS);
    }

    // ---- redelivery and replay ----------------------------------------------------------------------------

    @Test
    void theSameCompletionDeliveredTwiceIsAppliedOnceAndNotRejected() {
        bringTo(AssayState.IN_PROGRESS);
        Cause cause = cause();
        AssayRunCompleted completion = completed(ORDER, RNA, RUN, BenchResults.ngsEtv6Ntrk3());
        keep(desk.runCompleted(kept, cause, completion, now));

        Decision<AssayCase, TrackingOutput> again = desk.runCompleted(kept, cause, completion, now);

        assertThat(again.outputs()).isEmpty();
        assertThat(again.state()).isNull();
        assertThat(again.delete()).isFalse();
        assertThat(again.outcome()).isEqualTo("duplicate");
        assertThat(state(ORDER)).isEqualTo(AssayState.RESULTED);
    }

    @Test
    void theSameRunStartDeliveredTwiceIsAppliedOnce() {
        bringTo(AssayState.READY);
        Cause cause = cause();
        AssayRunStarted start = started(ORDER, RNA, RUN);
        keep(desk.runStarted(kept, cause, start, now));

        Decision<AssayCase, TrackingOutput> again = desk.runStarted(kept, cause, start, now);

        assertThat(again.outputs()).isEmpty();
        assertThat(again.state()).isNull();
        assertThat(state(ORDER)).isEqualTo(AssayState.IN_PROGRESS);
    }

    @Test
    void anOrderDeliveredTwiceDoesNotResetItsProgress() {
        AssayOrdered order = ordered(ORDER, RNA);
        keep(desk.ordered(kept, ACCESSION, cause(), order, now));
        qc(RNA, QcVerdict.PASS);
        start(ORDER, RNA, RUN);

        Decision<AssayCase, TrackingOutput> again = desk.ordered(kept, ACCESSION, cause(), order, now);

        assertThat(again.outputs()).isEmpty();
        assertThat(again.state()).isNull();
        assertThat(state(ORDER)).isEqualTo(AssayState.IN_PROGRESS);
    }

    @Test
    void theSameInputOnTheSameStateGivesTheSameEventIds() {
        qc(RNA, QcVerdict.PASS);
        AssayCase before = kept;
        Cause orderCause = cause();
        AssayOrdered order = ordered(ORDER, RNA);

        Decision<AssayCase, TrackingOutput> first = desk.ordered(before, ACCESSION, orderCause, order, now);
        Decision<AssayCase, TrackingOutput> replay = desk.ordered(before, ACCESSION, orderCause, order, now + 60_000);

        assertThat(replay.outputs()).isEqualTo(first.outputs());
        assertThat(first.outputs()).extracting(TrackingOutput::eventId).doesNotHaveDuplicates()
                .doesNotContain(orderCause.eventId());

        keep(first);
        start(ORDER, RNA, RUN);
        AssayCase inProgress = kept;
        Cause completionCause = cause();
        AssayRunCompleted completion = completed(ORDER, RNA, RUN, BenchResults.ngsEtv6Ntrk3());
        assertThat(desk.runCompleted(inProgress, completionCause, completion, now).outputs())
                .isEqualTo(desk.runCompleted(inProgress, completionCause, completion, now + 60_000).outputs());

        Cause mismatchCause = cause();
        AssayRunCompleted mismatch = completed(ORDER, AssayType.DNA_NGS, RUN, BenchResults.ngsEtv6Ntrk3());
        assertThat(desk.runCompleted(inProgress, mismatchCause, mismatch, now).outputs())
                .isEqualTo(desk.runCompleted(inProgress, mismatchCause, mismatch, now).outputs());
    }

    // ---- housekeeping -------------------------------------------------------------------------------------

    @Test
    void aFinishedCaseIdleLongerThanTheRetentionIsForgotten() {
        bringTo(AssayState.RESULTED);

        Decision<AssayCase, TrackingOutput> step = desk.expire(kept, kept.lastUpdateWallMillis() + IDLE_RETENTION.toMillis() + 1);

        assertThat(step.delete()).isTrue();
        assertThat(step.outputs()).isEmpty();
    }

    @Test
    void aFinishedCaseIsKeptWithinTheRetention() {
        bringTo(AssayState.RESULTED);

        Decision<AssayCase, TrackingOutput> step = desk.expire(kept, kept.lastUpdateWallMillis() + IDLE_RETENTION.toMillis() - 1);

        assertThat(step.delete()).isFalse();
        assertThat(step.state()).isNull();
    }

    @Test
    void aCaseWithAnOrderStillInProgressIsNeverForgotten() {
        bringTo(AssayState.IN_PROGRESS);

        Decision<AssayCase, TrackingOutput> step = desk.expire(kept, kept.lastUpdateWallMillis() + 10 * IDLE_RETENTION.toMillis());

        assertThat(step.delete()).isFalse();
        assertThat(step.state()).isNull();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Brings the RNA NGS order {@link #ORDER} to {@code target} through the legal path. */
    private void bringTo(AssayState target) {
        order(ORDER, RNA);
        switch (target) {
            case ORDERED:
                break;
            case READY:
                qc(RNA, QcVerdict.PASS);
                break;
            case BLOCKED_QC:
                qc(RNA, QcVerdict.FAIL);
                break;
            case IN_PROGRESS:
                qc(RNA, QcVerdict.PASS);
                start(ORDER, RNA, RUN);
                break;
            case RESULTED:
                qc(RNA, QcVerdict.PASS);
                start(ORDER, RNA, RUN);
                keep(desk.runCompleted(kept, cause(), completed(ORDER, RNA, RUN, BenchResults.ngsEtv6Ntrk3()), now));
                break;
            case RUN_FAILED:
                qc(RNA, QcVerdict.PASS);
                start(ORDER, RNA, RUN);
                keep(desk.runFailed(kept, cause(), failed(ORDER, RNA, RUN, RunFailureReason.INSUFFICIENT_LIBRARY), now));
                break;
            default:
                throw new IllegalArgumentException("no path to " + target);
        }
        assertThat(state(ORDER)).as("order brought to %s", target).isEqualTo(target);
    }

    /** Keeps the step's state as the processor would, and returns the step. */
    private Decision<AssayCase, TrackingOutput> keep(Decision<AssayCase, TrackingOutput> step) {
        if (step.delete()) {
            kept = null;
        } else if (step.state() != null) {
            kept = step.state();
        }
        now += 1_000;
        return step;
    }

    private Decision<AssayCase, TrackingOutput> order(String orderId, AssayType assay) {
        return keep(desk.ordered(kept, ACCESSION, cause(), ordered(orderId, assay), now));
    }

    private Decision<AssayCase, TrackingOutput> qc(AssayType assay, QcVerdict verdict) {
        QcDecided decision = QcDecided.newBuilder().setAssay(assay).setVerdict(verdict).setFindings(List.of())
                .setRuleSetVersion("2026.1").build();
        return keep(desk.qcDecided(kept, ACCESSION, cause(), decision, now));
    }

    private Decision<AssayCase, TrackingOutput> cancel() {
        return keep(desk.cancelled(kept, ACCESSION, cause(), now));
    }

    private Decision<AssayCase, TrackingOutput> start(String orderId, AssayType assay, String runId) {
        return keep(desk.runStarted(kept, cause(), started(orderId, assay, runId), now));
    }

    private Cause cause() {
        return new Cause(UUID.randomUUID().toString(), BENCH.plus(Duration.ofMinutes(++minutes)));
    }

    private AssayState state(String orderId) {
        return kept.orders().get(orderId).state();
    }

    private static AssayOrdered ordered(String orderId, AssayType assay) {
        return AssayOrdered.newBuilder().setOrderId(orderId).setAssay(assay).setReason(OrderReason.INITIAL)
                .setRuleId("INITIAL-LUAD").setRationale("NTRK work-up of a lung adenocarcinoma")
                .setReference("ESMO 2019 (Marchio et al., Ann Oncol 30:1417)").setPriority(Priority.ROUTINE).build();
    }

    private static AssayRunStarted started(String orderId, AssayType assay, String runId) {
        return AssayRunStarted.newBuilder().setOrderId(orderId).setAssay(assay).setRunId(runId)
                .setInstrumentId("NEXTSEQ-2").build();
    }

    private static AssayRunCompleted completed(String orderId, AssayType assay, String runId, Object details) {
        return AssayRunCompleted.newBuilder().setOrderId(orderId).setAssay(assay).setRunId(runId)
                .setResultDetails(details).build();
    }

    private static AssayRunFailed failed(String orderId, AssayType assay, String runId, RunFailureReason reason) {
        return AssayRunFailed.newBuilder().setOrderId(orderId).setAssay(assay).setRunId(runId).setReason(reason)
                .build();
    }

    private static List<org.assertj.core.groups.Tuple> transitions(Decision<AssayCase, TrackingOutput> step) {
        assertThat(step.outputs()).allSatisfy(o -> assertThat(o).isInstanceOf(TrackingOutput.StatusChanged.class));
        return step.outputs().stream().map(o -> (TrackingOutput.StatusChanged) o)
                .map(s -> tuple(s.from(), s.to(), s.reason())).toList();
    }

    private static TrackingOutput.Rejected rejection(Decision<AssayCase, TrackingOutput> step) {
        return (TrackingOutput.Rejected) step.outputs().get(0);
    }

    /** One rejection with the code, naming the rejected event, and no change to the case. */
    private static void assertRejected(Decision<AssayCase, TrackingOutput> step, Cause cause, AssayEventRejection code) {
        assertThat(step.state()).as("state to keep after a rejection").isNull();
        assertThat(step.delete()).isFalse();
        assertThat(step.outcome()).isEqualTo("rejected_" + code.name().toLowerCase());
        assertThat(step.outputs()).singleElement().isInstanceOfSatisfying(TrackingOutput.Rejected.class, r -> {
            assertThat(r.rejection()).isEqualTo(code);
            assertThat(r.rejectedEventId()).isEqualTo(cause.eventId());
            assertThat(r.causationId()).isEqualTo(cause.eventId());
            assertThat(r.occurredAt()).isEqualTo(cause.occurredAt());
            assertThat(r.eventId()).isNotEqualTo(cause.eventId());
            assertThat(r.detail()).isNotBlank();
        });
    }
}
