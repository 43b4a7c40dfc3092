package org.ntrklab.reporting.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.QcMetric;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.reporting.report.ReportBody.QcLimitationLine;

/**
 * Sample-QC findings that qualify a report (issue of record: a negative on 15% tumour nuclei must not read as
 * if the material were ideal). For each order in the report, the latest QC decision on its assay gives:
 * <ul>
 *   <li>for an order that ran (or is running): every PASS_WITH_CAVEAT finding, e.g. tumour nuclei 10-19% for
 *       RNA-NGS, a block 3-10 years old, EDTA or unknown decalcification, a Streck tube 5-7 days old;</li>
 *   <li>for an order blocked by QC: every FAIL finding, the reason it never ran.</li>
 * </ul>
 * When testing could not reach a conclusion (INCONCLUSIVE or FAILURE), the FAIL findings of molecular assays
 * that were never ordered because their QC failed are added, so the reader sees why no better method was
 * used. Each finding keeps sample-qc's rule id, metric, measured value, threshold and rule table version.
 */
final class QcLimitations {

    private QcLimitations() {
    }

    static List<QcLimitationLine> of(List<OrderRecord> orders, List<QcRecord> qc, boolean testingIncomplete) {
        List<QcLimitationLine> out = new ArrayList<>();
        for (OrderRecord o : orders) {
            if (o.state() == AssayState.CANCELLED) {
                continue;
            }
            QcRecord decision = decision(qc, o.assay());
            if (decision == null) {
                continue;
            }
            QcVerdict wanted = o.state() == AssayState.BLOCKED_QC ? QcVerdict.FAIL : QcVerdict.PASS_WITH_CAVEAT;
            for (QcRecord.Note n : decision.findings(wanted)) {
                out.add(line(o.orderId(), o.assay(), n, decision.ruleSetVersion()));
            }
        }
        if (testingIncomplete) {
            for (QcRecord decision : qc) {
                boolean ordered = orders.stream().anyMatch(o -> o.assay() == decision.assay());
                if (!ordered && decision.verdict() == QcVerdict.FAIL
                        && ReportInterpreter.MOLECULAR.contains(decision.assay())) {
                    for (QcRecord.Note n : decision.findings(QcVerdict.FAIL)) {
                        out.add(line(null, decision.assay(), n, decision.ruleSetVersion()));
                    }
                }
            }
        }
        return out;
    }

    private static QcRecord decision(List<QcRecord> qc, AssayType assay) {
        return qc.stream().filter(q -> q.assay() == assay).findFirst().orElse(null);
    }

    private static QcLimitationLine line(String orderId, AssayType assay, QcRecord.Note n, String version) {
        String measured = measured(n);
        String statement;
        String rule = n.ruleId() + ": " + label(n.metric()) + " " + measured + " (" + n.threshold() + "; QC table "
                + version + ")";
        if (n.verdict() == QcVerdict.PASS_WITH_CAVEAT) {
            statement = ReportInterpreter.name(assay) + " (" + orderId + ") was run on material with a sample-QC"
                    + " caveat, " + rule + ": the result is less certain, a negative result especially.";
        } else if (orderId != null) {
            statement = ReportInterpreter.name(assay) + " (" + orderId + ") was not run: sample QC failed, " + rule
                    + ".";
        } else {
            statement = ReportInterpreter.name(assay) + " was not performed: sample QC failed, " + rule + ".";
        }
        return new QcLimitationLine(orderId, assay, n.ruleId(), n.metric(), n.measuredValue(), n.measuredCategory(),
                n.thresholdValue(), n.threshold(), n.verdict(), version, statement);
    }

    private static String measured(QcRecord.Note n) {
        if (n.measuredValue() != null) {
            double v = n.measuredValue();
            String number = v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
            return number + unit(n.metric());
        }
        if (n.measuredCategory() != null) {
            return n.measuredCategory();
        }
        return "not measured";
    }

    private static String label(QcMetric metric) {
        switch (metric) {
            case TUMOUR_CELLS_PRESENT:
                return "tumour cells present";
            case TUMOUR_NUCLEI_PERCENT:
                return "tumour nuclei";
            case DV200_PERCENT:
                return "RNA DV200";
            case RNA_YIELD_NG:
                return "RNA yield";
            case DNA_YIELD_NG:
                return "DNA yield";
            case FFPE_DELTA_CT:
                return "FFPE QC delta Ct";
            case CFDNA_YIELD_NG:
                return "cfDNA yield";
            case BLOOD_TUBE_AGE_DAYS:
                return "blood tube age";
            case DECALCIFICATION:
                return "decalcification";
            case BLOCK_AGE_YEARS:
                return "block age";
            default:
                return "specimen type";
        }
    }

    private static String unit(QcMetric metric) {
        switch (metric) {
            case TUMOUR_NUCLEI_PERCENT:
            case DV200_PERCENT:
                return "%";
            case RNA_YIELD_NG:
            case DNA_YIELD_NG:
            case CFDNA_YIELD_NG:
                return " ng";
            case BLOOD_TUBE_AGE_DAYS:
                return " days";
            case BLOCK_AGE_YEARS:
                return " years";
            default:
                return "";
        }
    }
}
