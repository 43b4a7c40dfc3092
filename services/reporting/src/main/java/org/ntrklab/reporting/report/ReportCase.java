package org.ntrklab.reporting.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayState;

/**
 * What reporting keeps per accession, until a settled case has been idle for the retention period: the facts, every order with its result, reflex's advice,
 * reflex's last settled announcement, every report version, and the ids of the commands handled.
 *
 * @param facts null until the accession arrives
 * @param settled the orders reflex listed when it last announced the case settled; null before that
 * @param commands event ids of the last commands handled, so a redelivered command is not applied twice
 * @param qc sample-qc's latest decision per assay (ntrk.qc-decisions)
 * @param preTest the suspicion and tumour-type class reflex last announced; null before its first announcement
 * @param lastChangeWallMillis wall-clock time of the last change, from which a settled case's retention
 *     counts; 0 when not known yet
 */
public record ReportCase(String accessionId, CaseFacts facts, boolean cancelled, List<OrderRecord> orders,
        List<AdviceNote> advice, List<SettledOrder> settled, List<ReportVersion> versions, List<String> commands,
        List<QcRecord> qc, PreTest preTest, long lastChangeWallMillis) {

    /** Commands remembered per accession: a redelivery comes soon after the original. */
    static final int REMEMBERED_COMMANDS = 100;

    /** One order as reflex last acted on it. */
    public record SettledOrder(String orderId, AssayState state, AssayInterpretation interpretation) {
    }

    public ReportCase {
        orders = orders == null ? List.of() : List.copyOf(orders);
        advice = advice == null ? List.of() : List.copyOf(advice);
        settled = settled == null ? null : List.copyOf(settled);
        versions = versions == null ? List.of() : List.copyOf(versions);
        commands = commands == null ? List.of() : List.copyOf(commands);
        qc = qc == null ? List.of() : List.copyOf(qc);
    }

    public static ReportCase open(String accessionId) {
        return new ReportCase(accessionId, null, false, List.of(), List.of(), null, List.of(), List.of(), List.of(),
                null, 0);
    }

    /** The pre-test facts to weigh the report against: reflex's announcement, else the LIMS's suspicion. */
    public PreTest effectivePreTest() {
        return preTest != null ? preTest : PreTest.of(facts);
    }

    public boolean accessioned() {
        return facts != null;
    }

    public OrderRecord order(String orderId) {
        return orders.stream().filter(o -> o.orderId().equals(orderId)).findFirst().orElse(null);
    }

    public ReportVersion latest() {
        return versions.isEmpty() ? null : versions.get(versions.size() - 1);
    }

    /** The last version issued (FINAL, AMENDED or CORRECTED), or null before sign-out. */
    public ReportVersion latestIssued() {
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).kind().issued()) {
                return versions.get(i);
            }
        }
        return null;
    }

    /** The draft awaiting sign-out: the latest version when it is a draft. */
    public ReportVersion awaitingSignOut() {
        ReportVersion latest = latest();
        return latest != null && latest.kind() == VersionKind.DRAFT ? latest : null;
    }

    /** A draft that can be signed out now: the latest version is a draft and no testing has resumed since. */
    public ReportVersion readyForSignOut() {
        ReportVersion draft = awaitingSignOut();
        return draft != null && readyToReport() ? draft : null;
    }

    public int nextVersion() {
        return versions.isEmpty() ? 1 : latest().version() + 1;
    }

    /**
     * Every order has an outcome and reflex has announced the case settled with exactly these outcomes, so
     * no reflex is pending: the report can be drafted.
     */
    public boolean readyToReport() {
        if (!accessioned() || cancelled || settled == null || settled.size() != orders.size()) {
            return false;
        }
        for (SettledOrder s : settled) {
            OrderRecord o = order(s.orderId());
            if (o == null || !o.settled() || o.state() != s.state()
                    || (o.state() == AssayState.RESULTED && !Objects.equals(o.trackedInterpretation(), s.interpretation()))) {
                return false;
            }
        }
        return true;
    }

    /** What the report still waits for, in words, for the REST view. */
    public List<String> waitingFor() {
        List<String> waiting = new ArrayList<>();
        if (!accessioned()) {
            waiting.add("the accession");
            return waiting;
        }
        orders.stream().filter(o -> !o.settled())
                .forEach(o -> waiting.add(o.orderId() + " (" + o.assay() + ", " + o.state() + ")"));
        if (waiting.isEmpty() && !readyToReport()) {
            waiting.add("reflex to decide whether further testing follows");
        }
        return waiting;
    }

    public boolean handled(String commandEventId) {
        return commands.contains(commandEventId);
    }

    ReportCase with(CaseFacts newFacts, boolean newCancelled, List<OrderRecord> newOrders, List<AdviceNote> newAdvice,
            List<SettledOrder> newSettled, List<ReportVersion> newVersions, List<String> newCommands) {
        return new ReportCase(accessionId, newFacts, newCancelled, newOrders, newAdvice, newSettled, newVersions,
                newCommands, qc, preTest, lastChangeWallMillis);
    }

    /** The case with sample-qc's latest decision for one assay in place of the earlier one. */
    ReportCase withQc(QcRecord decision) {
        List<QcRecord> updated = new ArrayList<>(qc.stream().filter(q -> q.assay() != decision.assay()).toList());
        updated.add(decision);
        updated.sort(java.util.Comparator.comparing(QcRecord::assay));
        return new ReportCase(accessionId, facts, cancelled, orders, advice, settled, versions, commands, updated,
                preTest, lastChangeWallMillis);
    }

    ReportCase withPreTest(PreTest newPreTest) {
        return new ReportCase(accessionId, facts, cancelled, orders, advice, settled, versions, commands, qc,
                newPreTest, lastChangeWallMillis);
    }

    /** The case as changed at {@code wallMillis}. */
    ReportCase changedAt(long wallMillis) {
        return new ReportCase(accessionId, facts, cancelled, orders, advice, settled, versions, commands, qc, preTest,
                wallMillis);
    }

    /** Nothing more will happen to the case unless someone corrects it: cancelled, or issued with no draft open. */
    public boolean closed() {
        return cancelled || (latestIssued() != null && awaitingSignOut() == null);
    }

    ReportCase withOrder(OrderRecord order) {
        List<OrderRecord> updated = new ArrayList<>(orders);
        boolean replaced = false;
        for (int i = 0; i < updated.size(); i++) {
            if (updated.get(i).orderId().equals(order.orderId())) {
                updated.set(i, order);
                replaced = true;
            }
        }
        if (!replaced) {
            updated.add(order);
        }
        return with(facts, cancelled, updated, advice, settled, versions, commands);
    }

    ReportCase withVersion(ReportVersion version) {
        List<ReportVersion> updated = new ArrayList<>(versions);
        updated.add(version);
        return with(facts, cancelled, orders, advice, settled, updated, commands);
    }

    ReportCase withCommand(String eventId) {
        List<String> updated = new ArrayList<>(commands);
        updated.add(eventId);
        while (updated.size() > REMEMBERED_COMMANDS) {
            updated.remove(0);
        }
        return with(facts, cancelled, orders, advice, settled, versions, updated);
    }
}
