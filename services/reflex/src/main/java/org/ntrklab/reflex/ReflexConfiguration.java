package org.ntrklab.reflex;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.reflex.plan.ReflexDesk;
import org.ntrklab.reflex.plan.ReflexPolicy;
import org.ntrklab.reflex.rules.ReflexRuleTable;
import org.ntrklab.reflex.rules.ReflexRuleTableLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the reflex rule table and wires the reflex desk into the Kafka Streams topology that Spring runs. */
@Configuration(proxyBeanMethods = false)
class ReflexConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReflexConfiguration.class);

    @Bean
    ReflexRuleTable reflexRuleTable(ReflexProperties properties) throws IOException {
        String location = properties.ruleTable().getDescription();
        if (!properties.ruleTable().exists()) {
            throw new IllegalStateException("Reflex rule table not found: " + location
                    + " (set ntrk.reflex.rule-table to the lab's table)");
        }
        ReflexRuleTable table = ReflexRuleTableLoader.load(properties.ruleTable().getInputStream(), location);
        log.info("Reflex rule table {} version {}: {} tumour types, paediatric below {}, chain depth {}", location,
                table.version(), table.tumourTypes().size(), table.paediatricAgeBelow(), table.maxChainDepth());
        return table;
    }

    @Bean
    ReflexDesk reflexDesk(ReflexRuleTable table, ReflexProperties properties) {
        return new ReflexDesk(new ReflexPolicy(table), properties.idleRetention());
    }

    @Bean
    ReflexMetrics reflexMetrics(MeterRegistry registry) {
        return new ReflexMetrics(registry);
    }

    @Bean
    KStream<String, AssayOrderEvent> assayOrderEvents(StreamsBuilder builder, Topics topics, EventSerdes serdes,
            ReflexDesk desk, ReflexMetrics metrics, ReflexProperties properties) {
        return ReflexTopology.build(builder, topics, serdes, desk, metrics, properties.housekeepingInterval());
    }
}
