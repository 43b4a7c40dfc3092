package org.ntrklab.scenarios;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcFinding;
import org.ntrklab.events.QcLimitation;
import org.ntrklab.events.ReflexRecommended;
import org.ntrklab.events.ReflexSettled;
import org.ntrklab.events.ReportContent;
import org.ntrklab.events.ReportDrafted;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ReportedFusion;

/**
 * Everything the harness saw of one case on the public topics, in arrival order: its accession, QC decisions,
 * orders and advice, assay states and results, reports, and anything that went wrong in the harness itself.
 * Written by the observer thread, read by the test thread: every access holds the record's lock.
 */
final class CaseRecord {

    final Scenario scenario;
    final String specimenId;
    String accessionId;
    /** The LIMS order the specimen was received under (a cancellation names it). */
    String orderIdOfLims;
    boolean cancelled;
    final Map<AssayType, QcDecided> qc = new EnumMap<>(AssayType.class);
    final List<AssayOrdered> orders = new ArrayList<>();
    final List<ReflexRecommended> advice = new ArrayList<>();
    final List<ReflexSettled> settled = new ArrayList<>();
    final Map<String, AssayState> states = new LinkedHashMap<>();
    final Map<String, AssayResulted> results = new HashMap<>();
    final List<Object> reports = new ArrayList<>();
    /** Problems of the harness or of the input (a rejected receipt, a run event refused, an unscripted order). */
    final List<String> problems = new ArrayList<>();
    final List<String> timeline = new ArrayList<>();
    long lastActivityNanos = System.nanoTime();
    boolean timedOut;
    /** What the test did after the first report (a correction), and how reporting answered. */
    final List<String> actions = new ArrayList<>();

    // Bench bookkeeping: orders already run, READY seen before its order, runs per assay.
    final java.util.Set<String> benchHandled = new java.util.HashSet<>();
    final java.util.Set<String> readyBeforeOrder = new java.util.LinkedHashSet<>();
    final Map<AssayType, Integer> benchAttempts = new EnumMap<>(AssayType.class);
    int runClock;

    CaseRecord(Scenario scenario, String specimenId) {
        this.scenario = scenario;
        this.specimenId = specimenId;
    }

    synchronized void note(String line) {
        timeline.add(line);
        lastActivityNanos = System.nanoTime();
    }

    synchronized void problem(String problem) {
        problems.add(problem);
        note("PROBLEM " + problem);
    }

    synchronized AssayOrdered order(String orderId) {
        return orders.stream().filter(o -> o.getOrderId().equals(orderId)).findFirst().orElse(null);
    }

    /** The n-th order (1-based) of an assay, or null. */
    synchronized AssayOrdered order(AssayType assay, int n) {
        List<AssayOrdered> of = orders.stream().filter(o -> o.getAssay() == assay).toList();
        return of.size() >= n ? of.get(n - 1) : null;
    }

    synchronized List<ReportIssued> issued() {
        return reports.stream().filter(ReportIssued.class::isInstance).map(ReportIssued.class::cast).toList();
    }

    synchronized List<ReportDrafted> drafts() {
        return reports.stream().filter(ReportDrafted.class::isInstance).map(ReportDrafted.class::cast).toList();
    }

    /** The latest issued version, or null. */
    synchronized ReportIssued latest() {
        List<ReportIssued> issued = issued();
        return issued.isEmpty() ? null : issued.get(issued.size() - 1);
    }

    synchronized ReportContent latestContent() {
        ReportIssued latest = latest();
        return latest == null ? null : latest.getContent();
    }

    synchronized ReflexSettled lastSettled() {
        return settled.isEmpty() ? null : settled.get(settled.size() - 1);
    }

    synchronized boolean quietFor(long nanos) {
        return System.nanoTime() - lastActivityNanos >= nanos;
    }

    /** The case as a pathologist would want to see it when an expectation fails. */
    synchronized String dump() {
        StringBuilder b = new StringBuilder();
        b.append("  specimen ").append(specimenId).append(", accession ").append(accessionId)
                .append(cancelled ? " (cancelled)" : "").append(timedOut ? " -- TIMED OUT waiting for the case" : "")
                .append('\n');
        b.append("  what happened, in order:\n");
        timeline.forEach(t -> b.append("    ").append(t).append('\n'));
        actions.forEach(a -> b.append("    test: ").append(a).append('\n'));
        ReportIssued latest = latest();
        if (latest == null) {
            b.append("  no report issued").append(drafts().isEmpty() ? "" : " (a draft exists)").append('\n');
        } else {
            b.append("  latest report: v").append(latest.getVersion()).append(' ').append(latest.getStatus())
                    .append(" signed out by ").append(latest.getSignedOutBy()).append('\n');
            b.append(render(latest.getContent()));
        }
        return b.toString();
    }

    static String render(ReportContent c) {
        StringBuilder b = new StringBuilder();
        b.append("    overall call: ").append(c.getOverallCall()).append('\n');
        b.append("    fusions: ").append(c.getFusions().stream().map(CaseRecord::fusion)
                .collect(Collectors.joining("; "))).append('\n');
        b.append("    assays: ").append(c.getAssays().stream().map(a -> a.getOrderId() + " " + a.getAssay() + " "
                + a.getState() + (a.getInterpretation() == null ? "" : " " + a.getInterpretation()))
                .collect(Collectors.joining("; "))).append('\n');
        b.append("    concordance: ").append(c.getConcordance()).append('\n');
        b.append("    interpretation: ").append(c.getInterpretation()).append('\n');
        b.append("    limitations:\n");
        c.getLimitations().forEach(l -> b.append("      - ").append(l).append('\n'));
        b.append("    QC limitations:\n");
        for (QcLimitation q : c.getQcLimitations()) {
            b.append("      - ").append(q.getAssay()).append(' ').append(q.getRuleId()).append(' ').append(q.getVerdict())
                    .append(" order=").append(q.getOrderId()).append(" measured=")
                    .append(q.getMeasuredValue() != null ? q.getMeasuredValue() : q.getMeasuredCategory())
                    .append(" threshold=").append(q.getThreshold()).append(" table=").append(q.getRuleSetVersion())
                    .append(" :: ").append(q.getStatement()).append('\n');
        }
        b.append("    report rules: ").append(c.getRuleSetVersion()).append('\n');
        return b.toString();
    }

    static String fusion(ReportedFusion f) {
        return f.getHgncName() + " (" + f.getDescription() + ", " + f.getDetectedBy() + ", tier "
                + (f.getTier() == null ? "none" : f.getTier()) + ")";
    }

    static String findings(QcDecided d) {
        return d.getFindings().stream().filter(f -> f.getVerdict() != org.ntrklab.events.QcVerdict.PASS)
                .map(CaseRecord::finding).collect(Collectors.joining(", "));
    }

    static String finding(QcFinding f) {
        return f.getRuleId() + " " + f.getVerdict() + " ("
                + (f.getMeasuredValue() != null ? f.getMeasuredValue() : f.getMeasuredCategory()) + ")";
    }
}
