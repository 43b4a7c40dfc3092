package org.ntrklab.accessioning;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.ntrklab.accessioning.intake.AssaySpecimenCompatibility;
import org.ntrklab.accessioning.intake.SpecimenIntakeCheck;
import org.ntrklab.accessioning.ledger.AccessionDesk;
import org.ntrklab.accessioning.ledger.AccessionNumbers;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.topics.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the accession desk into the Kafka Streams topology that Spring runs. */
@Configuration(proxyBeanMethods = false)
class AccessioningConfiguration {

    @Bean
    AccessionDesk accessionDesk(AccessioningProperties properties) {
        AssaySpecimenCompatibility compatibility = AssaySpecimenCompatibility.defaults()
                .with(properties.assaySpecimenTypes());
        return new AccessionDesk(new SpecimenIntakeCheck(compatibility, properties.clockSkew()),
                new AccessionNumbers(properties.accessionPrefix()));
    }

    @Bean
    AccessioningMetrics accessioningMetrics(MeterRegistry registry) {
        return new AccessioningMetrics(registry);
    }

    @Bean
    KStream<String, AccessionEvent> accessionEvents(StreamsBuilder builder, Topics topics, EventSerdes serdes,
            AccessionDesk desk, AccessioningMetrics metrics, AccessioningProperties properties) {
        return AccessioningTopology.build(builder, topics, serdes, desk, metrics, properties.idleRetention(),
                properties.housekeepingInterval());
    }
}
