package org.ntrklab.tatmetrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.ntrklab.events.TurnaroundEvent;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.tatmetrics.calendar.LabCalendar;
import org.ntrklab.tatmetrics.timeline.TatClerk;
import org.ntrklab.tatmetrics.timeline.TurnaroundTargets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the lab calendar, the targets and the clerk into the Kafka Streams topology that Spring runs. */
@Configuration(proxyBeanMethods = false)
class TatConfiguration {

    @Bean
    TurnaroundTargets turnaroundTargets(TatProperties properties) {
        return TurnaroundTargets.defaults().with(properties.caseTargetWorkingDays(), properties.testTargetWorkingDays());
    }

    @Bean
    TatClerk tatClerk(TatProperties properties, TurnaroundTargets targets) {
        return new TatClerk(new LabCalendar(properties.zone(), new HashSet<>(properties.holidays())), targets,
                properties.retention());
    }

    @Bean
    TatSettings tatSettings(TatProperties properties) {
        return new TatSettings(properties.checkInterval(), properties.clock(), properties.catchUpLag(),
                properties.metricsWindow());
    }

    @Bean
    TatMetrics tatMetrics(MeterRegistry registry, TurnaroundTargets targets) {
        return new TatMetrics(registry, targets);
    }

    @Bean
    KStream<String, TurnaroundEvent> turnaroundEvents(StreamsBuilder builder, Topics topics, EventSerdes serdes,
            TatClerk clerk, TatMetrics metrics, TatSettings settings) {
        return TatTopology.build(builder, topics, serdes, clerk, metrics, settings);
    }
}
