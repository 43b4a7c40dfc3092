package org.ntrklab.sampleqc.rules;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.QcMetric;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.SpecimenType;

/**
 * One row of the QC rule table: for the listed assays (and, when given, only for the listed specimen and
 * blood-tube types), a metric is judged against a lower bound, an upper bound or a set of categories.
 *
 * <ul>
 *   <li>Lower bound: FAIL when the value is below {@code failBelow}; PASS_WITH_CAVEAT when below
 *       {@code caveatBelow}; otherwise PASS. A value equal to a bound is on the better side.</li>
 *   <li>Upper bound: FAIL when above {@code failAbove}; PASS_WITH_CAVEAT when above {@code caveatAbove}.</li>
 *   <li>Categories: FAIL when the value is in {@code failOn}; PASS_WITH_CAVEAT when in {@code caveatOn}.</li>
 * </ul>
 *
 * @param ifNotMeasured verdict when the measurement arrived without this metric (e.g. an RNA extraction
 *     without DV200): quality is then unknown, PASS_WITH_CAVEAT by default
 */
public record QcRule(String id, Set<AssayType> assays, QcMetric metric, Set<SpecimenType> specimenTypes,
        Set<BloodTubeType> bloodTubeTypes, Double failBelow, Double caveatBelow, Double failAbove, Double caveatAbove,
        Set<String> failOn, Set<String> caveatOn, QcVerdict ifNotMeasured, String rationale, String source) {

    private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9-]{2,39}");

    /** How a rule compares. */
    public enum Kind { LOWER_BOUND, UPPER_BOUND, CATEGORIES }

    public QcRule {
        String where = "QC rule " + (id == null ? "(no id)" : id) + ": ";
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(where + "id must be 3 to 40 capital letters, digits or '-'");
        }
        if (assays == null || assays.isEmpty()) {
            throw new IllegalArgumentException(where + "lists no assays");
        }
        Objects.requireNonNull(metric, () -> where + "has no metric");
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException(where + "has no source: every threshold must say where it comes from");
        }
        if (rationale == null || rationale.isBlank()) {
            throw new IllegalArgumentException(where + "has no rationale");
        }
        assays = Set.copyOf(assays);
        specimenTypes = specimenTypes == null ? Set.of() : Set.copyOf(specimenTypes);
        bloodTubeTypes = bloodTubeTypes == null ? Set.of() : Set.copyOf(bloodTubeTypes);
        failOn = failOn == null ? Set.of() : Set.copyOf(failOn);
        caveatOn = caveatOn == null ? Set.of() : Set.copyOf(caveatOn);
        ifNotMeasured = ifNotMeasured == null ? QcVerdict.PASS_WITH_CAVEAT : ifNotMeasured;
        boolean lower = failBelow != null || caveatBelow != null;
        boolean upper = failAbove != null || caveatAbove != null;
        boolean categories = !failOn.isEmpty() || !caveatOn.isEmpty();
        int kinds = (lower ? 1 : 0) + (upper ? 1 : 0) + (categories ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException(where + "must have exactly one of: fail-below/caveat-below, "
                    + "fail-above/caveat-above, fail-on/caveat-on");
        }
        if (categories != MetricSource.categorical(metric)) {
            throw new IllegalArgumentException(where + "metric " + metric + " is "
                    + (categories ? "numeric: use bounds, not categories" : "categorical: use fail-on/caveat-on"));
        }
        if (failBelow != null && caveatBelow != null && failBelow > caveatBelow) {
            throw new IllegalArgumentException(where + "fail-below " + failBelow + " is above caveat-below " + caveatBelow);
        }
        if (failAbove != null && caveatAbove != null && failAbove < caveatAbove) {
            throw new IllegalArgumentException(where + "fail-above " + failAbove + " is below caveat-above " + caveatAbove);
        }
        for (Double bound : new Double[] {failBelow, caveatBelow, failAbove, caveatAbove}) {
            if (bound != null && (bound.isNaN() || bound.isInfinite())) {
                throw new IllegalArgumentException(where + "bounds must be finite numbers");
            }
        }
        MetricSource from = MetricSource.of(metric);
        if (from == MetricSource.CFDNA_EXTRACTION && !Set.of(AssayType.CFDNA_NGS).containsAll(assays)) {
            throw new IllegalArgumentException(where + metric + " comes from plasma and cannot judge tissue assays "
                    + assays + "; the decision would wait for it for ever");
        }
        if (from.measured() && from != MetricSource.CFDNA_EXTRACTION && assays.contains(AssayType.CFDNA_NGS)) {
            throw new IllegalArgumentException(where + metric + " comes from tissue and cannot judge CFDNA_NGS; "
                    + "the decision would wait for it for ever");
        }
        Set<String> allowed = MetricSource.categories(metric);
        for (String category : concat(failOn, caveatOn)) {
            if (!allowed.contains(category)) {
                throw new IllegalArgumentException(where + "'" + category + "' is not a value of " + metric
                        + "; use one of " + allowed.stream().sorted().toList());
            }
        }
        if (failOn.stream().anyMatch(caveatOn::contains)) {
            throw new IllegalArgumentException(where + "a category cannot be in both fail-on and caveat-on");
        }
    }

    private static java.util.List<String> concat(Set<String> a, Set<String> b) {
        java.util.List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    public Kind kind() {
        if (failBelow != null || caveatBelow != null) {
            return Kind.LOWER_BOUND;
        }
        if (failAbove != null || caveatAbove != null) {
            return Kind.UPPER_BOUND;
        }
        return Kind.CATEGORIES;
    }

    /** Whether this rule applies to the assay on this specimen. */
    public boolean appliesTo(AssayType assay, SpecimenType specimen, BloodTubeType tube) {
        return assays.contains(assay)
                && (specimenTypes.isEmpty() || specimenTypes.contains(specimen))
                && (bloodTubeTypes.isEmpty() || (tube != null && bloodTubeTypes.contains(tube)));
    }

    /** The rule in words, e.g. "FAIL < 10; PASS_WITH_CAVEAT < 20; else PASS". */
    public String describe() {
        StringBuilder text = new StringBuilder();
        switch (kind()) {
            case LOWER_BOUND -> {
                append(text, failBelow, "FAIL < ");
                append(text, caveatBelow, "PASS_WITH_CAVEAT < ");
            }
            case UPPER_BOUND -> {
                append(text, failAbove, "FAIL > ");
                append(text, caveatAbove, "PASS_WITH_CAVEAT > ");
            }
            case CATEGORIES -> {
                if (!failOn.isEmpty()) {
                    text.append("FAIL if ").append(String.join("/", failOn.stream().sorted().toList()));
                }
                if (!caveatOn.isEmpty()) {
                    text.append(text.isEmpty() ? "" : "; ").append("PASS_WITH_CAVEAT if ")
                            .append(String.join("/", caveatOn.stream().sorted().toList()));
                }
            }
        }
        return text.append("; else PASS").toString();
    }

    private static void append(StringBuilder text, Double bound, String label) {
        if (bound != null) {
            text.append(text.isEmpty() ? "" : "; ").append(label).append(format(bound));
        }
    }

    static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
