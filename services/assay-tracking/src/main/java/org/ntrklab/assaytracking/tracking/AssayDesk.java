package org.ntrklab.assaytracking.tracking;

import org.ntrklab.platform.cases.CaseContext;
import org.ntrklab.platform.cases.CaseLogic;
import org.ntrklab.platform.cases.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ntrklab.events.AssayEventRejection;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayRunCompleted;
import org.ntrklab.events.AssayRunFailed;
import org.ntrklab.events.AssayRunStarted;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.results.ResultNormaliser;

/**
 * The state machine of each assay order:
 * <pre>
 * ORDERED -> READY (QC passed) | BLOCKED_QC (QC failed)      on the assay's QC decision, known or later
 * BLOCKED_QC <-> READY                                        when a later QC decision changes the verdict
 * READY -> IN_PROGRESS                                        AssayRunStarted
 * IN_PROGRESS -> RESULTED                                     AssayRunCompleted (normalised result)
 * IN_PROGRESS -> RUN_FAILED                                   AssayRunFailed (a retry is a new RETEST order)
 * any open state -> CANCELLED                                 the accession is cancelled
 * </pre>
 * A run event that does not fit becomes a rejection with its reason and leaves the order as it was.
 * Pure: no Kafka, no clock; ids derive from the causing event, so a replay gives the same events.
 */
public final class AssayDesk implements CaseLogic<AssayInput, AssayCase, TrackingOutput> {

    private final Duration idleRetention;

    public AssayDesk(Duration idleRetention) {
        this.idleRetention = idleRetention;
    }

    /** Inputs as the desk sees them: the envelope fields it needs. */
    public record Cause(String eventId, Instant occurredAt) {
    }

    @Override
    public Decision<AssayCase, TrackingOutput> decide(String accessionId, AssayCase state, AssayInput input,
            CaseContext context) {
        long now = context.now();
        AssayDesk.Cause cause = input.cause();
        if (input instanceof AssayInput.Ordered o) {
            return ordered(state, accessionId, cause, o.order(), now);
        }
        if (input instanceof AssayInput.QcDecision q) {
            return qcDecided(state, accessionId, cause, q.decision(), now);
        }
        if (input instanceof AssayInput.Cancelled) {
            return cancelled(state, accessionId, cause, now);
        }
        if (input instanceof AssayInput.RunStarted r) {
            return runStarted(state, cause, r.run(), now);
        }
        if (input instanceof AssayInput.RunCompleted r) {
            return runCompleted(state, cause, r.run(), now);
        }
        return runFailed(state, cause, ((AssayInput.RunFailed) input).run(), now);
    }

    @Override
    public Decision<AssayCase, TrackingOutput> housekeep(String accessionId, AssayCase state, CaseContext context) {
        return expire(state, context.now());
    }

    public Decision<AssayCase, TrackingOutput> ordered(AssayCase existing, String accessionId, Cause cause, AssayOrdered order, long now) {
        AssayCase c = existing == null ? AssayCase.open(accessionId, now) : existing;
        if (c.orders().containsKey(order.getOrderId())) {
            return Decision.unchanged("duplicate");
        }
        List<TrackingOutput> out = new ArrayList<>();
        TrackedOrder tracked = new TrackedOrder(order.getOrderId(), order.getAssay(), AssayState.ORDERED, null, List.of());
        out.add(status(tracked, null, AssayState.ORDERED, order.getReason().name(), cause));
        if (c.cancelled()) {
            out.add(status(tracked, AssayState.ORDERED, AssayState.CANCELLED, "ACCESSION_CANCELLED", cause));
            tracked = tracked.moved(AssayState.CANCELLED);
        } else {
            QcVerdict verdict = c.qc().get(order.getAssay());
            if (verdict != null) {
                AssayState to = qcState(verdict);
                out.add(status(tracked, AssayState.ORDERED, to, qcReason(verdict), cause));
                tracked = tracked.moved(to);
            }
        }
        return new Decision<>(c.with(tracked, now), false, out, "ordered");
    }

