package org.ntrklab.sampleqc;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.sampleqc.evaluation.QcDesk;
import org.ntrklab.sampleqc.evaluation.QcEvaluator;
import org.ntrklab.sampleqc.rules.QcRuleTable;
import org.ntrklab.sampleqc.rules.QcRuleTableLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the QC rule table and wires the QC desk into the Kafka Streams topology that Spring runs. */
@Configuration(proxyBeanMethods = false)
class SampleQcConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SampleQcConfiguration.class);

    @Bean
    QcRuleTable qcRuleTable(SampleQcProperties properties) throws IOException {
        String location = properties.ruleTable().getDescription();
        if (!properties.ruleTable().exists()) {
            throw new IllegalStateException("QC rule table not found: " + location
                    + " (set ntrk.sample-qc.rule-table to the lab's table)");
        }
        QcRuleTable table = QcRuleTableLoader.load(properties.ruleTable().getInputStream(), location);
        log.info("QC rule table {} version {} with {} rules", location, table.version(), table.rules().size());
        return table;
    }

    @Bean
    QcDesk qcDesk(QcRuleTable table, SampleQcProperties properties) {
        return new QcDesk(new QcEvaluator(table), properties.orphanTimeout(), properties.idleRetention());
    }

    @Bean
    SampleQcMetrics sampleQcMetrics(MeterRegistry registry) {
        return new SampleQcMetrics(registry);
    }

    @Bean
    KStream<String, QcDecisionEvent> qcDecisionEvents(StreamsBuilder builder, Topics topics, EventSerdes serdes,
            QcDesk desk, SampleQcMetrics metrics, SampleQcProperties properties) {
        return SampleQcTopology.build(builder, topics, serdes, desk, metrics, properties.housekeepingInterval());
    }
}
