package org.ntrklab.simulator.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.FishResult;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.ReportedFusion;

/**
 * Compares a FINAL report with what the tumour really carries and with what the bench reported. The lab can
 * only be held to what its methods saw: a fusion no method detected is an expected miss, but a fusion a
 * method did detect must be reported, and a fusion the tumour does not have must never be (a false positive
 * is a patient-safety defect).
 */
public final class GroundTruthCheck {

    public enum Kind { MATCH, EXPECTED_MISS, MISMATCH }

    public record Verdict(Kind kind, String detail) {
    }

    private GroundTruthCheck() {
    }

    /**
     * @param outcomes every RunOutcome the bench reported for this case
     * @param call and {@code fusions}: the FINAL report's overall call and reported fusions
     */
    public static Verdict check(SimulatedCase c, List<RunOutcome> outcomes, OverallCall call,
            List<ReportedFusion> fusions) {
        List<ReportedFusion> reported = fusions == null ? List.of() : fusions;
        if (c.intake() == IntakeExpectation.REJECTED) {
            return new Verdict(Kind.MISMATCH, "a specimen rejected at intake (labelling defect) was reported " + call);
        }
        FusionTruth truth = c.fusion();
        if (truth == null) {
            if (call != OverallCall.POSITIVE && reported.isEmpty()) {
                return new Verdict(Kind.MATCH, "no NTRK fusion in the tumour; report " + call);
            }
            return new Verdict(Kind.MISMATCH, "false positive: the tumour has no NTRK fusion but the report is " + call
                    + names(reported));
        }
        List<String> detectedBy = outcomes.stream()
                .filter(o -> o.resultDetails() != null && o.fusionDetected() && o.assay() != AssayType.PAN_TRK_IHC)
                .map(o -> method(o.assay())).distinct().toList();
        if (!detectedBy.isEmpty()) {
            return detected(truth, detectedBy, call, reported);
        }
        if (call == OverallCall.POSITIVE || !reported.isEmpty()) {
            return new Verdict(Kind.MISMATCH, "report is " + call + names(reported)
                    + " but no molecular method detected " + truth.hgncName());
        }
        return new Verdict(Kind.EXPECTED_MISS, truth.hgncName() + " not detected: " + whyMissed(c, outcomes)
                + "; report " + call);
    }

    /** Rule (a): a method detected the fusion, so the report must be POSITIVE and name it correctly. */
    private static Verdict detected(FusionTruth truth, List<String> detectedBy, OverallCall call,
            List<ReportedFusion> reported) {
        String by = truth.hgncName() + " detected by " + String.join(", ", detectedBy);
        if (call != OverallCall.POSITIVE) {
            return new Verdict(Kind.MISMATCH, by + " but the report is " + call);
        }
        boolean named = false;
        for (ReportedFusion f : reported) {
            if (f.getNtrkGene() != truth.ntrkGene()) {
                return new Verdict(Kind.MISMATCH, by + " but the report lists " + f.getHgncName()
                        + ", a fusion of " + f.getNtrkGene());
            }
            String partner = f.getFivePrimeGene();
            if (partner != null && !partner.trim().equalsIgnoreCase(truth.fivePrimeGene())) {
                return new Verdict(Kind.MISMATCH, by + " but the report names the partner " + partner);
            }
            named = true;
        }
        if (!named) {
            return new Verdict(Kind.MISMATCH, by + " but the report lists no " + truth.ntrkGene() + " fusion");
        }
        return new Verdict(Kind.MATCH, by + "; reported POSITIVE" + names(reported));
    }

    /** Why no method saw the fusion, method by method, for rule (c). */
    static String whyMissed(SimulatedCase c, List<RunOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return "no assay was run";
        }
        FusionTruth truth = c.fusion();
        String gene = truth.ntrkGene().name();
        Set<String> reasons = new LinkedHashSet<>();
        List<String> failures = new ArrayList<>();
        for (RunOutcome o : outcomes) {
            if (o.failed()) {
                failures.add(method(o.assay()) + " " + o.failure());
                continue;
            }
            reasons.add(reason(c, o, truth, gene));
        }
        if (reasons.isEmpty()) {
            return "every run failed (" + String.join(", ", failures) + ")";
        }
        if (!failures.isEmpty()) {
            reasons.add("failed: " + String.join(", ", failures));
        }
        return String.join("; ", reasons);
    }

    private static String reason(SimulatedCase c, RunOutcome o, FusionTruth truth, String gene) {
        if (o.assay() != AssayType.CFDNA_NGS && c.quality().tumourPercentOrZero() == 0) {
            return method(o.assay()) + " on tissue without tumour cells";
        }
        return switch (o.assay()) {
            case PAN_TRK_IHC -> ihc((IhcResult) o.resultDetails(), truth);
            case NTRK_FISH -> {
                FishResult fish = (FishResult) o.resultDetails();
                List<NtrkGene> probes = fish.getProbesTested().isEmpty() ? List.of(fish.getProbeGene())
                        : fish.getProbesTested();
                yield !probes.contains(truth.ntrkGene())
                        ? "FISH probes " + probes + " cannot see an " + gene + " fusion"
                        : "FISH false negative (" + fish.getSplitSignalPercent() + "% split signals, cut-off "
                                + AssayPerformance.FISH_CUT_OFF_PERCENT + "%)";
            }
            case RT_PCR -> AssayPerformance.RT_PCR_TARGETS.contains(truth.hgncName())
                    ? "RT-PCR did not amplify " + truth.hgncName()
                    : "RT-PCR does not target " + truth.hgncName();
            case DNA_NGS -> "DNA-NGS missed an " + gene + " breakpoint";
            case RNA_NGS -> "RNA-NGS did not detect it (tumour nuclei " + c.quality().tumourPercentOrZero() + "%)";
            case CFDNA_NGS -> "cfDNA not detected";
        };
    }

    private static String ihc(IhcResult ihc, FusionTruth truth) {
        if (ihc.getCall() == IhcCall.NEGATIVE && ihc.getInternalControlOk()) {
            return String.format(Locale.ROOT, "IHC negative, %s fusion (sensitivity %.1f%%)", truth.ntrkGene(),
                    100 * AssayPerformance.ihcSensitivity(truth.ntrkGene()));
        }
        return "IHC " + ihc.getCall() + (ihc.getInternalControlOk() ? "" : " (internal control failed)")
                + " without molecular confirmation";
    }

    /** The method as the lab names it. */
    static String method(AssayType assay) {
        return switch (assay) {
            case PAN_TRK_IHC -> "IHC";
            case NTRK_FISH -> "FISH";
            case RT_PCR -> "RT-PCR";
            case RNA_NGS -> "RNA-NGS";
            case DNA_NGS -> "DNA-NGS";
            case CFDNA_NGS -> "cfDNA";
        };
    }

    private static String names(List<ReportedFusion> fusions) {
        return fusions.isEmpty() ? "" : " listing " + fusions.stream().map(ReportedFusion::getHgncName).toList();
    }
}
