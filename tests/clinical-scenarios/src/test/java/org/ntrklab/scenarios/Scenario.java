package org.ntrklab.scenarios;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ntrklab.events.AmpTier;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.ClinicalSuspicion;
import org.ntrklab.events.CorrectionKind;
import org.ntrklab.events.Decalcification;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcLimitation;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.ReflexRecommended;
import org.ntrklab.events.ReflexSettled;
import org.ntrklab.events.ReportContent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.events.ReportedFusion;
import org.ntrklab.events.RevisionReason;
import org.ntrklab.events.SpecimenType;
import org.ntrklab.events.TumourTypeRoute;
import org.ntrklab.events.WorkRequestType;

/**
 * One clinical case: what the LIMS sends, what the bench measures and finds, what the laboratory expects the
 * services to do, and the published source of that expectation. Built with {@link #named(String)}; see
 * {@link ClinicalScenariosTest} for how to read and add one.
 */
final class Scenario {

    /** The reflex table every order, advice and settled announcement must name. */
    static final String REFLEX_TABLE = "reflex-rules-2026.2";
    /** The interpretation rules a report written under the 2026.2 rules must name. */
    static final String REPORT_RULES = "ntrk-report-rules-2026.2";
    /** The QC table every QC limitation must name (qc-rules-default.yml). */
    static final String QC_TABLE = "ntrk-default-2026.2";

    /** A check of what the services wrote: null when it holds, otherwise what the report or topic says instead. */
    @FunctionalInterface
    interface Check {
        String problem(CaseRecord observed, Lab lab) throws Exception;
    }

    /**
     * One expectation. {@code onReport}: it reads the latest issued report, so without one it can only say
     * that there is none.
     */
    record Expectation(String what, boolean onReport, Check check) {

        static Expectation onTopics(String what, Check check) {
            return new Expectation(what, false, check);
        }

        static Expectation onReport(String what, Check check) {
            return new Expectation(what, true, (r, lab) -> r.latestContent() == null ? "no report issued"
                    : check.problem(r, lab));
        }
    }

    /** The physical and clinical facts the LIMS sends. */
    record Facts(String oncoTreeCode, int ageYears, ClinicalSuspicion suspicion, SpecimenType specimenType,
            Decalcification decalcification, Duration collectedBeforeReceipt, BloodTubeType tube,
            WorkRequestType requestType, List<AssayType> requestedAssays) {

        boolean plasma() {
            return specimenType == SpecimenType.PLASMA_CFDNA_TUBE;
        }
    }

    /** The bench's measurements; null where the bench does not measure it. */
    record Measurements(Boolean tumourCellsPresent, Double tumourNucleiPercent, Double rnaNg, Double dv200,
            Double dnaNg, Double deltaCt, Double cfDnaNg) {
    }

    /**
     * A pathologist's correction or amendment of one order's result after sign-out.
     *
     * @param pathologistRef who corrects: the subject of the token the correction is posted with, as the
     *     reporting API records the caller, never a name in the body
     */
    record Correction(AssayType assay, int order, CorrectionKind kind, RevisionReason reason, String explanation,
            String pathologistRef, Object correctedResult) {
    }

    /** A QC limitation the report must carry. */
    record QcLim(AssayType assay, String ruleId, QcVerdict verdict, boolean ordered, Double measured) {

        /** The same, with the measured value the report must quote (the bench's measurement). */
        QcLim measured(double value) {
            return new QcLim(assay, ruleId, verdict, ordered, value);
        }

        String key() {
            return assay + " " + ruleId + " " + verdict + (ordered ? " (ordered)" : " (never ordered)");
        }
    }

    static QcLim caveat(AssayType assay, String ruleId) {
        return new QcLim(assay, ruleId, QcVerdict.PASS_WITH_CAVEAT, true, null);
    }

    static QcLim blocked(AssayType assay, String ruleId) {
        return new QcLim(assay, ruleId, QcVerdict.FAIL, false, null);
    }

