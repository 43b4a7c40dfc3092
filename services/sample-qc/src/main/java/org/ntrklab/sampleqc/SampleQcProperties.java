package org.ntrklab.sampleqc;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Sample-QC settings, under {@code ntrk.sample-qc}.
 *
 * @param ruleTable the QC rule table (YAML); the lab's own validated copy, e.g. {@code file:/etc/ntrk/qc-rules.yml}
 * @param orphanTimeout how long a measurement waits for its accession before it is rejected as for an
 *     unknown accession
 * @param idleRetention how long a case's QC state is kept after its last input; decisions stay on the
 *     topic, and a measurement arriving after that waits for an accession like any unknown one
 * @param housekeepingInterval how often orphan measurements and idle cases are looked for
 */
@ConfigurationProperties("ntrk.sample-qc")
public record SampleQcProperties(@DefaultValue("classpath:qc-rules-default.yml") Resource ruleTable,
        @DefaultValue("7d") Duration orphanTimeout, @DefaultValue("400d") Duration idleRetention,
        @DefaultValue("10m") Duration housekeepingInterval) {

    public SampleQcProperties {
        for (Duration d : new Duration[] {orphanTimeout, idleRetention, housekeepingInterval}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("ntrk.sample-qc durations must be positive, got " + d);
            }
        }
    }
}
