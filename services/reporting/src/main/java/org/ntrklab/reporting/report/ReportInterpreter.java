package org.ntrklab.reporting.report;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.OverallCall;
import org.ntrklab.reporting.report.ReportBody.AssayLine;
import org.ntrklab.reporting.report.ReportBody.QcLimitationLine;

/**
 * The interpretation rules of docs/clinical-rules.md: overall call, fusions named the HGNC way with their
 * AMP/ASCO/CAP tier, the IHC/molecular concordance statement, and the limitations of each method used.
 * Pure: the same orders give the same report.
 *
 * <p>The entry point: each section of that page has its own class here ({@link OverallCallRules},
 * {@link NegativeCoverage}, {@link FusionLines}, {@link ConcordanceStatements}, {@link ReportLimitations},
 * {@link QcLimitations}), all reading the orders as {@link CaseResults} sorts them.
 */
public final class ReportInterpreter {

    // The sources the statements cite, spelt once for every statement.
    static final String SOLOMON_2020 = "Solomon et al., Mod Pathol 2020";
    static final String ESMO_2019 = "ESMO 2019, Marchio et al., Ann Oncol 30:1417";
    static final String ESMO_CTDNA_2022 = "ESMO ctDNA recommendations 2022";
    static final String AMP_2017 = "AMP/ASCO/CAP 2017, Li et al., J Mol Diagn 19:4";

    /** Methods that can show a fusion; pan-TRK IHC shows expression only. */
    static final Set<AssayType> MOLECULAR = EnumSet.of(AssayType.NTRK_FISH, AssayType.RT_PCR, AssayType.RNA_NGS,
            AssayType.DNA_NGS, AssayType.CFDNA_NGS);
    /** Molecular methods on tissue: their negative is a negative; a negative in plasma is not. */
    static final Set<AssayType> TISSUE_MOLECULAR = EnumSet.of(AssayType.NTRK_FISH, AssayType.RT_PCR,
            AssayType.RNA_NGS, AssayType.DNA_NGS);

    /** The version of these rules, named in every report they write. Change it with every change of a rule. */
    public static final String RULE_SET_VERSION = "ntrk-report-rules-2026.2";

    /** A report from the orders alone, with the LIMS's suspicion and no sample-QC decisions. */
    public ReportBody interpret(CaseFacts facts, List<OrderRecord> orders, List<AdviceNote> advice) {
        return interpret(facts, orders, advice, List.of(), PreTest.of(facts));
    }

    /**
     * The report of an accession.
     *
     * @param qc sample-qc's latest decision per assay: caveats and failures become limitations
     * @param preTest the suspicion and tumour-type class reflex worked with
     */
    public ReportBody interpret(CaseFacts facts, List<OrderRecord> orders, List<AdviceNote> advice, List<QcRecord> qc,
            PreTest preTest) {
        CaseResults results = CaseResults.of(facts, orders, preTest);
        OverallCallRules.Verdict verdict = OverallCallRules.decide(results);
        OverallCall call = verdict.call();
        String interpretation = verdict.interpretation() + corrections(orders) + recommendations(advice);
        List<AssayLine> assays = orders.stream()
                .map(o -> new AssayLine(o.orderId(), o.assay(), o.state(), o.resulted() ? o.interpretation() : null))
                .toList();
        boolean testingIncomplete = call == OverallCall.INCONCLUSIVE || call == OverallCall.FAILURE;
        List<QcLimitationLine> qcLimitations = QcLimitations.of(orders, qc, testingIncomplete);
        List<String> limitations = new ArrayList<>(ReportLimitations.of(results));
        qcLimitations.forEach(q -> limitations.add(q.statement()));
        return new ReportBody(facts.orderId(), facts.specimenId(), facts.patientRef(), facts.tumourCode(),
                facts.tumourText(), call, results.fusions(), assays, ConcordanceStatements.of(results), limitations,
                interpretation, qcLimitations, RULE_SET_VERSION);
    }

    /** Every corrected result, named with the pathologist and the coded reason: a reader sees what changed. */
    private static String corrections(List<OrderRecord> orders) {
        StringBuilder b = new StringBuilder();
        for (OrderRecord o : orders) {
            if (o.correction() != null) {
                OrderRecord.Correction k = o.correction();
                b.append(" The result of ").append(name(o.assay())).append(" (").append(o.orderId())
                        .append(") was corrected by ").append(k.pathologistRef()).append(" (").append(k.reason())
                        .append(k.explanation() == null || k.explanation().isBlank() ? "" : ": " + k.explanation())
                        .append(").");
            }
        }
        return b.toString();
    }

    /** Reflex's advice with its rule id, each piece once. */
    private static String recommendations(List<AdviceNote> advice) {
        if (advice.isEmpty()) {
            return "";
        }
        return " Recommended: " + advice.stream().map(a -> a.text() + " (" + a.ruleId() + ")").distinct()
                .collect(Collectors.joining("; ")) + ".";
    }

    static String methods(List<OrderRecord> orders) {
        return orders.stream().map(o -> name(o.assay())).distinct().collect(Collectors.joining(", "));
    }

    /** The assay as a report names it. */
    public static String name(AssayType assay) {
        switch (assay) {
            case PAN_TRK_IHC:
                return "pan-TRK IHC";
            case NTRK_FISH:
                return "NTRK FISH";
            case RT_PCR:
                return "RT-PCR";
            case RNA_NGS:
                return "RNA-NGS";
            case DNA_NGS:
                return "DNA-NGS";
            default:
                return "cfDNA NGS";
        }
    }
}
