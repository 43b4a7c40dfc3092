package org.ntrklab.tatmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The settings as the service binds them: the defaults, and the lab's values over them. */
class TatPropertiesTest {

    @Test
    void unsetTheLagAndTheWindowAreOneHourAndSevenDaysAsForTheTopologysOwnDefaults() {
        TatProperties bound = bind(Map.of());
        assertThat(bound.catchUpLag()).isEqualTo(Duration.ofHours(1));
        assertThat(bound.metricsWindow()).isEqualTo(Duration.ofDays(7));
        TatSettings defaults = new TatSettings(bound.checkInterval(), bound.clock());
        assertThat(defaults.catchUpLag()).isEqualTo(bound.catchUpLag());
        assertThat(defaults.metricsWindow()).isEqualTo(bound.metricsWindow());
    }

    @Test
    void theLabsValuesReplaceTheDefaults() {
        TatProperties bound = bind(Map.of("ntrk.tat.catch-up-lag", "30m", "ntrk.tat.metrics-window", "2d"));
        assertThat(bound.catchUpLag()).isEqualTo(Duration.ofMinutes(30));
        assertThat(bound.metricsWindow()).isEqualTo(Duration.ofDays(2));
    }

    private static TatProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("ntrk.tat", TatProperties.class);
    }
}
