package org.ntrklab.sampleqc.evaluation;

import java.util.List;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.QcFinding;
import org.ntrklab.events.QcVerdict;

/** The QC verdict for one assay of one accession, with every finding that led to it. */
public record QcDecision(AssayType assay, QcVerdict verdict, List<QcFinding> findings, String ruleSetVersion) {

    public QcDecision {
        findings = List.copyOf(findings);
    }

    /** Identifies the decision's content, to tell a changed decision from a repeat of the same one. */
    public String fingerprint() {
        StringBuilder s = new StringBuilder(verdict.name()).append('|').append(ruleSetVersion);
        for (QcFinding f : findings) {
            s.append('|').append(f.getRuleId()).append(':').append(f.getVerdict()).append(':')
                    .append(f.getMeasuredValue()).append(':').append(f.getMeasuredCategory());
        }
        return s.toString();
    }
}
