package org.ntrklab.simulator.feed;

import java.util.List;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.ReportedFusion;
import org.ntrklab.simulator.lab.GroundTruthCheck;
import org.ntrklab.simulator.lab.RunOutcome;
import org.ntrklab.simulator.lab.SimulatedCase;

/**
 * What became of one simulated case.
 *
 * @param accessionId null until accessioned
 * @param call the overall call of its first FINAL report, null before
 * @param verdict the first FINAL report against the ground truth, null before
 * @param latencyNanos wall time from sending the receipt to reading the first FINAL report, -1 before
 * @param runs every run the bench reported for it
 */
public record CaseOutcome(SimulatedCase simulated, String accessionId, Stage stage, int drafts, int finals,
        OverallCall call, List<ReportedFusion> fusions, GroundTruthCheck.Verdict verdict, long latencyNanos,
        List<RunOutcome> runs) {

    /** Where a case stands. REJECTED, CANCELLED and REPORTED are the ends. */
    public enum Stage { SENT, ACCESSIONED, REJECTED, CANCELLED, DRAFTED, REPORTED }

    public boolean finished() {
        return stage == Stage.REJECTED || stage == Stage.CANCELLED || stage == Stage.REPORTED;
    }
}