    final String name;
    final String source;
    final String tags;
    final Facts facts;
    final Measurements measurements;
    final Map<AssayType, List<Instruments.Step>> bench;
    final boolean cancelWhenReady;
    final Correction correction;
    final boolean checkExports;
    final List<Expectation> expectations;
    /** The overall call expected (null for a cancelled case), and the QC findings ("RULE-ID VERDICT") it states. */
    final OverallCall expectedCall;
    final Set<String> qcRulesReached;

    private Scenario(Builder b) {
        this.name = b.name;
        this.source = Objects.requireNonNull(b.source, "every case names its source: " + b.name);
        this.tags = b.reportRules.isEmpty() && b.reflexRules.isEmpty() ? ""
                : "[2026.2 " + Stream.concat(b.reportRules.stream().map(r -> "rule " + r),
                        b.reflexRules.stream().filter(r -> !b.reportRules.contains(r)).map(r -> "reflex rule " + r))
                        .collect(Collectors.joining(", ")) + "] ";
        this.facts = new Facts(b.code, b.age, b.suspicion, b.specimenType, b.decalcification, b.collectedBefore,
                b.tube, b.requested.isEmpty() ? WorkRequestType.NTRK_FUSION_WORKUP : WorkRequestType.EXPLICIT_ASSAYS,
                List.copyOf(b.requested));
        this.measurements = b.plasma()
                ? new Measurements(null, null, null, null, null, null, b.cfDnaNg)
                : new Measurements(b.tumourCellsPresent, b.tumourPercent, b.rnaNg, b.dv200, b.dnaNg, b.deltaCt, null);
        this.bench = b.bench;
        this.cancelWhenReady = b.cancelWhenReady;
        this.correction = b.correction;
        this.checkExports = b.exports;
        this.expectations = b.expectations();
        this.expectedCall = b.call;
        this.qcRulesReached = Set.copyOf(b.qcRules);
    }

    static Builder named(String name) {
        return new Builder(name);
    }

    /** Whether the case ends with an issued report (a cancelled case has none). */
    boolean expectsReport() {
        return !cancelWhenReady;
    }

    String displayName() {
        return tags + name + "  <" + source + ">";
    }

    @Override
    public String toString() {
        return displayName();
    }

    // ---- the builder: input facts, bench script, expectations ----------------------------------

    static final class Builder {
        private final String name;
        private String source;
        private final Set<Integer> reportRules = new TreeSet<>();
        private final Set<Integer> reflexRules = new TreeSet<>();
        // facts: an adult's formalin-fixed block, collected 5 days before receipt, for an NTRK work-up
        private String code = "LUAD";
        private int age = 64;
        private ClinicalSuspicion suspicion = ClinicalSuspicion.STANDARD;
        private SpecimenType specimenType = SpecimenType.FFPE_BLOCK;
        private Decalcification decalcification = Decalcification.NONE;
        private Duration collectedBefore = Duration.ofDays(5);
        private BloodTubeType tube;
        private final List<AssayType> requested = new ArrayList<>();
        // measurements: good tissue by default (every QC rule passes)
        private Boolean tumourCellsPresent = true;
        private Double tumourPercent = 40.0;
        private Double rnaNg = 100.0;
        private Double dv200 = 60.0;
        private Double dnaNg = 200.0;
        private Double deltaCt = 1.0;
        private Double cfDnaNg = 30.0;
        // bench
        private final Map<AssayType, List<Instruments.Step>> bench = new EnumMap<>(AssayType.class);
        private boolean cancelWhenReady;
        private Correction correction;
        private boolean exports;
        // expectations
        private List<String> orders;
        private Set<String> advice = Set.of();
        private final List<Expectation> extra = new ArrayList<>();
        private OverallCall call;
        private final List<String> fusions = new ArrayList<>();
        private List<QcLim> qcLimitations = List.of();
        private boolean qcLimitationsChecked = true;
        private final Set<String> qcRules = new TreeSet<>();
        private ReportStatus revisionStatus;
        private RevisionReason revisionReason;
        private OverallCall firstCall;

        private Builder(String name) {
            this.name = name;
        }

