package org.ntrklab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.serde.RegistrySettings;
import org.ntrklab.platform.serde.SchemaCatalogueRegistrar;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.schemas.EventEnvelopes;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;
import org.ntrklab.testkit.TopicRecords;

/**
 * Every event type of every topic goes through the real broker and the real registry and comes back
 * equal, in the Confluent wire format, with a schema id that the registry's Confluent-compatible API
 * resolves to the very schema the record was written with.
 */
class EventRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Topics topics;
    private static EventSerdes serdes;
    private static Map<String, Integer> registeredIds;

    @BeforeAll
    static void provisionTopics(TestInfo info) {
        SharedInfrastructure infra = SharedInfrastructure.get();
        topics = TestTopics.provision(TestNamespace.of(info), 3);
        RegistrySettings registry = RegistrySettings.of(infra.registryUrl(), infra.registryClientProperties());
        serdes = new EventSerdes(registry);
        registeredIds = new SchemaCatalogueRegistrar(registry).registerAll(topics);
    }

    @Test
    void everyPayloadTypeOfEveryTopicRoundTripsInConfluentWireFormat() throws Exception {
        assertThat(topics.all()).extracting(t -> t.valueType().getName())
                .containsExactlyInAnyOrderElementsOf(EventEnvelopes.ALL.stream().map(Schema::getFullName).toList());
        int checkedPayloadTypes = 0;
        for (TopicSpec<?> topic : topics.all()) {
            checkedPayloadTypes += roundTrip(topic);
        }
        // 2 + 2 + 3 + 2 + 3 + 2 + 3 + 3 + 3 + 2 payload types in the event catalogue (README, "Topics and events")
        assertThat(checkedPayloadTypes).isEqualTo(25);
    }

    private <V extends SpecificRecord> int roundTrip(TopicSpec<V> topic) throws Exception {
        Schema envelope = SpecificData.get().getSchema(topic.valueType());
        List<V> sent = new ArrayList<>();
        long seed = topic.name().hashCode();
        for (Schema payload : EventEnvelopes.payloadTypes(envelope)) {
            sent.add(RandomEvents.envelopeWith(envelope, payload, seed++));
        }
        Serde<V> serde = serdes.valueSerde(topic);
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(SharedInfrastructure.get().adminClientProperties(),
                topic.keySerde().serializer(), serde.serializer())) {
            for (V event : sent) {
                producer.send(new ProducerRecord<>(topic.name(), "key-" + sent.indexOf(event), event)).get();
            }
        }

        List<ConsumerRecord<byte[], byte[]>> received =
                TopicRecords.readCommitted(topic.name(), sent.size(), Duration.ofSeconds(30));
        assertThat(received).as("records read back from %s", topic.name()).hasSize(sent.size());

        List<V> decoded = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : received) {
            byte[] bytes = record.value();
            assertThat(bytes[0]).as("Confluent magic byte").isZero();
            int schemaId = ByteBuffer.wrap(bytes, 1, 4).getInt();
            assertThat(schemaId).as("the id registered at start-up, found again by the serializer")
                    .isEqualTo(registeredIds.get(topic.valueSubject()));
            assertThat(confluentSchema(schemaId)).as("schema behind id %d", schemaId).isEqualTo(envelope);
            V value = serde.deserializer().deserialize(topic.name(), record.headers(), bytes);
            assertThat(value).isInstanceOf(topic.valueType());
            decoded.add(value);
        }
        assertThat(decoded).containsExactlyInAnyOrderElementsOf(sent);
        return sent.size();
    }

    private static Schema confluentSchema(int id) throws Exception {
        String url = SharedInfrastructure.get().confluentCompatibleRegistryUrl() + "/schemas/ids/" + id;
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        return new Schema.Parser().parse(body.get("schema").asText());
    }
}
