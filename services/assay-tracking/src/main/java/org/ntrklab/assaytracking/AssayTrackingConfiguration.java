package org.ntrklab.assaytracking;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.ntrklab.assaytracking.tracking.AssayDesk;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.topics.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the assay desk into the Kafka Streams topology that Spring runs. */
@Configuration(proxyBeanMethods = false)
class AssayTrackingConfiguration {

    @Bean
    AssayDesk assayDesk(AssayTrackingProperties properties) {
        return new AssayDesk(properties.idleRetention());
    }

    @Bean
    AssayTrackingMetrics assayTrackingMetrics(MeterRegistry registry) {
        return new AssayTrackingMetrics(registry);
    }

    @Bean
    KStream<String, AssayStatusEvent> assayStatusEvents(StreamsBuilder builder, Topics topics, EventSerdes serdes,
            AssayDesk desk, AssayTrackingMetrics metrics, AssayTrackingProperties properties) {
        return AssayTrackingTopology.build(builder, topics, serdes, desk, metrics, properties.housekeepingInterval());
    }
}