        private boolean plasma() {
            return specimenType == SpecimenType.PLASMA_CFDNA_TUBE;
        }

        /** The published source (or "[D]" design decision) the expectations follow. */
        Builder source(String source) {
            this.source = source;
            return this;
        }

        /** Rules of the 2026.2 report specification this case exercises: the report must name those rules. */
        Builder reportRules(Integer... rules) {
            reportRules.addAll(Arrays.asList(rules));
            return this;
        }

        /** Rules of the 2026.2 reflex table this case exercises (a label: the table version is always checked). */
        Builder reflexRules(Integer... rules) {
            reflexRules.addAll(Arrays.asList(rules));
            return this;
        }

        // ---- input facts ----

        /** A formalin-fixed block of this OncoTree tumour type. */
        Builder tissue(String oncoTreeCode) {
            this.code = oncoTreeCode;
            return this;
        }

        Builder age(int years) {
            this.age = years;
            return this;
        }

        Builder highSuspicion() {
            this.suspicion = ClinicalSuspicion.HIGH;
            return this;
        }

        Builder specimen(SpecimenType type) {
            this.specimenType = type;
            return this;
        }

        Builder decalcified(Decalcification how) {
            this.decalcification = how;
            return this;
        }

        /** The block was cut (collected) this long before the laboratory received it. */
        Builder blockAgeDays(long days) {
            this.collectedBefore = Duration.ofDays(days);
            return this;
        }

        /** Plasma in this tube, drawn {@code daysInTube} days before receipt, for a tumour of this type. */
        Builder plasma(String oncoTreeCode, BloodTubeType tube, int daysInTube) {
            this.code = oncoTreeCode;
            this.specimenType = SpecimenType.PLASMA_CFDNA_TUBE;
            this.tube = tube;
            this.collectedBefore = Duration.ofDays(daysInTube);
            return this;
        }

        /** The clinician asked for exactly these assays (LIMS work request EXPLICIT_ASSAYS). */
        Builder requested(AssayType... assays) {
            requested.addAll(Arrays.asList(assays));
            return this;
        }

        // ---- measurements ----

        Builder tumourNuclei(double percent) {
            this.tumourPercent = percent;
            return this;
        }

        Builder noTumourCells() {
            this.tumourCellsPresent = false;
            this.tumourPercent = null;
            return this;
        }

        Builder rna(double ng, double dv200Percent) {
            this.rnaNg = ng;
            this.dv200 = dv200Percent;
            return this;
        }

        Builder dna(double ng, double ffpeDeltaCt) {
            this.dnaNg = ng;
            this.deltaCt = ffpeDeltaCt;
            return this;
        }

        Builder cfDnaNg(double ng) {
            this.cfDnaNg = ng;
            return this;
        }

        // ---- bench script ----

        /** What the bench finds on successive orders of an assay (the first step for the first order, ...). */
        Builder bench(AssayType assay, Instruments.Step... steps) {
            bench.computeIfAbsent(assay, a -> new ArrayList<>()).addAll(Arrays.asList(steps));
            return this;
        }

        /** The LIMS cancels the order as soon as the first assay is released to the bench. */
        Builder cancelledWhenFirstAssayIsReady() {
            this.cancelWhenReady = true;
            return this;
        }

        /** After the FINAL report, a pathologist corrects or amends the result of the n-th order of an assay. */
        Builder afterSignOut(Correction correction) {
            this.correction = correction;
            return this;
        }

        /** Check the REST view, the FHIR R4 and the HL7 v2 exports against the report. */
        Builder checkExports() {
            this.exports = true;
            return this;
        }

        // ---- expectations ----

        /**
         * The orders, in the order reflex placed them: {@code "ASSAY RULE-ID"}, and for FISH the probes asked
         * for, {@code "NTRK_FISH RX-QC-FALLBACK [NTRK1, NTRK2, NTRK3]"}.
         */
        Builder orders(String... orders) {
            this.orders = List.of(orders);
            return this;
        }

