package org.ntrklab.simulator.feed;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.ReportedFusion;
import org.ntrklab.simulator.lab.GroundTruthCheck;
import org.ntrklab.simulator.lab.RunOutcome;
import org.ntrklab.simulator.lab.SimulatedCase;
import org.ntrklab.simulator.feed.CaseOutcome.Stage;

/**
 * Where one simulated case stands, as seen from the events the services wrote. Touched by the thread
 * that reads the services' topics and by the thread that sends receipts, hence synchronised.
 */
final class CaseProgress {

    private final SimulatedCase simulated;
    private Stage stage = Stage.SENT;
    private String accessionId;
    private long receiptSentNanos;
    private long reportedNanos;
    private int finals;
    private int drafts;
    private boolean leftForTheDesk;
    private final Set<Integer> signedVersions = new HashSet<>();
    private final Set<String> startedOrders = new HashSet<>();
    private final Map<AssayType, Integer> attempts = new EnumMap<>(AssayType.class);
    private final List<RunOutcome> outcomes = new ArrayList<>();
    private final Map<String, List<NtrkGene>> fishProbes = new java.util.HashMap<>();
    private OverallCall reportedCall;
    private List<ReportedFusion> reportedFusions = List.of();
    private GroundTruthCheck.Verdict verdict;

    CaseProgress(SimulatedCase simulated) {
        this.simulated = simulated;
    }

    SimulatedCase simulated() {
        return simulated;
    }

    synchronized void receiptSent(long nanos) {
        receiptSentNanos = nanos;
    }

    synchronized boolean accessioned(String id) {
        if (accessionId != null) {
            return false;
        }
        accessionId = id;
        stage = Stage.ACCESSIONED;
        return true;
    }

    /** Refused at intake; a refused re-send of an accessioned specimen changes nothing. */
    synchronized void rejected() {
        if (accessionId == null) {
            stage = Stage.REJECTED;
        }
    }

    /** The LIMS withdrew the order after accession; a report already issued stays the end. */
    synchronized void cancelled() {
        if (stage != Stage.REPORTED) {
            stage = Stage.CANCELLED;
        }
    }

    /** The FISH probes an order names; the bench runs those. */
    synchronized void probesOrdered(String orderId, List<NtrkGene> probes) {
        fishProbes.put(orderId, List.copyOf(probes));
    }

    /** The probes the order named, empty when it named none or has not been seen. */
    synchronized List<NtrkGene> probes(String orderId) {
        return fishProbes.getOrDefault(orderId, List.of());
    }

    /** The next attempt of this assay for a newly released order, or 0 when the order was already run. */
    synchronized int nextAttempt(String orderId, AssayType assay) {
        if (!startedOrders.add(orderId)) {
            return 0;
        }
        return attempts.merge(assay, 1, Integer::sum);
    }

    synchronized void ran(RunOutcome outcome) {
        outcomes.add(outcome);
    }

    /** Whether the pathologist still has to sign out this draft version (never in a case left for the desk). */
    synchronized boolean drafted(int version) {
        drafts++;
        if (stage != Stage.REPORTED && !leftForTheDesk) {
            stage = Stage.DRAFTED;
        }
        return signedVersions.add(version) && !leftForTheDesk;
    }

    /**
     * The pathologist leaves this case's draft to a person at the sign-out desk, and every later version too:
     * the run counts the case as ended at its draft. A person who signs it while the run goes on still makes
     * it REPORTED. False, and nothing changes, unless the case stands at its draft.
     */
    synchronized boolean leftForTheDesk() {
        if (stage != Stage.DRAFTED) {
            return false;
        }
        leftForTheDesk = true;
        stage = Stage.LEFT_FOR_THE_DESK;
        return true;
    }

    synchronized void reportedFinal(OverallCall call, List<ReportedFusion> fusions, long nanos) {
        finals++;
        if (finals == 1) {
            reportedNanos = nanos;
            reportedCall = call;
            reportedFusions = List.copyOf(fusions);
            verdict = GroundTruthCheck.check(simulated, List.copyOf(outcomes), call, fusions);
        }
        stage = Stage.REPORTED;
    }

    synchronized Stage stage() {
        return stage;
    }

    synchronized boolean finished() {
        return CaseOutcome.finished(stage);
    }

    /** A consistent snapshot for the summary. */
    synchronized CaseOutcome outcome() {
        return new CaseOutcome(simulated, accessionId, stage, drafts, finals, reportedCall, reportedFusions, verdict,
                finals > 0 ? reportedNanos - receiptSentNanos : -1, List.copyOf(outcomes));
    }
}
