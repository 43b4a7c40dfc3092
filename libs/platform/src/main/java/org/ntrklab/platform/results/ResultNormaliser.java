package org.ntrklab.platform.results;

import org.ntrklab.events.AssayEventRejection;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.CfDnaResult;
import org.ntrklab.events.FishResult;
import org.ntrklab.events.FusionCall;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.RtPcrResult;

/**
 * Turns an instrument's result into the normalised interpretation of
 * docs/assay-tracking.md#normalised-interpretation: POSITIVE means TRK expression for IHC and an NTRK fusion
 * for a molecular method. A result of the wrong kind for the assay, or one that contradicts itself, is
 * refused with a reason rather than guessed at.
 */
public final class ResultNormaliser {

    /** Either an interpretation or the reason the result cannot be used. */
    public record Normalised(AssayInterpretation interpretation, AssayEventRejection rejection, String detail) {

        static Normalised of(AssayInterpretation interpretation, String detail) {
            return new Normalised(interpretation, null, detail);
        }

        static Normalised refused(AssayEventRejection rejection, String detail) {
            return new Normalised(null, rejection, detail);
        }

        public boolean refused() {
            return rejection != null;
        }
    }

    private ResultNormaliser() {
    }

    public static Normalised normalise(AssayType assay, Object details) {
        String expected = expectedType(assay);
        if (details == null || !details.getClass().getSimpleName().equals(expected)) {
            return Normalised.refused(AssayEventRejection.WRONG_RESULT_TYPE, assay + " takes a " + expected + ", got "
                    + (details == null ? "nothing" : details.getClass().getSimpleName()));
        }
        if (details instanceof IhcResult ihc) {
            return ihc(ihc);
        }
        if (details instanceof FishResult fish) {
            if (fish.getNucleiScored() < 0 || !percent(fish.getSplitSignalPercent())) {
                return Normalised.refused(AssayEventRejection.MALFORMED_RESULT,
                        "FISH nuclei scored must be >= 0 and split signals 0-100%");
            }
            return Normalised.of(molecular(fish.getCall()), "FISH call " + fish.getCall());
        }
        if (details instanceof RtPcrResult pcr) {
            if (pcr.getCall() == MolecularCall.FUSION_DETECTED && pcr.getDetectedTargets().isEmpty()) {
                return Normalised.refused(AssayEventRejection.MALFORMED_RESULT,
                        "RT-PCR call FUSION_DETECTED names no detected target");
            }
            if (pcr.getCall() == MolecularCall.NO_FUSION_DETECTED && !pcr.getDetectedTargets().isEmpty()) {
                return Normalised.refused(AssayEventRejection.MALFORMED_RESULT,
                        "RT-PCR call NO_FUSION_DETECTED lists detected targets");
            }
            return Normalised.of(molecular(pcr.getCall()), "RT-PCR call " + pcr.getCall());
        }
        if (details instanceof NgsResult ngs) {
            if (!ngs.getRunQcPassed()) {
                // A call from a run that failed its own QC is not a result.
                return Normalised.of(AssayInterpretation.FAILED, "run QC failed");
            }
            return sequencing(ngs.getCall(), ngs.getFusions());
        }
        CfDnaResult cfdna = (CfDnaResult) details;
        return sequencing(cfdna.getCall(), cfdna.getFusions());
    }

    private static Normalised ihc(IhcResult ihc) {
        if (!percent(ihc.getPercentPositiveTumourCells()) || ihc.getIntensity() < 0 || ihc.getIntensity() > 3) {
            return Normalised.refused(AssayEventRejection.MALFORMED_RESULT,
                    "IHC percent positive must be 0-100 and intensity 0-3");
        }
        if (ihc.getCall() == IhcCall.POSITIVE
                && (ihc.getPercentPositiveTumourCells() == 0 || ihc.getIntensity() == 0)) {
            return Normalised.refused(AssayEventRejection.MALFORMED_RESULT,
                    "IHC call POSITIVE with no stained tumour cells");
        }
        if (!ihc.getInternalControlOk()) {
            // Without a working internal control neither a positive nor a negative stain can be trusted.
            return Normalised.of(AssayInterpretation.NON_EVALUABLE, "internal control failed; call " + ihc.getCall()
                    + " not usable");
        }
        switch (ihc.getCall()) {
            case POSITIVE:
                return Normalised.of(AssayInterpretation.POSITIVE, "IHC call POSITIVE");
            case NEGATIVE:
                return Normalised.of(AssayInterpretation.NEGATIVE, "IHC call NEGATIVE");
            case EQUIVOCAL:
                return Normalised.of(AssayInterpretation.EQUIVOCAL, "IHC call EQUIVOCAL");
            default:
                return Normalised.of(AssayInterpretation.NON_EVALUABLE, "IHC call NON_EVALUABLE");
        }
    }

    private static Normalised sequencing(MolecularCall call, java.util.List<FusionCall> fusions) {
        if (call == MolecularCall.NO_FUSION_DETECTED && !fusions.isEmpty()) {
            // A negative call that lists fusions contradicts itself; taking the call would hide a fusion.
            return Normalised.refused(AssayEventRejection.MALFORMED_RESULT,
                    "call NO_FUSION_DETECTED lists " + fusions.size() + " fusion(s)");
        }
        if (call != MolecularCall.FUSION_DETECTED) {
            return Normalised.of(molecular(call), "call " + call);
        }
        if (fusions.isEmpty()) {
            return Normalised.refused(AssayEventRejection.MALFORMED_RESULT, "call FUSION_DETECTED lists no fusion");
        }
        boolean ntrk = fusions.stream().anyMatch(f -> isNtrk(f.getFivePrimeGene()) || isNtrk(f.getThreePrimeGene()));
        // The work-up asks about NTRK: a fusion of other genes only is reported by the panel, but is not an
        // NTRK fusion.
        return ntrk ? Normalised.of(AssayInterpretation.POSITIVE, "NTRK fusion detected")
                : Normalised.of(AssayInterpretation.NEGATIVE, "fusions detected, none involving NTRK1/2/3");
    }

    /** 0 to 100, and a number (NaN fails every comparison, so it is checked this way round). */
    private static boolean percent(double value) {
        return value >= 0 && value <= 100;
    }

    /** An NTRK1/2/3 gene symbol as instruments write it: spaces around and letter case do not matter. */
    public static boolean isNtrk(String gene) {
        return gene != null && gene.trim().toUpperCase(java.util.Locale.ROOT).matches("NTRK[123]");
    }

    private static AssayInterpretation molecular(MolecularCall call) {
        switch (call) {
            case FUSION_DETECTED:
                return AssayInterpretation.POSITIVE;
            case NO_FUSION_DETECTED:
                return AssayInterpretation.NEGATIVE;
            case EQUIVOCAL:
                return AssayInterpretation.EQUIVOCAL;
            default:
                return AssayInterpretation.FAILED;
        }
    }

    /** The result record each assay produces. */
    static String expectedType(AssayType assay) {
        return resultSchema(assay).getName();
    }

    /** The schema of the result record each assay produces. */
    public static org.apache.avro.Schema resultSchema(AssayType assay) {
        switch (assay) {
            case PAN_TRK_IHC:
                return IhcResult.getClassSchema();
            case NTRK_FISH:
                return FishResult.getClassSchema();
            case RT_PCR:
                return RtPcrResult.getClassSchema();
            case CFDNA_NGS:
                return CfDnaResult.getClassSchema();
            default:
                return NgsResult.getClassSchema();
        }
    }
}