        /** Reflex's advice, as {@code "RECOMMENDATION RULE-ID"} (in any order); none unless stated. */
        Builder advice(String... advice) {
            this.advice = new LinkedHashSet<>(List.of(advice));
            return this;
        }

        Builder adviceRationaleSays(String regex) {
            extra.add(Expectation.onTopics("advice rationale says /" + regex + "/", (r, lab) -> {
                List<String> rationales = r.advice.stream().map(ReflexRecommended::getRationale).toList();
                return rationales.stream().anyMatch(t -> find(regex, t)) ? null
                        : "no advice says so; rationales: " + rationales;
            }));
            return this;
        }

        Builder orderRationaleSays(AssayType assay, String regex) {
            extra.add(Expectation.onTopics("rationale of the first " + assay + " order says /" + regex + "/", (r, lab) -> {
                AssayOrdered o = r.order(assay, 1);
                if (o == null) {
                    return "no " + assay + " order";
                }
                return find(regex, o.getRationale()) ? null : "rationale: " + o.getRationale();
            }));
            return this;
        }

        /** Sample-qc's latest decision for the assay has this verdict and, unless PASS, a finding of this rule at it. */
        Builder qc(AssayType assay, QcVerdict verdict, String ruleId) {
            if (ruleId != null) {
                qcRules.add(ruleId + " " + verdict);
            }
            extra.add(Expectation.onTopics("QC of " + assay + " is " + verdict + (ruleId == null ? "" : " by " + ruleId),
                    (r, lab) -> {
                        QcDecided d = r.qc.get(assay);
                        if (d == null) {
                            return "no QC decision for " + assay;
                        }
                        if (d.getVerdict() != verdict) {
                            return "verdict " + d.getVerdict() + " (" + CaseRecord.findings(d) + ")";
                        }
                        boolean found = ruleId == null || d.getFindings().stream()
                                .anyMatch(f -> f.getRuleId().equals(ruleId) && f.getVerdict() == verdict);
                        return found ? null : "no " + ruleId + " finding at " + verdict + ": " + CaseRecord.findings(d);
                    }));
            return this;
        }

        Builder qc(AssayType assay, QcVerdict verdict) {
            return qc(assay, verdict, null);
        }

        /** Sample-qc judged exactly these assays (an explicit request is judged only for what it asks). */
        Builder qcJudgedOnly(AssayType... assays) {
            Set<AssayType> wanted = Set.of(assays);
            extra.add(Expectation.onTopics("sample-qc judged only " + wanted, (r, lab) ->
                    r.qc.keySet().equals(wanted) ? null : "judged " + r.qc.keySet()));
            return this;
        }

        /** The suspicion and tumour-type class reflex worked with, as its last ReflexSettled states them. */
        Builder preTest(ClinicalSuspicion suspicion, TumourTypeRoute route) {
            extra.add(Expectation.onTopics("reflex settled with suspicion " + suspicion + " and tumour-type route " + route,
                    (r, lab) -> {
                        ReflexSettled s = r.lastSettled();
                        if (s == null) {
                            return "reflex never announced the case settled";
                        }
                        return s.getSuspicion() == suspicion && s.getTumourTypeRoute() == route ? null
                                : "settled with suspicion " + s.getSuspicion() + ", route " + s.getTumourTypeRoute();
                    }));
            return this;
        }

        Builder call(OverallCall call) {
            this.call = call;
            return this;
        }

        /** A fusion the report must list, with its AMP/ASCO/CAP tier (null: no tier assigned). */
        Builder fusion(String hgncName, AmpTier tier) {
            fusions.add(hgncName + " tier " + (tier == null ? "none" : tier));
            return this;
        }

        Builder concordance(String regex) {
            extra.add(Expectation.onReport("concordance says /" + regex + "/", (r, lab) -> {
                String c = r.latestContent().getConcordance();
                return c != null && find(regex, c) ? null : "concordance: " + c;
            }));
            return this;
        }