    public Decision<AssayCase, TrackingOutput> qcDecided(AssayCase existing, String accessionId, Cause cause, QcDecided decision, long now) {
        AssayCase c = existing == null ? AssayCase.open(accessionId, now) : existing;
        AssayType assay = decision.getAssay();
        QcVerdict verdict = decision.getVerdict();
        // ntrk.qc-decisions is ordered per accession: the last decision to arrive is the current one.
        c = c.withQc(assay, verdict, now);
        List<TrackingOutput> out = new ArrayList<>();
        AssayState to = qcState(verdict);
        for (TrackedOrder order : new ArrayList<>(c.orders().values())) {
            boolean awaitingRun = order.state() == AssayState.ORDERED || order.state() == AssayState.READY
                    || order.state() == AssayState.BLOCKED_QC;
            if (order.assay() == assay && awaitingRun && order.state() != to) {
                out.add(status(order, order.state(), to, qcReason(verdict), cause));
                c = c.with(order.moved(to), now);
            }
        }
        return new Decision<>(c, false, out, out.isEmpty() ? "qc_recorded" : "qc_applied");
    }

    public Decision<AssayCase, TrackingOutput> cancelled(AssayCase existing, String accessionId, Cause cause, long now) {
        AssayCase c = existing == null ? AssayCase.open(accessionId, now) : existing;
        if (c.cancelled()) {
            return Decision.unchanged("duplicate");
        }
        c = c.withCancelled(now);
        List<TrackingOutput> out = new ArrayList<>();
        for (TrackedOrder order : new ArrayList<>(c.orders().values())) {
            if (!order.terminal()) {
                out.add(status(order, order.state(), AssayState.CANCELLED, "ACCESSION_CANCELLED", cause));
                c = c.with(order.moved(AssayState.CANCELLED), now);
            }
        }
        return new Decision<>(c, false, out, "cancelled");
    }

    public Decision<AssayCase, TrackingOutput> runStarted(AssayCase c, Cause cause, AssayRunStarted run, long now) {
        Decision<AssayCase, TrackingOutput> refused = check(c, cause, run.getOrderId(), run.getRunId(), run.getAssay());
        if (refused != null) {
            return refused;
        }
        TrackedOrder order = c.orders().get(run.getOrderId());
        switch (order.state()) {
            case READY:
                TrackedOrder started = order.accepted(cause.eventId(), AssayState.IN_PROGRESS, run.getRunId());
                return new Decision<>(c.with(started, now), false, List.of(status(order, AssayState.READY,
                        AssayState.IN_PROGRESS, null, cause, run.getRunId())), "started");
            case ORDERED:
                return reject(cause, order, run.getRunId(), AssayEventRejection.ILLEGAL_TRANSITION,
                        "run started before the QC decision for " + order.assay() + " was known");
            case BLOCKED_QC:
                return reject(cause, order, run.getRunId(), AssayEventRejection.ILLEGAL_TRANSITION,
                        "run started although " + order.assay() + " failed sample QC");
            case IN_PROGRESS:
                return reject(cause, order, run.getRunId(), AssayEventRejection.ILLEGAL_TRANSITION,
                        "run " + order.runId() + " is already in progress for this order");
            default:
                return reject(cause, order, run.getRunId(), AssayEventRejection.ILLEGAL_TRANSITION,
                        "order is already " + order.state());
        }
    }

    public Decision<AssayCase, TrackingOutput> runCompleted(AssayCase c, Cause cause, AssayRunCompleted run, long now) {
        Decision<AssayCase, TrackingOutput> refused = checkCompletion(c, cause, run.getOrderId(), run.getRunId(), run.getAssay());
        if (refused != null) {
            return refused;
        }
        TrackedOrder order = c.orders().get(run.getOrderId());
        ResultNormaliser.Normalised n = ResultNormaliser.normalise(order.assay(), run.getResultDetails());
        if (n.refused()) {
            return reject(cause, order, run.getRunId(), n.rejection(), n.detail());
        }
        TrackedOrder done = order.accepted(cause.eventId(), AssayState.RESULTED, order.runId());
        List<TrackingOutput> out = List.of(
                status(order, AssayState.IN_PROGRESS, AssayState.RESULTED, n.interpretation().name(), cause,
                        order.runId()),
                new TrackingOutput.Resulted(order.orderId(), order.assay(), order.runId(), n.interpretation(),
                        run.getResultDetails(), EventIds.derived(cause.eventId(), "resulted/" + order.orderId()),
                        cause.eventId(), cause.occurredAt()));
        return new Decision<>(c.with(done, now), false, out, "resulted");
    }

    public Decision<AssayCase, TrackingOutput> runFailed(AssayCase c, Cause cause, AssayRunFailed run, long now) {
        Decision<AssayCase, TrackingOutput> refused = checkCompletion(c, cause, run.getOrderId(), run.getRunId(), run.getAssay());
        if (refused != null) {
            return refused;
        }
        TrackedOrder order = c.orders().get(run.getOrderId());
        TrackedOrder failed = order.accepted(cause.eventId(), AssayState.RUN_FAILED, order.runId());
        // The reason is the coded failure only: an instrument's free-text detail may carry anything.
        return new Decision<>(c.with(failed, now), false, List.of(status(order, AssayState.IN_PROGRESS,
                AssayState.RUN_FAILED, run.getReason().name(), cause, order.runId())), "run_failed");
    }

