package org.ntrklab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.events.CancellationReason;
import org.ntrklab.events.SpecimenCancelled;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.platform.deadletter.DeadLetterHeaders;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.serde.RegistrySettings;
import org.ntrklab.platform.streams.StreamsDefaults;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;
import org.ntrklab.testkit.TopicRecords;

/**
 * A Kafka Streams service under exactly_once_v2 with the platform defaults: unreadable records and
 * records whose processing throws land on the input topic's dead-letter topic, unchanged and with the
 * dead-letter headers, and the records after them are still processed.
 */
class StreamsDeadLetterTest {

    @Test
    void poisonPillsAreDeadLetteredAndTheNextGoodRecordIsStillProcessed(TestInfo info) throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        TestNamespace ns = TestNamespace.of(info);
        String output = ns.topic("processed-specimens");
        Topics topics = TestTopics.provision(ns, 2, output);
        TopicSpec<SpecimenEvent> input = topics.limsSpecimenEvents();
        EventSerdes serdes = new EventSerdes(RegistrySettings.of(infra.registryUrl(), infra.registryClientProperties()));
        Serde<SpecimenEvent> serde = serdes.valueSerde(input);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input.name(), Consumed.with(input.keySerde(), serde))
                .mapValues(event -> {
                    if (event.getPayload() instanceof SpecimenCancelled c && c.getOrderId().equals("ORD-REFUSED")) {
                        throw new IllegalArgumentException("refused by the test processor");
                    }
                    return event.getSpecimenId();
                })
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        Map<String, Object> config = StreamsDefaults.properties(ns.applicationId(), infra.bootstrapServers(),
                ns.stateDir(), 1, infra.adminClientProperties());
        assertThat(config).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        Properties props = new Properties();
        props.putAll(config);

        byte[] key = "SP-1".getBytes(StandardCharsets.UTF_8);
        byte[] randomBytes = "\u0007 this is not Avro at all \u0000\u00ff".getBytes(StandardCharsets.UTF_8);
        byte[] unknownSchemaId = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
        TopicRecords.sendRaw(input.name(), key, serde.serializer().serialize(input.name(),
                LabEvents.cancelled("SP-GOOD-1", "ORD-1", CancellationReason.ORDER_WITHDRAWN)));
        TopicRecords.sendRaw(input.name(), key, randomBytes);
        TopicRecords.sendRaw(input.name(), key, unknownSchemaId);
        TopicRecords.sendRaw(input.name(), key, serde.serializer().serialize(input.name(),
                LabEvents.cancelled("SP-THROWS", "ORD-REFUSED", CancellationReason.ORDER_WITHDRAWN)));
        TopicRecords.sendRaw(input.name(), key, serde.serializer().serialize(input.name(),
                LabEvents.cancelled("SP-GOOD-2", "ORD-2", CancellationReason.ORDER_WITHDRAWN)));

        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            List<ConsumerRecord<byte[], byte[]>> processed = TopicRecords.readCommitted(output, 2, Duration.ofSeconds(60));
            List<ConsumerRecord<byte[], byte[]>> deadLetters =
                    TopicRecords.readCommitted(input.deadLetterTopic(), 3, Duration.ofSeconds(30));

            assertThat(processed).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly("SP-GOOD-1", "SP-GOOD-2");
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);

            assertThat(deadLetters).hasSize(3);
            ConsumerRecord<byte[], byte[]> pill = deadLetters.get(0);
            assertThat(pill.value()).isEqualTo(randomBytes);
            assertThat(pill.key()).isEqualTo(key);
            assertThat(header(pill, DeadLetterHeaders.STAGE)).isEqualTo("DESERIALIZATION");
            assertThat(header(pill, DeadLetterHeaders.ORIGIN_TOPIC)).isEqualTo(input.name());
            assertThat(header(pill, DeadLetterHeaders.ORIGIN_OFFSET)).isEqualTo("1");
            assertThat(header(pill, DeadLetterHeaders.ORIGIN_PARTITION)).isEqualTo(String.valueOf(pill.partition()));
            assertThat(header(pill, DeadLetterHeaders.EXCEPTION_CLASS)).isNotBlank();
            assertThat(header(pill, DeadLetterHeaders.EXCEPTION_MESSAGE)).isNotBlank();
            assertThat(header(pill, DeadLetterHeaders.SERVICE)).isEqualTo(ns.applicationId());
            assertThat(header(pill, DeadLetterHeaders.REASON)).isEqualTo("NOT_REGISTRY_FRAMED");

            ConsumerRecord<byte[], byte[]> unknownId = deadLetters.get(1);
            assertThat(unknownId.value()).isEqualTo(unknownSchemaId);
            assertThat(header(unknownId, DeadLetterHeaders.STAGE)).isEqualTo("DESERIALIZATION");
            assertThat(header(unknownId, DeadLetterHeaders.ORIGIN_OFFSET)).isEqualTo("2");
            assertThat(header(unknownId, DeadLetterHeaders.REASON)).isEqualTo("UNKNOWN_SCHEMA_ID");

            ConsumerRecord<byte[], byte[]> refused = deadLetters.get(2);
            assertThat(header(refused, DeadLetterHeaders.STAGE)).isEqualTo("PROCESSING");
            assertThat(header(refused, DeadLetterHeaders.ORIGIN_OFFSET)).isEqualTo("3");
            assertThat(header(refused, DeadLetterHeaders.EXCEPTION_CLASS))
                    .isEqualTo(IllegalArgumentException.class.getName());
            assertThat(header(refused, DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("refused by the test processor");
            assertThat(header(refused, DeadLetterHeaders.REASON)).isEqualTo("PROCESSING_FAILURE");
            assertThat(serde.deserializer().deserialize(input.name(), refused.value()).getSpecimenId())
                    .isEqualTo("SP-THROWS");
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return DeadLetterHeaders.get(record.headers(), name);
    }
}