        Builder concordanceNeverSays(String regex) {
            extra.add(Expectation.onReport("concordance does not say /" + regex + "/", (r, lab) -> {
                String c = r.latestContent().getConcordance();
                return c == null || !find(regex, c) ? null : "concordance: " + c;
            }));
            return this;
        }

        Builder noConcordance() {
            extra.add(Expectation.onReport("no concordance statement", (r, lab) -> {
                String c = r.latestContent().getConcordance();
                return c == null ? null : "concordance: " + c;
            }));
            return this;
        }

        Builder interpretationSays(String regex) {
            extra.add(Expectation.onReport("interpretation says /" + regex + "/", (r, lab) ->
                    find(regex, r.latestContent().getInterpretation()) ? null : "it does not"));
            return this;
        }

        Builder limitationSays(String regex) {
            extra.add(Expectation.onReport("a limitation says /" + regex + "/", (r, lab) ->
                    r.latestContent().getLimitations().stream().anyMatch(l -> find(regex, l)) ? null : "none does"));
            return this;
        }

        /** The interpretation, the concordance statement or a limitation says it. */
        Builder reportSays(String regex) {
            extra.add(Expectation.onReport("report says /" + regex + "/", (r, lab) ->
                    find(regex, text(r.latestContent())) ? null : "it does not"));
            return this;
        }

        /** Neither the interpretation, the concordance statement nor any limitation says it. */
        Builder reportNeverSays(String regex) {
            extra.add(Expectation.onReport("report never says /" + regex + "/", (r, lab) ->
                    find(regex, text(r.latestContent())) ? "it does" : null));
            return this;
        }

        /** The QC limitations the report must carry, and no others. */
        Builder qcLimitations(QcLim... expected) {
            this.qcLimitations = List.of(expected);
            Arrays.stream(expected).forEach(q -> qcRules.add(q.ruleId() + " " + q.verdict()));
            return this;
        }

        /** The case does not constrain the report's QC limitations (the specification leaves them open). */
        Builder qcLimitationsUnchecked() {
            this.qcLimitationsChecked = false;
            return this;
        }

        /** After the correction: the report is re-issued with this status and reason, the first version unchanged. */
        Builder revisedAs(ReportStatus status, RevisionReason reason, OverallCall firstVersionCall) {
            this.revisionStatus = status;
            this.revisionReason = reason;
            this.firstCall = firstVersionCall;
            return this;
        }

        Scenario build() {
            if (cancelWhenReady == (call != null)) {
                throw new IllegalStateException(name + ": a case expects either an overall call or a cancellation");
            }
            if (correction != null && revisionStatus == null) {
                throw new IllegalStateException(name + ": a corrected case states how the report is revised");
            }
            return new Scenario(this);
        }

