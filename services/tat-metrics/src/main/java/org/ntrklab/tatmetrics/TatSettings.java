package org.ntrklab.tatmetrics;

import java.time.Duration;

/**
 * How the service's own clock runs.
 *
 * @param checkInterval how often overdue work is looked for, finished cases evicted and gauges refreshed
 * @param clock WALL_CLOCK for a running lab; STREAM_TIME (the latest event time seen) for replays and
 *     simulations whose event times are not today's
 */
public record TatSettings(Duration checkInterval, Clock clock) {

    public enum Clock { WALL_CLOCK, STREAM_TIME }
}
