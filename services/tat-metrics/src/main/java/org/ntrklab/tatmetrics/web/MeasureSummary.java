package org.ntrklab.tatmetrics.web;

import org.ntrklab.tatmetrics.timeline.WorkingDaysSummary;

/** Finished turnaround of one measure ("CASE" or "TEST:<assay>") over all cases, in working days. */
public record MeasureSummary(String measure, long count, Double p50WorkingDays, Double p90WorkingDays,
        Double meanWorkingDays, Double withinTargetRatio) {

    static MeasureSummary of(String measure, WorkingDaysSummary s) {
        return new MeasureSummary(measure, s.count(), nanToNull(s.quantile(0.5)), nanToNull(s.quantile(0.9)),
                s.count() == 0 ? null : Math.round(s.sum() / s.count() * 100) / 100.0,
                s.withTarget() == 0 ? null : (double) s.withinTarget() / s.withTarget());
    }

    private static Double nanToNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
