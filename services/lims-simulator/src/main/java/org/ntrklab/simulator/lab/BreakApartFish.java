package org.ntrklab.simulator.lab;

import org.ntrklab.events.Decalcification;
import org.ntrklab.events.FishResult;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.RunFailureReason;

/**
 * NTRK3 break-apart FISH (probe choice: {@link AssayPerformance#FISH_PROBE}). It sees a rearrangement of its
 * own gene only, never names the partner, and misses some (a cryptic or small rearrangement keeps the signals
 * together), which is drawn once per tumour.
 */
final class BreakApartFish {

    private BreakApartFish() {
    }

    static Reading read(SimulatedCase c, Draws tumour, Draws run) {
        if (!Boolean.TRUE.equals(c.quality().tumourCellsPresent())) {
            return Reading.failed(RunFailureReason.INSUFFICIENT_TISSUE, "no tumour nuclei to score");
        }
        // Acid destroys DNA and with it the hybridisation signals [D factor].
        double failure = AssayPerformance.FISH_FAILURE * (c.decalcification() == Decalcification.ACID ? 5 : 1);
        if (run.chance(failure)) {
            return Reading.failed(RunFailureReason.CONTROL_FAILURE, "no evaluable hybridisation signals");
        }
        FusionTruth fusion = c.fusion();
        boolean ownGene = fusion != null && fusion.ntrkGene() == AssayPerformance.FISH_PROBE;
        boolean detected = ownGene && tumour.chance(AssayPerformance.FISH_SENSITIVITY);
        int nuclei = run.uniformInt(50, 100);
        // Background split signals stay under 10%; a missed rearrangement just under the cut-off [D].
        double percent = detected ? run.uniform(20, 70) : ownGene ? run.uniform(5, 14) : run.uniform(0, 10);
        int split = (int) Math.round(percent * nuclei / 100);
        double splitPercent = Draws.round1(100.0 * split / nuclei);
        MolecularCall call = splitPercent >= AssayPerformance.FISH_CUT_OFF_PERCENT ? MolecularCall.FUSION_DETECTED
                : MolecularCall.NO_FUSION_DETECTED;
        FishResult result = FishResult.newBuilder().setProbeGene(AssayPerformance.FISH_PROBE).setNucleiScored(nuclei)
                .setSplitSignalPercent(splitPercent).setCall(call).build();
        return Reading.result(result, call == MolecularCall.FUSION_DETECTED);
    }
}
