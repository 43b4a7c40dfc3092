package org.ntrklab.simulator.lab;

import org.ntrklab.events.Decalcification;
import java.util.List;
import org.ntrklab.events.FishResult;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.RunFailureReason;

/**
 * NTRK break-apart FISH with the probes the order names (one slide per probe; {@link
 * AssayPerformance#FISH_PROBES_WHEN_UNNAMED} when it names none). It sees a rearrangement of a probed gene
 * only, never names the partner, and misses some (a cryptic or small rearrangement keeps the signals
 * together), which is drawn once per tumour.
 */
final class BreakApartFish {

    private BreakApartFish() {
    }

    static Reading read(SimulatedCase c, Draws tumour, Draws run, List<NtrkGene> probes) {
        if (!Boolean.TRUE.equals(c.quality().tumourCellsPresent())) {
            return Reading.failed(RunFailureReason.INSUFFICIENT_TISSUE, "no tumour nuclei to score");
        }
        // Acid destroys DNA and with it the hybridisation signals [D factor].
        double failure = AssayPerformance.FISH_FAILURE * (c.decalcification() == Decalcification.ACID ? 5 : 1);
        if (run.chance(failure)) {
            return Reading.failed(RunFailureReason.CONTROL_FAILURE, "no evaluable hybridisation signals");
        }
        FusionTruth fusion = c.fusion();
        boolean ownGene = fusion != null && probes.contains(fusion.ntrkGene());
        boolean detected = ownGene && tumour.chance(AssayPerformance.FISH_SENSITIVITY);
        int nuclei = run.uniformInt(50, 100);
        // Background split signals stay under 10%; a missed rearrangement just under the cut-off [D].
        double percent = detected ? run.uniform(20, 70) : ownGene ? run.uniform(5, 14) : run.uniform(0, 10);
        int split = (int) Math.round(percent * nuclei / 100);
        double splitPercent = Draws.round1(100.0 * split / nuclei);
        MolecularCall call = splitPercent >= AssayPerformance.FISH_CUT_OFF_PERCENT ? MolecularCall.FUSION_DETECTED
                : MolecularCall.NO_FUSION_DETECTED;
        // The probe reported is the rearranged gene, or the first probe when none is rearranged.
        NtrkGene reported = ownGene ? fusion.ntrkGene() : probes.get(0);
        FishResult result = FishResult.newBuilder().setProbeGene(reported).setNucleiScored(nuclei)
                .setSplitSignalPercent(splitPercent).setCall(call).setProbesTested(probes).build();
        return Reading.result(result, call == MolecularCall.FUSION_DETECTED);
    }
}
