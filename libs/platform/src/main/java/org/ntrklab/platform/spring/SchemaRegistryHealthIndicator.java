package org.ntrklab.platform.spring;

import org.ntrklab.platform.serde.SchemaDirectory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN while the schema registry does not answer: a record whose schema the service has not seen yet is
 * then neither read nor dead-lettered, but retried once the registry answers (see README "Bad input and
 * dead letters"). Asks the registry on each health check, so it turns UP as soon as the registry is back.
 * Not part of the liveness probe: restarting the service would not bring the registry back.
 */
class SchemaRegistryHealthIndicator implements HealthIndicator {

    private final SchemaDirectory directory;

    SchemaRegistryHealthIndicator(SchemaDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Health health() {
        if (directory.probe()) {
            return Health.up().build();
        }
        SchemaDirectory.Trouble trouble = directory.trouble();
        if (trouble == null) {
            return Health.up().build();
        }
        return Health.down()
                .withDetail("since", trouble.since().toString())
                .withDetail("problem", trouble.problem())
                .withDetail("records", "paused: retried when the registry answers again, not dead-lettered")
                .build();
    }
}
