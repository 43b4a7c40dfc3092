package org.ntrklab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.events.CancellationReason;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.serde.RegistrySettings;
import org.ntrklab.platform.streams.StreamsDefaults;
import org.ntrklab.platform.streams.StreamsFailurePolicy;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;
import org.ntrklab.testkit.TopicRecords;

/**
 * Good records that cannot be read only because the registry is down are not dead-lettered: the
 * service waits, retries, and processes them in order once the registry is back.
 */
class StreamsRegistryOutageTest {

    @Test
    void recordsArrivingDuringARegistryOutageAreProcessedInOrderAfterItAndNeverDeadLettered(TestInfo info)
            throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        TestNamespace ns = TestNamespace.of(info);
        String output = ns.topic("processed");
        Topics topics = TestTopics.provision(ns, 1, output);
        TopicSpec<SpecimenEvent> input = topics.limsSpecimenEvents();
        Serde<SpecimenEvent> writer = new EventSerdes(RegistrySettings.of(infra.registryUrl(), infra.registryClientProperties())).valueSerde(input);
        for (String specimen : List.of("SP-A", "SP-B", "SP-C")) {
            TopicRecords.sendRaw(input.name(), specimen.getBytes(StandardCharsets.UTF_8),
                    writer.serializer().serialize(input.name(),
                            LabEvents.cancelled(specimen, "ORD-" + specimen, CancellationReason.ORDER_WITHDRAWN)));
        }

        infra.stopRegistry();
        try {
            // A service that starts now has no cached schemas: it cannot read anything yet.
            Serde<SpecimenEvent> reader = new EventSerdes(RegistrySettings.of(infra.registryUrl(), infra.registryClientProperties())).valueSerde(input);
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(input.name(), Consumed.with(input.keySerde(), reader))
                    .mapValues(SpecimenEvent::getSpecimenId)
                    .to(output, Produced.with(Serdes.String(), Serdes.String()));
            Properties props = new Properties();
            props.putAll(StreamsDefaults.properties(ns.applicationId(), infra.bootstrapServers(), ns.stateDir(), 1,
                    infra.adminClientProperties()));
            try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
                streams.setUncaughtExceptionHandler(new StreamsFailurePolicy(Duration.ofSeconds(1)));
                streams.start();

                assertThat(TopicRecords.readCommitted(output, 1, Duration.ofSeconds(8))).isEmpty();
                assertThat(TopicRecords.readCommitted(input.deadLetterTopic(), 1, Duration.ofSeconds(1))).isEmpty();

                infra.startRegistry();

                assertThat(TopicRecords.readCommitted(output, 3, Duration.ofSeconds(90)))
                        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                        .containsExactly("SP-A", "SP-B", "SP-C");
                assertThat(TopicRecords.readCommitted(input.deadLetterTopic(), 1, Duration.ofSeconds(2))).isEmpty();
                assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
        } finally {
            infra.startRegistry();
        }
    }
}
