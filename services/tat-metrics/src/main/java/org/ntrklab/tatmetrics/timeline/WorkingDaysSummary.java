package org.ntrklab.tatmetrics.timeline;

import java.util.Arrays;

/**
 * Distribution of one measure's turnaround in working days, in fixed buckets (lo, hi] of 0.05 working days
 * (about an hour) up to 60 working days, plus an overflow: bounded in size whatever the number of cases, and
 * exact enough for medians and 90th percentiles against targets of days.
 *
 * @param counts cases per bucket; the last bucket holds everything from 60 working days on
 */
public record WorkingDaysSummary(long count, long withinTarget, long withTarget, double sum, long[] counts) {

    static final double BUCKET = 0.05;
    static final int BUCKETS = 1200;
    private static final long MICRO_PER_BUCKET = 50_000;

    public WorkingDaysSummary {
        counts = counts == null || counts.length != BUCKETS + 1 ? new long[BUCKETS + 1] : counts.clone();
    }

    public static WorkingDaysSummary empty() {
        return new WorkingDaysSummary(0, 0, 0, 0, null);
    }

    /** @param withinTarget null when the measure has no target */
    public WorkingDaysSummary add(double workingDays, Boolean withinTarget) {
        long[] updated = counts.clone();
        // Buckets are (lo, hi]: a test of exactly 2.0 working days is reported as 2.0, not 2.05, so a
        // percentile on a target is not shown above it. Counted in whole millionths of a day, so that binary
        // rounding cannot move a value across an edge.
        long micro = Math.round(Math.max(0, workingDays) * 1e6);
        long upperEdge = (micro + MICRO_PER_BUCKET - 1) / MICRO_PER_BUCKET;
        int bucket = (int) Math.min(BUCKETS, Math.max(0, upperEdge - 1));
        updated[bucket]++;
        return new WorkingDaysSummary(count + 1, this.withinTarget + (Boolean.TRUE.equals(withinTarget) ? 1 : 0),
                withTarget + (withinTarget == null ? 0 : 1), sum + workingDays, updated);
    }

    /**
     * The q-quantile (0 < q <= 1) in working days, the upper edge of its bucket; 60 when it lies in the
     * overflow (60 working days or more); NaN when empty.
     */
    public double quantile(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * count);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.round((i + 1) * BUCKET * 100) / 100.0;
            }
        }
        return BUCKETS * BUCKET;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkingDaysSummary s && count == s.count && withinTarget == s.withinTarget
                && withTarget == s.withTarget && Double.compare(sum, s.sum) == 0 && Arrays.equals(counts, s.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(count) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "WorkingDaysSummary[count=" + count + ", p50=" + quantile(0.5) + ", p90=" + quantile(0.9) + "]";
    }
}