    /** Forgets a case whose orders are all finished (or that never had one) once it has been idle long enough. */
    public Decision<AssayCase, TrackingOutput> expire(AssayCase c, long now) {
        if (now - c.lastUpdateWallMillis() > idleRetention.toMillis() && c.finished()) {
            return new Decision<>(null, true, List.of(), "evicted");
        }
        return Decision.unchanged("kept");
    }

    /** Checks shared by every run event; null when the event may proceed. */
    private Decision<AssayCase, TrackingOutput> check(AssayCase c, Cause cause, String orderId, String runId, AssayType assay) {
        if (orderId == null || orderId.isBlank() || runId == null || runId.isBlank()) {
            return reject(cause, orderId, runId, AssayEventRejection.MISSING_FIELD, "orderId and runId are required");
        }
        TrackedOrder order = c == null ? null : c.orders().get(orderId);
        if (order == null) {
            return reject(cause, orderId, runId, AssayEventRejection.UNKNOWN_ORDER,
                    "no order " + orderId + " for this accession");
        }
        if (order.acceptedEventIds().contains(cause.eventId())) {
            return Decision.unchanged("duplicate");
        }
        if (order.assay() != assay) {
            return reject(cause, order, runId, AssayEventRejection.ASSAY_MISMATCH,
                    "run is for " + assay + " but order " + orderId + " is for " + order.assay());
        }
        if (order.state() == AssayState.CANCELLED) {
            return reject(cause, order, runId, AssayEventRejection.ORDER_CANCELLED, "order " + orderId + " was cancelled");
        }
        return null;
    }

    private Decision<AssayCase, TrackingOutput> checkCompletion(AssayCase c, Cause cause, String orderId, String runId, AssayType assay) {
        Decision<AssayCase, TrackingOutput> refused = check(c, cause, orderId, runId, assay);
        if (refused != null) {
            return refused;
        }
        TrackedOrder order = c.orders().get(orderId);
        if (order.state() == AssayState.RESULTED || order.state() == AssayState.RUN_FAILED) {
            return reject(cause, order, runId, AssayEventRejection.DUPLICATE_COMPLETION,
                    "order is already " + order.state() + " by run " + order.runId());
        }
        if (order.state() != AssayState.IN_PROGRESS) {
            return reject(cause, order, runId, AssayEventRejection.RESULT_BEFORE_START,
                    "no run has started for this order (state " + order.state() + ")");
        }
        if (!order.runId().equals(runId)) {
            return reject(cause, order, runId, AssayEventRejection.ILLEGAL_TRANSITION,
                    "run " + runId + " completed but run " + order.runId() + " is the one in progress");
        }
        return null;
    }

    private static Decision<AssayCase, TrackingOutput> reject(Cause cause, TrackedOrder order, String runId, AssayEventRejection rejection,
            String detail) {
        return reject(cause, order.orderId(), runId, rejection, detail);
    }

    private static Decision<AssayCase, TrackingOutput> reject(Cause cause, String orderId, String runId, AssayEventRejection rejection,
            String detail) {
        return new Decision<>(null, false, List.of(new TrackingOutput.Rejected(cause.eventId(), orderId, runId,
                rejection, detail, EventIds.derived(cause.eventId(), "rejected"), cause.eventId(), cause.occurredAt())),
                "rejected_" + rejection.name().toLowerCase());
    }

    private static TrackingOutput.StatusChanged status(TrackedOrder order, AssayState from, AssayState to, String reason,
            Cause cause) {
        return status(order, from, to, reason, cause, order.runId());
    }

    private static TrackingOutput.StatusChanged status(TrackedOrder order, AssayState from, AssayState to, String reason,
            Cause cause, String runId) {
        return new TrackingOutput.StatusChanged(order.orderId(), order.assay(), from, to, runId, reason,
                EventIds.derived(cause.eventId(), "status/" + order.orderId() + "/" + to), cause.eventId(),
                cause.occurredAt());
    }

    static AssayState qcState(QcVerdict verdict) {
        return verdict == QcVerdict.FAIL ? AssayState.BLOCKED_QC : AssayState.READY;
    }

    static String qcReason(QcVerdict verdict) {
        return "QC_" + verdict.name();
    }
}
