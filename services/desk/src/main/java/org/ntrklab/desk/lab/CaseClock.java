package org.ntrklab.desk.lab;

import java.time.Instant;

/**
 * A case's turnaround clock, as tat-metrics shows it ({@code GET /tat/cases/{accessionId}}).
 *
 * @param elapsedWorkingDays working days since receipt for an open case; null when tat-metrics does not say
 *     (a finished case, or a stack running on simulated time)
 * @param overdue whether the case is past its target
 */
public record CaseClock(String priority, Instant receivedAt, Instant finalReportAt, String stage,
        Double elapsedWorkingDays, double targetWorkingDays, boolean overdue) {
}
