package org.ntrklab.tatmetrics.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The distribution of one measure's turnaround in 0.05-working-day buckets; a quantile is its bucket's upper edge. */
class WorkingDaysSummaryTest {

    @Test
    void anEmptySummaryHasNoQuantiles() {
        WorkingDaysSummary empty = WorkingDaysSummary.empty();

        assertThat(empty.count()).isZero();
        assertThat(empty.quantile(0.5)).isNaN();
        assertThat(empty.quantile(0.9)).isNaN();
    }

    @Test
    void quantilesOfOneToTenWorkingDaysAreTheUpperEdgesOfTheirBuckets() {
        WorkingDaysSummary summary = summaryOf(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

        // Rank ceil(q * 10); n working days lies in the bucket (n - 0.05, n], so whole days come out exact.
        assertThat(summary.quantile(0.1)).isEqualTo(1.0);
        assertThat(summary.quantile(0.5)).isEqualTo(5.0);
        assertThat(summary.quantile(0.9)).isEqualTo(9.0);
        assertThat(summary.quantile(1.0)).isEqualTo(10.0);
    }

    @Test
    void theQuantileDoesNotDependOnTheOrderTheCasesCameIn() {
        assertThat(summaryOf(10, 3, 7, 1, 9, 5, 2, 8, 4, 6)).isEqualTo(summaryOf(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    }

    @Test
    void aMedianTurnaroundIsExactToTheBucketOfAboutAnHour() {
        WorkingDaysSummary summary = summaryOf(2.31, 2.32, 2.33, 7.5);

        // All three short cases share the bucket (2.30, 2.35].
        assertThat(summary.quantile(0.5)).isEqualTo(2.35);
        assertThat(summary.quantile(0.75)).isEqualTo(2.35);
        assertThat(summary.quantile(1.0)).isEqualTo(7.5);
    }

    @Test
    void countsAndSumFollowEveryCase() {
        WorkingDaysSummary summary = summaryOf(1.5, 2.5, 4.0);

        assertThat(summary.count()).isEqualTo(3);
        assertThat(summary.sum()).isEqualTo(8.0);
    }

    @Test
    void theWithinTargetRatioCountsOnlyMeasuresWithATarget() {
        WorkingDaysSummary summary = WorkingDaysSummary.empty()
                .add(7.125, true)
                .add(11.0, false)
                .add(9.5, true)
                // A phase such as POST_ANALYTIC has no target.
                .add(1.125, null);

        assertThat(summary.count()).isEqualTo(4);
        assertThat(summary.withTarget()).isEqualTo(3);
        assertThat(summary.withinTarget()).isEqualTo(2);
    }

    @Test
    void turnaroundsBeyondSixtyWorkingDaysGoToTheOverflow() {
        WorkingDaysSummary summary = summaryOf(59.97, 60.0, 75.0, 140.0);
        long[] counts = summary.counts();

        assertThat(counts).hasSize(WorkingDaysSummary.BUCKETS + 1);
        assertThat(counts[WorkingDaysSummary.BUCKETS]).isEqualTo(2);
        assertThat(counts[WorkingDaysSummary.BUCKETS - 1]).isEqualTo(2);
        assertThat(summary.quantile(0.25)).isEqualTo(60.0);
        // The overflow has no upper edge: all a quantile in it can say is "sixty or more".
        assertThat(summary.quantile(0.5)).isEqualTo(60.0);
        assertThat(summary.count()).isEqualTo(4);
        assertThat(summary.sum()).isEqualTo(59.97 + 60.0 + 75.0 + 140.0);
    }

    @Test
    void aNegativeTurnaroundFromClockSkewGoesToTheFirstBucket() {
        WorkingDaysSummary summary = summaryOf(-0.2);

        assertThat(summary.counts()[0]).isEqualTo(1);
        assertThat(summary.quantile(0.5)).isEqualTo(0.05);
    }

    @Test
    void addingACaseLeavesTheEarlierSummaryAsItWas() {
        WorkingDaysSummary before = summaryOf(1, 2);

        WorkingDaysSummary after = before.add(3, null);

        assertThat(before.count()).isEqualTo(2);
        assertThat(before.quantile(1.0)).isEqualTo(2.0);
        assertThat(after.count()).isEqualTo(3);
        assertThat(after.quantile(1.0)).isEqualTo(3.0);
    }

    private static WorkingDaysSummary summaryOf(double... workingDays) {
        WorkingDaysSummary summary = WorkingDaysSummary.empty();
        for (double days : workingDays) {
            summary = summary.add(days, null);
        }
        return summary;
    }

    @Test
    void aValueOnABucketEdgeBelongsToTheBucketItCloses() {
        // 3.6 hours is exactly 0.15 working days: it belongs to (0.10, 0.15], whatever binary rounding says.
        assertThat(WorkingDaysSummary.empty().add(0.15, null).quantile(0.5)).isEqualTo(0.15);
        assertThat(WorkingDaysSummary.empty().add(1.2, null).quantile(0.5)).isEqualTo(1.2);
        // A test on its 2-day target is reported at 2.0, not above it.
        assertThat(WorkingDaysSummary.empty().add(2.0, true).quantile(0.9)).isEqualTo(2.0);
    }
}
