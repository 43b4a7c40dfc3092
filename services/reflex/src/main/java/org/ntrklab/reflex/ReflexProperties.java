package org.ntrklab.reflex;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Reflex settings, under {@code ntrk.reflex}.
 *
 * @param ruleTable the reflex rule table (YAML): tumour-type routes with their sources, paediatric age,
 *     chain depth and retest policy; the lab's own validated copy, e.g. {@code file:/etc/ntrk/reflex-rules.yml}
 * @param idleRetention how long a settled case is kept after its last change; orders stay on the topic
 * @param housekeepingInterval how often settled cases are looked for
 */
@ConfigurationProperties("ntrk.reflex")
public record ReflexProperties(@DefaultValue("classpath:reflex-rules-default.yml") Resource ruleTable,
        @DefaultValue("400d") Duration idleRetention, @DefaultValue("1h") Duration housekeepingInterval) {

    public ReflexProperties {
        for (Duration d : new Duration[] {idleRetention, housekeepingInterval}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("ntrk.reflex durations must be positive, got " + d);
            }
        }
    }
}
