package org.ntrklab.assaytracking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Assay-tracking settings, under {@code ntrk.assay-tracking}.
 *
 * @param idleRetention how long a case whose orders are all finished is kept after its last change; a run
 *     event arriving after that is rejected as for an unknown order
 * @param housekeepingInterval how often finished cases are looked for
 */
@ConfigurationProperties("ntrk.assay-tracking")
public record AssayTrackingProperties(@DefaultValue("400d") Duration idleRetention,
        @DefaultValue("1h") Duration housekeepingInterval) {

    public AssayTrackingProperties {
        for (Duration d : new Duration[] {idleRetention, housekeepingInterval}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("ntrk.assay-tracking durations must be positive, got " + d);
            }
        }
    }
}
