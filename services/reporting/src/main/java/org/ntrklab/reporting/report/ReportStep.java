package org.ntrklab.reporting.report;

import java.util.List;

/**
 * The result of handling one input: the case state to keep (null to leave it unchanged), the events to
 * write, and an outcome name for metrics.
 */
public record ReportStep(ReportCase state, List<ReportOutput> outputs, String outcome) {

    public ReportStep {
        outputs = List.copyOf(outputs);
    }

    static ReportStep unchanged(String outcome) {
        return new ReportStep(null, List.of(), outcome);
    }
}
