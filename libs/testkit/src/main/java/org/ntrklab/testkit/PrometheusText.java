package org.ntrklab.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a Prometheus text exposition, as a scraper would. */
public final class PrometheusText {

    private final String exposition;

    public PrometheusText(String exposition) {
        this.exposition = exposition;
    }

    /** The value of the one sample of {@code name} carrying all the given labels ({@code key="value"}). */
    public double value(String name, String... labels) {
        List<Double> values = samples(name, labels);
        if (values.size() != 1) {
            throw new AssertionError("expected one sample of " + name + List.of(labels) + ", found " + values);
        }
        return values.get(0);
    }

    /** The sum over all samples of {@code name} carrying the given labels. */
    public double sum(String name, String... labels) {
        return samples(name, labels).stream().mapToDouble(Double::doubleValue).sum();
    }

    private List<Double> samples(String name, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(exposition);
        List<Double> values = new ArrayList<>();
        while (m.find()) {
            Set<String> present = Set.of(m.group(1).split(","));
            if (present.containsAll(List.of(labels))) {
                values.add(Double.parseDouble(m.group(2)));
            }
        }
        return values;
    }
}
