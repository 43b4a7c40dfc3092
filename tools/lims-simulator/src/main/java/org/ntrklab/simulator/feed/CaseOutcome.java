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

    /**
     * Where a case stands. REJECTED, CANCELLED and REPORTED are the ends, and so is LEFT_FOR_THE_DESK: a draft
     * the pathologist left unsigned for a person at the sign-out desk, which the run does not wait for.
     */
    public enum Stage { SENT, ACCESSIONED, REJECTED, CANCELLED, DRAFTED, LEFT_FOR_THE_DESK, REPORTED }

    public boolean finished() {
        return finished(stage);
    }

    static boolean finished(Stage stage) {
        return stage == Stage.REJECTED || stage == Stage.CANCELLED || stage == Stage.LEFT_FOR_THE_DESK
                || stage == Stage.REPORTED;
    }
}
