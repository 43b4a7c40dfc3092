package org.ntrklab.simulator.lab;

import java.util.List;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.RtPcrResult;
import org.ntrklab.events.RunFailureReason;

/**
 * RT-PCR with primers for a fixed set of fusion transcripts ({@link AssayPerformance#RT_PCR_TARGETS}): it
 * detects a targeted fusion whenever tumour RNA amplifies, and nothing else.
 */
final class RtPcrPanel {

    private RtPcrPanel() {
    }

    static Reading read(SimulatedCase c, Draws run) {
        if (run.chance(AssayPerformance.RT_PCR_TECHNICAL_FAILURE)) {
            return Reading.failed(RunFailureReason.INSTRUMENT_ERROR, "thermocycler run aborted");
        }
        // Fragmented RNA does not amplify the reference gene (DV200 > 30% for RT-PCR, IBBL) [D rates].
        Double dv200 = c.quality().dv200Percent();
        double degraded = dv200 == null ? 0 : dv200 < 30 ? 0.4 : dv200 < 40 ? 0.1 : 0;
        if (run.chance(degraded)) {
            return Reading.failed(RunFailureReason.CONTROL_FAILURE,
                    "reference gene not amplified (DV200 " + dv200 + "%)");
        }
        FusionTruth fusion = c.fusion();
        boolean detected = fusion != null && c.quality().tumourPercentOrZero() > 0
                && AssayPerformance.RT_PCR_TARGETS.contains(fusion.hgncName());
        RtPcrResult result = RtPcrResult.newBuilder().setTargets(AssayPerformance.RT_PCR_TARGETS)
                .setDetectedTargets(detected ? List.of(fusion.hgncName()) : List.of())
                .setCall(detected ? MolecularCall.FUSION_DETECTED : MolecularCall.NO_FUSION_DETECTED).build();
        return Reading.result(result, detected);
    }
}