        private List<Expectation> expectations() {
            List<Expectation> all = new ArrayList<>();
            all.add(Expectation.onTopics("accepted at intake, every run event and measurement accepted",
                    (r, lab) -> r.problems.isEmpty() ? null : String.join("; ", r.problems)));
            if (orders != null) {
                all.add(Expectation.onTopics("orders " + orders, (r, lab) -> {
                    List<String> actual = r.orders.stream().map(Builder::orderLine).toList();
                    return actual.equals(orders) ? null : "orders were " + actual;
                }));
            }
            all.add(Expectation.onTopics("advice " + advice, (r, lab) -> {
                Set<String> actual = r.advice.stream().map(a -> a.getRecommendation() + " " + a.getRuleId())
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                return actual.equals(advice) ? null : "advice was " + actual;
            }));
            all.add(Expectation.onTopics("every order, advice and settled announcement names table " + REFLEX_TABLE,
                    (r, lab) -> {
                        List<String> off = new ArrayList<>();
                        r.orders.stream().filter(o -> !REFLEX_TABLE.equals(o.getRuleSetVersion()))
                                .forEach(o -> off.add(o.getOrderId() + ": " + o.getRuleSetVersion()));
                        r.advice.stream().filter(a -> !REFLEX_TABLE.equals(a.getRuleSetVersion()))
                                .forEach(a -> off.add(a.getRuleId() + ": " + a.getRuleSetVersion()));
                        r.settled.stream().filter(s -> !REFLEX_TABLE.equals(s.getRuleSetVersion()))
                                .forEach(s -> off.add("settled: " + s.getRuleSetVersion()));
                        return off.isEmpty() ? null : String.join(", ", off);
                    }));
            if (cancelWhenReady) {
                all.add(Expectation.onTopics("no report for a cancelled accession", (r, lab) ->
                        r.reports.isEmpty() ? null : r.reports.size() + " report events"));
                all.add(Expectation.onTopics("every order cancelled", (r, lab) -> {
                    List<String> open = r.states.entrySet().stream()
                            .filter(e -> e.getValue() != org.ntrklab.events.AssayState.CANCELLED)
                            .map(e -> e.getKey() + " " + e.getValue()).toList();
                    return r.cancelled && open.isEmpty() ? null
                            : (r.cancelled ? "" : "no AccessionCancelled; ") + "not cancelled: " + open;
                }));
                all.add(Expectation.onTopics("REST view says CANCELLED", (r, lab) -> lab.restStatusProblem(r, "CANCELLED")));
                all.addAll(extra);
                return all;
            }
            all.add(Expectation.onTopics(correction == null ? "one report, issued FINAL as version 1"
                    : "FINAL version 1, then " + revisionStatus + " version 2", (r, lab) -> {
                List<ReportIssued> issued = r.issued();
                String versions = issued.stream().map(i -> "v" + i.getVersion() + " " + i.getStatus()).toList().toString();
                if (issued.isEmpty()) {
                    return "no report issued";
                }
                if (issued.get(0).getVersion() != 1 || issued.get(0).getStatus() != ReportStatus.FINAL) {
                    return "issued " + versions;
                }
                if (correction == null) {
                    return issued.size() == 1 ? null : "issued " + versions;
                }
                if (issued.size() != 2) {
                    return "issued " + versions;
                }
                ReportIssued v2 = issued.get(1);
                if (v2.getVersion() != 2 || v2.getStatus() != revisionStatus || v2.getRevisionReason() != revisionReason
                        || !Integer.valueOf(1).equals(v2.getSupersedesVersion())
                        || !correction.pathologistRef().equals(v2.getSignedOutBy())) {
                    return "v2 is " + v2.getStatus() + " for " + v2.getRevisionReason() + ", supersedes "
                            + v2.getSupersedesVersion() + ", signed by " + v2.getSignedOutBy();
                }
                if (issued.get(0).getContent().getOverallCall() != firstCall) {
                    return "version 1 now says " + issued.get(0).getContent().getOverallCall();
                }
                return null;
            }));
            all.add(Expectation.onTopics("overall call " + call, (r, lab) -> {
                ReportContent c = r.latestContent();
                return c == null ? "no report" : c.getOverallCall() == call ? null : "report says " + c.getOverallCall();
            }));
            List<String> wantedFusions = fusions.stream().sorted().toList();
            all.add(Expectation.onTopics("fusions " + wantedFusions, (r, lab) -> {
                ReportContent c = r.latestContent();
                if (c == null) {
                    return "no report";
                }
                List<String> actual = c.getFusions().stream().map(f -> f.getHgncName() + " tier "
                        + (f.getTier() == null ? "none" : f.getTier())).sorted().toList();
                return actual.equals(wantedFusions) ? null : "report lists " + actual;
            }));
            if (qcLimitationsChecked) {
                all.add(qcLimitationsExpectation(qcLimitations));
            }
            if (!reportRules.isEmpty()) {
                all.add(Expectation.onTopics("report written under " + REPORT_RULES, (r, lab) -> {
                    ReportContent c = r.latestContent();
                    return c == null ? "no report" : REPORT_RULES.equals(c.getRuleSetVersion()) ? null
                            : "report names rules " + c.getRuleSetVersion();
                }));
            }
            all.addAll(extra);
            if (exports) {
                all.add(Expectation.onTopics("REST view, FHIR R4 and HL7 v2 exports agree with the report",
                        (r, lab) -> lab.exportProblems(r, call)));
            }
            return all;
        }

