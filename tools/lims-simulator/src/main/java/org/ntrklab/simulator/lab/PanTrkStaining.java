package org.ntrklab.simulator.lab;

import java.util.List;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.IhcStainingPattern;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.RunFailureReason;
import org.ntrklab.events.SpecimenType;

/**
 * Pan-TRK IHC with clone EPR17341 (Roche VENTANA pan-TRK). A fusion stains with the per-gene sensitivity of
 * Solomon et al. 2020; a tumour without a fusion stains with 1 - the specificity of its type (wild-type TRK,
 * e.g. in neural or smooth-muscle differentiation). Whether a tumour stains is a property of the tumour, drawn
 * once per case; control failures and stainer errors are drawn per run. Figures and sources:
 * docs/lims-simulator.md#the-bench-and-the-instruments.
 */
final class PanTrkStaining {

    private PanTrkStaining() {
    }

    static Reading read(SimulatedCase c, Draws tumour, Draws run) {
        if (run.chance(AssayPerformance.IHC_STAINER_ERROR)) {
            return Reading.failed(RunFailureReason.INSTRUMENT_ERROR, "stainer error; slide not stained");
        }
        if (c.specimenType() == SpecimenType.FRESH_FROZEN || !Boolean.TRUE.equals(c.quality().tumourCellsPresent())) {
            // Validated on FFPE only, and scored in tumour cells: without either there is nothing to read.
            return Reading.result(result(0, 0, List.of(), true, IhcCall.NON_EVALUABLE), false);
        }
        if (run.chance(AssayPerformance.IHC_CONTROL_FAILURE)) {
            return Reading.result(result(0, 0, List.of(), false, IhcCall.NON_EVALUABLE), false);
        }
        FusionTruth fusion = c.fusion();
        boolean stains = fusion != null
                ? tumour.chance(AssayPerformance.ihcSensitivity(fusion.ntrkGene()))
                : tumour.chance(1 - c.tumour().ihcSpecificity());
        if (!stains) {
            return Reading.result(result(0, 0, List.of(), true, IhcCall.NEGATIVE), false);
        }
        if (tumour.chance(AssayPerformance.IHC_EQUIVOCAL_SHARE)) {
            return Reading.result(result(tumour.uniformInt(1, 3), 1, List.of(IhcStainingPattern.CYTOPLASMIC), true,
                    IhcCall.EQUIVOCAL), false);
        }
        if (fusion == null) {
            // Wild-type TRK: focal, weak to moderate, cytoplasmic [D].
            return Reading.result(result(tumour.uniformInt(1, 30), tumour.uniformInt(1, 2),
                    List.of(IhcStainingPattern.CYTOPLASMIC), true, IhcCall.POSITIVE), false);
        }
        // NTRK1/2 fusions stain diffusely; NTRK3 fusions are often weak or focal (ESMO OncologyPRO 2019) [D ranges].
        boolean ntrk3 = fusion.ntrkGene() == NtrkGene.NTRK3;
        double percent = ntrk3 ? 5 * tumour.uniformInt(1, 18) : 5 * tumour.uniformInt(8, 20);
        int intensity = ntrk3 ? tumour.uniformInt(1, 3) : tumour.uniformInt(2, 3);
        return Reading.result(result(percent, intensity, FusionPartners.stainingPatterns(fusion), true,
                IhcCall.POSITIVE), false);
    }

    private static IhcResult result(double percent, int intensity, List<IhcStainingPattern> patterns,
            boolean controlOk, IhcCall call) {
        return IhcResult.newBuilder().setClone(AssayPerformance.IHC_CLONE).setPercentPositiveTumourCells(percent)
                .setIntensity(intensity).setPatterns(patterns).setInternalControlOk(controlOk).setCall(call).build();
    }
}
