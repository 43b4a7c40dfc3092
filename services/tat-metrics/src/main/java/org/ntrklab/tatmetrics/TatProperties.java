package org.ntrklab.tatmetrics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.ntrklab.events.AssayType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Turnaround settings, under {@code ntrk.tat}.
 *
 * @param zone the laboratory's time zone: working days begin and end at its midnight
 * @param holidays dates (yyyy-MM-dd) that are not working days
 * @param caseTargetWorkingDays receipt to final report; default 10 (CAP/IASLC/AMP 2018)
 * @param testTargetWorkingDays order to result per assay, replacing the defaults per assay
 * @param retention how long a finished case's timeline is kept (late events within it are still matched)
 * @param checkInterval how often overdue work is flagged, finished cases evicted and gauges refreshed
 * @param clock WALL_CLOCK, or STREAM_TIME for replays and simulations whose event times are not today's
 * @param catchUpLag input further behind the wall clock than this means catching up: overdue flags wait;
 *     default one hour ({@link TatSettings#DEFAULT_CATCH_UP_LAG})
 * @param metricsWindow measures that ended longer ago are not recorded in the Prometheus histograms; default
 *     seven days ({@link TatSettings#DEFAULT_METRICS_WINDOW})
 */
@ConfigurationProperties("ntrk.tat")
public record TatProperties(@DefaultValue("UTC") ZoneId zone, List<LocalDate> holidays, Double caseTargetWorkingDays,
        Map<AssayType, Double> testTargetWorkingDays, @DefaultValue("30d") Duration retention,
        @DefaultValue("1m") Duration checkInterval, @DefaultValue("WALL_CLOCK") TatSettings.Clock clock,
        @DefaultValue(TatSettings.DEFAULT_CATCH_UP_LAG) Duration catchUpLag,
        @DefaultValue(TatSettings.DEFAULT_METRICS_WINDOW) Duration metricsWindow) {

    public TatProperties {
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        testTargetWorkingDays = testTargetWorkingDays == null ? Map.of() : Map.copyOf(testTargetWorkingDays);
        if (retention.isNegative() || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("ntrk.tat.retention must not be negative and ntrk.tat.check-interval "
                    + "must be positive");
        }
    }
}
