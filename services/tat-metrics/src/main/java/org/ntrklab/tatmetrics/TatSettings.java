package org.ntrklab.tatmetrics;

import java.time.Duration;

/**
 * How the service's own clock runs.
 *
 * @param checkInterval how often overdue work is looked for, finished cases evicted and gauges refreshed
 * @param clock WALL_CLOCK for a running lab; STREAM_TIME (the latest event time, occurredAt, the task has
 *     seen) for replays and simulations whose event times are not today's
 * @param catchUpLag on the wall clock, input whose event time lies further behind than this means the
 *     service is catching up (first start on existing topics, after an outage): overdue flags wait, as the
 *     reports that finish those cases may not have been read yet
 * @param metricsWindow on the wall clock, measures that ended longer ago than this are written to the
 *     topic but not recorded in the Prometheus histograms, so that catching up on history does not read as
 *     today's turnaround
 */
public record TatSettings(Duration checkInterval, Clock clock, Duration catchUpLag, Duration metricsWindow) {

    public enum Clock { WALL_CLOCK, STREAM_TIME }

    /**
     * The lag's default, one hour: declared here once, as text, so that {@link TatProperties} can name it in
     * its {@code @DefaultValue} (which takes only constants) and the constructor below parses the same value.
     */
    public static final String DEFAULT_CATCH_UP_LAG = "PT1H";
    /** The window's default, seven days (see {@link #DEFAULT_CATCH_UP_LAG}). */
    public static final String DEFAULT_METRICS_WINDOW = "P7D";

    /** With the default lag and window. */
    public TatSettings(Duration checkInterval, Clock clock) {
        this(checkInterval, clock, Duration.parse(DEFAULT_CATCH_UP_LAG), Duration.parse(DEFAULT_METRICS_WINDOW));
    }
}