        private static Expectation qcLimitationsExpectation(List<QcLim> wanted) {
            Set<String> wantedKeys = wanted.stream().map(QcLim::key).collect(Collectors.toCollection(TreeSet::new));
            return Expectation.onReport("QC limitations " + (wanted.isEmpty() ? "none" : wantedKeys), (r, lab) -> {
                ReportContent c = r.latestContent();
                if (c == null) {
                    return "no report";
                }
                Set<String> actual = new TreeSet<>();
                List<String> wrong = new ArrayList<>();
                for (QcLimitation q : c.getQcLimitations()) {
                    actual.add(q.getAssay() + " " + q.getRuleId() + " " + q.getVerdict()
                            + (q.getOrderId() != null ? " (ordered)" : " (never ordered)"));
                    if (q.getOrderId() != null) {
                        AssayOrdered o = r.order(q.getOrderId());
                        if (o == null || o.getAssay() != q.getAssay()) {
                            wrong.add(q.getRuleId() + " names order " + q.getOrderId() + " of another assay");
                        }
                    } else if (r.orders.stream().anyMatch(o -> o.getAssay() == q.getAssay())) {
                        wrong.add(q.getRuleId() + " of " + q.getAssay() + " has no order id, but " + q.getAssay()
                                + " was ordered");
                    }
                    if (!QC_TABLE.equals(q.getRuleSetVersion())) {
                        wrong.add(q.getRuleId() + " names QC table " + q.getRuleSetVersion());
                    }
                    if (q.getStatement() == null || q.getStatement().isBlank()
                            || !c.getLimitations().contains(q.getStatement())) {
                        wrong.add(q.getRuleId() + "'s statement is not among the limitations");
                    }
                    QcDecided d = r.qc.get(q.getAssay());
                    boolean inDecision = d != null && d.getFindings().stream().anyMatch(f -> f.getRuleId()
                            .equals(q.getRuleId()) && f.getVerdict() == q.getVerdict()
                            && Objects.equals(f.getMeasuredValue(), q.getMeasuredValue())
                            && Objects.equals(f.getMeasuredCategory(), q.getMeasuredCategory()));
                    if (!inDecision) {
                        wrong.add(q.getRuleId() + " of " + q.getAssay() + " is not a finding of its latest QC decision");
                    }
                }
                for (QcLim w : wanted) {
                    if (w.measured() == null) {
                        continue;
                    }
                    boolean quoted = c.getQcLimitations().stream().anyMatch(q -> q.getRuleId().equals(w.ruleId())
                            && q.getAssay() == w.assay() && q.getMeasuredValue() != null
                            && Math.abs(q.getMeasuredValue() - w.measured()) < 1e-9);
                    if (!quoted) {
                        wrong.add(w.ruleId() + " does not quote the measured " + w.measured());
                    }
                }
                if (!actual.equals(wantedKeys)) {
                    wrong.add(0, "report carries " + (actual.isEmpty() ? "none" : actual));
                }
                return wrong.isEmpty() ? null : String.join("; ", wrong);
            });
        }

        static String orderLine(AssayOrdered o) {
            String line = o.getAssay() + " " + o.getRuleId();
            return o.getAssay() == AssayType.NTRK_FISH ? line + " " + o.getTargetGenes() : line;
        }
    }

    static String text(ReportContent c) {
        List<String> parts = new ArrayList<>();
        parts.add(c.getInterpretation());
        if (c.getConcordance() != null) {
            parts.add(c.getConcordance());
        }
        parts.addAll(c.getLimitations());
        return String.join("\n", parts);
    }

    static boolean find(String regex, String text) {
        return text != null && Pattern.compile(regex, Pattern.DOTALL).matcher(text).find();
    }

    /** The fusions of a report as the test names them. */
    static String fusionNames(List<ReportedFusion> fusions) {
        return fusions.stream().map(ReportedFusion::getHgncName).collect(Collectors.joining(", "));
    }
}
