package org.ntrklab.reporting.report;

import static org.ntrklab.reporting.report.ReportInterpreter.AMP_2017;
import static org.ntrklab.reporting.report.ReportInterpreter.ESMO_2019;
import static org.ntrklab.reporting.report.ReportInterpreter.ESMO_CTDNA_2022;
import static org.ntrklab.reporting.report.ReportInterpreter.SOLOMON_2020;
import static org.ntrklab.reporting.report.ReportInterpreter.name;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ntrklab.events.AmpTier;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.reporting.report.ReportBody.FusionLine;

/**
 * The limitations of the methods used (docs/clinical-rules.md#limitations): what each result cannot say, so a
 * negative or an untiered fusion is not read as more than it is. Sample-QC limitations are {@link QcLimitations}.
 */
final class ReportLimitations {

    private ReportLimitations() {
    }

    /** Each limitation once, in the order the table lists them: IHC, orders without a result, methods, fusions. */
    static List<String> of(CaseResults r) {
        Set<String> out = new LinkedHashSet<>();
        AssayInterpretation ihcCall = r.ihcCall();
        // Only a positive or a covering negative answers the question an IHC result leaves open.
        boolean molecularAnswer = !r.positives().isEmpty() || !r.conclusiveNegatives().isEmpty();
        if (ihcCall == AssayInterpretation.NEGATIVE && !molecularAnswer) {
            out.add("A negative pan-TRK IHC does not exclude an NTRK3 fusion: its sensitivity is 79.4% for NTRK3"
                    + " fusions (" + SOLOMON_2020 + ").");
        }
        if (r.ihcStains() && !molecularAnswer) {
            out.add("Pan-TRK IHC also stains wild-type TRK; a TRK inhibitor is not started on IHC alone and a"
                    + " molecular confirmation is needed (" + ESMO_2019 + ").");
        }
        for (OrderRecord o : r.attempted()) {
            if (!o.resulted() || o.interpretation() == AssayInterpretation.FAILED
                    || o.interpretation() == AssayInterpretation.NON_EVALUABLE) {
                out.add(name(o.assay()) + " (" + o.orderId() + ") gave no result: " + noResult(o) + ".");
            } else {
                methodLimitations(o, r, out);
            }
        }
        for (FusionLine f : r.fusions()) {
            if (f.tier() == AmpTier.TIER_III) {
                out.add(f.hgncName() + " is AMP/ASCO/CAP Tier III (unknown significance): "
                        + FusionLines.tierIiiReason(f) + "; it is not an indication for a TRK inhibitor (" + AMP_2017
                        + ").");
            }
            if (f.tier() == null && f.fivePrimeGene() != null) {
                out.add("Whether " + f.hgncName() + " is in frame and keeps the kinase domain was not reported; its"
                        + " AMP/ASCO/CAP tier needs pathologist review (" + AMP_2017 + ").");
            }
        }
        return List.copyOf(out);
    }

    /** What a resulted order's method cannot see. */
    private static void methodLimitations(OrderRecord o, CaseResults r, Set<String> out) {
        switch (o.assay()) {
            case DNA_NGS:
                if (o.interpretation() == AssayInterpretation.NEGATIVE) {
                    out.add("DNA-based NGS may miss NTRK2 and NTRK3 fusions whose breakpoints lie in large"
                            + " introns; an RNA-based test is advised if suspicion remains (" + ESMO_2019 + ").");
                    if (r.coverage().dnaLimited()) {
                        out.add("The DNA-NGS negative is not taken to exclude NTRK2 or NTRK3 fusions here ("
                                + (r.ihcStains() ? "a stained pan-TRK IHC needs explaining" : "high pre-test suspicion")
                                + "): RNA-based testing (RNA-NGS) is recommended (" + SOLOMON_2020 + ").");
                    }
                }
                break;
            case CFDNA_NGS:
                if (o.interpretation() != AssayInterpretation.POSITIVE) {
                    out.add("Not detecting a fusion in cell-free DNA does not exclude one in the tumour, which"
                            + " may shed little DNA; tissue testing is advised (" + ESMO_CTDNA_2022 + ").");
                }
                break;
            case NTRK_FISH:
                List<NtrkGene> probes = o.finding() == null ? List.of() : o.finding().probedGenes();
                if (o.interpretation() == AssayInterpretation.POSITIVE) {
                    out.add("Break-apart FISH does not identify the fusion partner, nor whether the fusion is in"
                            + " frame and expressed: its AMP/ASCO/CAP tier needs pathologist review, and RNA-based"
                            + " NGS can characterise it where material allows (" + ESMO_2019 + ").");
                } else if (!probes.isEmpty() && probes.size() < NtrkGene.values().length) {
                    String probed = NegativeCoverage.genes(probes);
                    out.add(probed + " break-apart FISH tests " + probed + " only; fusions of the other NTRK"
                            + " genes are not excluded.");
                }
                break;
            case RT_PCR:
                if (o.finding() != null && !o.finding().pcrTargets().isEmpty()) {
                    out.add("RT-PCR detects only the fusion transcripts its primers target: "
                            + String.join(", ", o.finding().pcrTargets()) + ".");
                }
                break;
            default:
                break;
        }
    }

    private static String noResult(OrderRecord o) {
        if (o.state() == AssayState.BLOCKED_QC) {
            return "sample QC failed";
        }
        if (o.state() == AssayState.RUN_FAILED) {
            return "run failed" + (o.reason() == null ? "" : " (" + o.reason() + ")");
        }
        if (o.interpretation() == AssayInterpretation.NON_EVALUABLE) {
            return "not evaluable";
        }
        if (o.interpretation() == AssayInterpretation.FAILED) {
            return "the assay failed";
        }
        return "no result was received (" + o.state() + ")";
    }
}
