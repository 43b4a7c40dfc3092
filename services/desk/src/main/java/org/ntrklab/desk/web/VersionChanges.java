package org.ntrklab.desk.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.ntrklab.desk.lab.Report;

/**
 * What changed from one version of a report to the next, in the reader's words: the call, the fusions, the
 * concordance, the limitations and QC caveats, the interpretation. A reader of a CORRECTED report must see
 * what the earlier version said that no longer holds.
 */
public final class VersionChanges {

    private VersionChanges() {
    }

    /** One version of the history, with what changed since the version before it. */
    public record Entry(Report.Version version, List<String> changes) {
    }

    /**
     * The history, newest first. A drafted version is compared with the version issued before it; an issued
     * version with the last version issued before it (its own draft says the same, and is not repeated).
     */
    static List<Entry> history(List<Report.Version> versions) {
        List<Entry> entries = new ArrayList<>();
        Report.Version lastIssued = null;
        for (Report.Version v : versions) {
            entries.add(new Entry(v, v.issued() || lastIssued != null ? between(lastIssued, v) : List.of()));
            if (v.issued()) {
                lastIssued = v;
            }
        }
        java.util.Collections.reverse(entries);
        return entries;
    }

    static List<String> between(Report.Version before, Report.Version after) {
        if (before == null || before.body() == null || after.body() == null) {
            return List.of();
        }
        Report.Body a = before.body();
        Report.Body b = after.body();
        List<String> changes = new ArrayList<>();
        changed(changes, "Overall call", a.overallCall(), b.overallCall());
        changed(changes, "Fusions", fusions(a), fusions(b));
        changed(changes, "Concordance", a.concordance(), b.concordance());
        listed(changes, "Limitation", a.limitations(), b.limitations());
        listed(changes, "QC caveat", a.qcLimitations().stream().map(Report.QcLine::statement).toList(),
                b.qcLimitations().stream().map(Report.QcLine::statement).toList());
        if (!Objects.equals(a.interpretation(), b.interpretation())) {
            changes.add("Interpretation reworded");
        }
        return changes;
    }

    private static String fusions(Report.Body body) {
        if (body.fusions().isEmpty()) {
            return "none";
        }
        return String.join(", ", body.fusions().stream()
                .map(f -> f.description() != null ? f.description() : f.hgncName()).toList());
    }

    private static void changed(List<String> changes, String what, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(what + ": " + (before == null ? "none" : before) + " → " + (after == null ? "none" : after));
        }
    }

    private static void listed(List<String> changes, String what, List<String> before, List<String> after) {
        Set<String> added = new LinkedHashSet<>(after);
        before.forEach(added::remove);
        Set<String> removed = new LinkedHashSet<>(before);
        after.forEach(removed::remove);
        added.forEach(s -> changes.add(what + " added: " + s));
        removed.forEach(s -> changes.add(what + " removed: " + s));
    }
}
