package org.ntrklab.reporting;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.reporting.export.FhirReportExporter;
import org.ntrklab.reporting.export.Hl7v2ReportExporter;
import org.ntrklab.reporting.report.ReportDesk;
import org.ntrklab.reporting.report.ReportInterpreter;
import org.ntrklab.reporting.web.CommandClock;
import org.ntrklab.reporting.web.ReportCommandPublisher;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the report desk into the Kafka Streams topology that Spring runs, and the REST side's helpers. */
@Configuration(proxyBeanMethods = false)
class ReportingConfiguration {

    @Bean
    ReportDesk reportDesk(ReportingProperties properties) {
        return new ReportDesk(new ReportInterpreter(), properties.autoSignOut(), properties.autoSignOutBy(),
                properties.idleRetention());
    }

    @Bean
    ReportingMetrics reportingMetrics(MeterRegistry registry) {
        return new ReportingMetrics(registry);
    }

    @Bean
    KStream<String, ReportEvent> reportEvents(StreamsBuilder builder, Topics topics, EventSerdes serdes,
            ReportDesk desk, ReportingMetrics metrics, ReportingProperties properties) {
        return ReportingTopology.build(builder, topics, serdes, desk, metrics, properties.housekeepingInterval());
    }

    @Bean
    ReportCommandPublisher reportCommandPublisher(Topics topics, EventSerdes serdes, KafkaProperties kafkaProperties,
            KafkaConnectionDetails connection) {
        return new ReportCommandPublisher(topics.reportCommands(), serdes, kafkaProperties.buildProducerProperties(),
                connection.getProducer().getBootstrapServers());
    }

    @Bean
    CommandClock commandClock(ReportingProperties properties) {
        return new CommandClock(properties.simulatedTime());
    }

    @Bean
    FhirReportExporter fhirReportExporter() {
        return new FhirReportExporter();
    }

    @Bean
    Hl7v2ReportExporter hl7v2ReportExporter(ReportingProperties properties) {
        ReportingProperties.Hl7 hl7 = properties.hl7();
        return new Hl7v2ReportExporter(hl7.sendingApplication(), hl7.sendingFacility(), hl7.receivingApplication(),
                hl7.receivingFacility());
    }
}
