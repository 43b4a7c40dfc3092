package org.ntrklab.reflex.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ntrklab.platform.cases.Decision;
import org.ntrklab.platform.events.EventIds;

/**
 * The announcement that a case has settled: accessioned, open, every order answered and nothing pending.
 * Reporting waits for it, so a result that reflex is about to follow up is never reported as the last word. It
 * carries the suspicion and tumour-type class the rules worked with, so reporting weighs a negative the same
 * way. Each set of outcomes is announced once.
 */
final class SettledAnnouncement {

    private final ReflexPolicy policy;

    SettledAnnouncement(ReflexPolicy policy) {
        this.policy = policy;
    }

    /**
     * Adds the settled announcement, as the last output, to a decision that leaves the case settled, unless
     * these very outcomes were announced before.
     */
    Decision<ReflexCase, ReflexOutput> announce(Decision<ReflexCase, ReflexOutput> step, String causeId,
            Instant occurredAt) {
        ReflexCase c = step.state();
        ReflexOutput.Settled settled = settlement(c, causeId, occurredAt);
        if (settled == null) {
            return step;
        }
        List<ReflexOutput> outputs = new ArrayList<>(step.outputs());
        outputs.add(settled);
        return Decision.keep(c.announcedSettled(), outputs, step.outcome());
    }

    /**
     * Announces a case that settled before reflex wrote settled announcements (stored by an earlier
     * version), so that reporting can draft it. The id derives from the accession and the outcomes, so a
     * repeat writes the same event.
     */
    Decision<ReflexCase, ReflexOutput> announceEarlierSettled(ReflexCase c, Instant now) {
        if (c == null || c.settledAs() != null) {
            return Decision.unchanged("kept");
        }
        String causeId = EventIds.derived(c.accessionId(), "settled-earlier/" + c.outcomes());
        ReflexOutput.Settled settled = settlement(c, causeId, now);
        return settled == null ? Decision.unchanged("kept")
                : Decision.keep(c.announcedSettled(), List.of(settled), "announced_earlier_settled");
    }

    /** The announcement that {@code c} has settled, or null when it has not or these outcomes were announced. */
    private ReflexOutput.Settled settlement(ReflexCase c, String causeId, Instant occurredAt) {
        if (c == null || !c.accessioned() || c.cancelled() || !c.settled() || c.outcomes().equals(c.settledAs())) {
            return null;
        }
        return new ReflexOutput.Settled(c.orders(), policy.suspicion(c.facts()), policy.tumourTypeRoute(c.facts()),
                policy.table().version(), EventIds.derived(causeId, "settled/" + c.outcomes()), causeId, occurredAt);
    }
}
