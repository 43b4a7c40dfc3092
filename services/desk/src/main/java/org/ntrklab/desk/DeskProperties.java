package org.ntrklab.desk;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the desk finds the services it shows, under {@code ntrk.desk}.
 *
 * @param reportingUrl reporting's REST API: the worklist, the reports, sign-out and corrections
 * @param tatMetricsUrl tat-metrics' REST API: each case's turnaround clock and overdue flag
 * @param worklistRefresh how often an open worklist asks for new drafts
 * @param serviceTimeout how long the desk waits for a service's answer before saying it is unavailable
 * @param idleSignOut a desk not used for this long (pages that refresh themselves do not count) is signed
 *     out, here and at the identity provider, so that a screen left open cannot be used to sign
 * @param loopbackAddress a desk on the person's own machine: a page asked for at {@code localhost} is sent to
 *     {@code 127.0.0.1}, the only loopback name an identity provider accepts at any port (RFC 8252 7.3)
 */
@ConfigurationProperties("ntrk.desk")
public record DeskProperties(@DefaultValue("http://localhost:8185") URI reportingUrl,
        @DefaultValue("http://localhost:8186") URI tatMetricsUrl,
        @DefaultValue("10s") Duration worklistRefresh,
        @DefaultValue("10s") Duration serviceTimeout,
        @DefaultValue("30m") Duration idleSignOut,
        @DefaultValue("false") boolean loopbackAddress) {

    public DeskProperties {
        if (worklistRefresh.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ntrk.desk.worklist-refresh must be at least 1s");
        }
        if (idleSignOut.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("ntrk.desk.idle-sign-out must be at least 1m");
        }
    }
}
