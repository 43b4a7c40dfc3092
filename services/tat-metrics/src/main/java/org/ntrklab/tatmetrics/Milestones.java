package org.ntrklab.tatmetrics;

import java.util.List;
import java.util.Optional;
import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.OrderReason;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.tatmetrics.timeline.Milestone;
import org.ntrklab.tatmetrics.timeline.Milestone.Kind;

/**
 * Reads the turnaround milestone, if any, out of each lifecycle event. Events that move no clock
 * (rejections, drafts, amended reports, reflex advice) give none.
 */
final class Milestones {

    private Milestones() {
    }

    static Optional<Milestone> of(AccessionEvent e) {
        if (e.getAccessionId() == null) {
            return Optional.empty();
        }
        if (e.getPayload() instanceof SpecimenAccessioned a) {
            return Optional.of(new Milestone(Kind.ACCESSIONED, e.getEventId(), e.getOccurredAt(), null, null, false, null,
                    a.getSpecimen().getReceivedAt(), a.getPriority().name()));
        }
        if (e.getPayload() instanceof AccessionCancelled) {
            return Optional.of(Milestone.of(Kind.ACCESSION_CANCELLED, e.getEventId(), e.getOccurredAt()));
        }
        return Optional.empty();
    }

    static Optional<Milestone> of(QcDecisionEvent e) {
        return e.getPayload() instanceof QcDecided
                ? Optional.of(Milestone.of(Kind.QC_DECIDED, e.getEventId(), e.getOccurredAt()))
                : Optional.empty();
    }

    static Optional<Milestone> of(AssayOrderEvent e) {
        if (e.getPayload() instanceof AssayOrdered o) {
            boolean reflex = o.getReason() == OrderReason.REFLEX;
            String trigger = o.getTriggeredBy() == null ? null : o.getTriggeredBy().getOrderId();
            return Optional.of(new Milestone(Kind.ORDERED, e.getEventId(), e.getOccurredAt(), o.getOrderId(),
                    o.getAssay(), reflex, trigger, null, null));
        }
        return Optional.empty();
    }

    static Optional<Milestone> of(AssayStatusEvent e) {
        if (e.getPayload() instanceof AssayResulted r) {
            return Optional.of(Milestone.ofOrder(Kind.RESULTED, e.getEventId(), e.getOccurredAt(), r.getOrderId(),
                    r.getAssay()));
        }
        if (e.getPayload() instanceof AssayStatusChanged c) {
            AssayState to = c.getToState();
            if (to == AssayState.IN_PROGRESS) {
                return Optional.of(Milestone.ofOrder(Kind.RUN_STARTED, e.getEventId(), e.getOccurredAt(),
                        c.getOrderId(), c.getAssay()));
            }
            if (to == AssayState.RUN_FAILED || to == AssayState.CANCELLED) {
                return Optional.of(Milestone.ofOrder(Kind.ORDER_CLOSED, e.getEventId(), e.getOccurredAt(),
                        c.getOrderId(), c.getAssay()));
            }
        }
        return Optional.empty();
    }

    static Optional<Milestone> of(ReportEvent e) {
        if (e.getPayload() instanceof ReportIssued r && r.getStatus() == ReportStatus.FINAL) {
            // The orders the report is based on: post-analytic time runs from the last of their results.
            List<String> resulted = r.getContent().getAssays().stream()
                    .filter(a -> a.getState() == AssayState.RESULTED).map(a -> a.getOrderId()).toList();
            return Optional.of(new Milestone(Kind.FINAL_REPORT, e.getEventId(), e.getOccurredAt(), null, null, false,
                    null, null, null, r.getContent().getAssays().isEmpty() ? null : resulted));
        }
        return Optional.empty();
    }
}
