package org.ntrklab.desk;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the desk finds the services it shows, under {@code ntrk.desk}.
 *
 * @param reportingUrl reporting's REST API
 * @param tatMetricsUrl tat-metrics' REST API (turnaround clocks, overdue flags)
 */
@ConfigurationProperties("ntrk.desk")
public record DeskProperties(@DefaultValue("http://localhost:8185") URI reportingUrl,
        @DefaultValue("http://localhost:8186") URI tatMetricsUrl) {
}
