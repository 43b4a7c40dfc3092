package org.ntrklab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.CancellationReason;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.SharedIdentity;
import org.ntrklab.platform.serde.RegistrySettings;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;
import org.ntrklab.testkit.TopicRecords;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A minimal Spring Boot service on the platform, as every lab service is built: topics are created at
 * start-up, the Streams application runs exactly-once and survives a poison pill, and Prometheus gets
 * Kafka client, Kafka Streams and dead-letter metrics while the actuator shows nothing else.
 */
@SpringBootTest(classes = PlatformWiringTest.SpecimenCounter.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlatformWiringTest {

    private static final TestNamespace NS = TestNamespace.create("platform-wiring");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure infra = SharedInfrastructure.get();
        registry.add("spring.kafka.bootstrap-servers", infra::bootstrapServers);
        // A made-up service with no entry in the access policy: it signs in as the super user.
        infra.adminClientProperties().forEach((k, v) -> {
            if (!"bootstrap.servers".equals(k)) {
                registry.add("spring.kafka.properties." + k, () -> String.valueOf(v));
            }
        });
        registry.add("ntrk.registry.url", infra::registryUrl);
        Map<String, String> registryClient = infra.registryClientProperties();
        registry.add("ntrk.registry.auth.token-url", () -> registryClient.get(RegistrySettings.TOKEN_URL));
        registry.add("ntrk.registry.auth.client-id", () -> registryClient.get(RegistrySettings.CLIENT_ID));
        registry.add("ntrk.registry.auth.client-secret", () -> registryClient.get(RegistrySettings.CLIENT_SECRET));
        registry.add("ntrk.service-name", NS::applicationId);
        registry.add("ntrk.topics.prefix", NS::topicPrefix);
        registry.add("ntrk.topics.partitions", () -> "2");
        registry.add("ntrk.streams.state-dir", () -> NS.stateDir().toString());
        // Lets the last step of the test find out quickly that a dead letter cannot be written.
        registry.add("ntrk.streams.properties.max.block.ms", () -> "3000");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> SharedIdentity.get().issuerUri());
    }

    /** The smallest service: counts the specimen events it reads. */
    @SpringBootApplication
    @EnableKafkaStreams
    static class SpecimenCounter {
        static final AtomicInteger SEEN = new AtomicInteger();

        @Bean
        KStream<String, SpecimenEvent> countSpecimens(StreamsBuilder builder, Topics topics, EventSerdes serdes) {
            TopicSpec<SpecimenEvent> lims = topics.limsSpecimenEvents();
            KStream<String, SpecimenEvent> stream =
                    builder.stream(lims.name(), Consumed.with(lims.keySerde(), serdes.valueSerde(lims)));
            stream.foreach((key, event) -> SEEN.incrementAndGet());
            return stream;
        }
    }

    @Autowired
    Topics topics;
    @Autowired
    EventSerdes serdes;
    @Autowired
    StreamsBuilderFactoryBean streams;
    @LocalServerPort
    int port;


    @Test
    void aServiceOnThePlatformCreatesItsTopicsRunsExactlyOnceAndExposesKafkaMetrics() throws Exception {
        try (Admin admin = TestTopics.admin()) {
            Set<String> existing = admin.listTopics().names().get();
            for (TopicSpec<?> topic : topics.all()) {
                assertThat(existing).contains(topic.name(), topic.deadLetterTopic());
            }
            assertThat(existing).contains(Topics.serviceDeadLetterTopic(NS.applicationId()));
        }
        HttpResponse<String> limsSchema = HTTP.send(HttpRequest.newBuilder(URI.create(
                SharedInfrastructure.get().confluentCompatibleRegistryUrl() + "/subjects/"
                        + topics.limsSpecimenEvents().valueSubject() + "/versions/latest")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(limsSchema.statusCode()).as("an external producer finds the LIMS schema before anyone wrote")
                .isEqualTo(200);
        assertThat(streams.getStreamsConfiguration())
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, NS.applicationId());

        TopicSpec<SpecimenEvent> lims = topics.limsSpecimenEvents();
        TopicRecords.sendRaw(lims.name(), "SP-9".getBytes(), "garbage".getBytes(StandardCharsets.UTF_8));
        TopicRecords.sendRaw(lims.name(), "SP-9".getBytes(),
                serdes.valueSerde(lims).serializer().serialize(lims.name(),
                        LabEvents.cancelled("SP-9", "O-9", CancellationReason.ORDER_WITHDRAWN)));
        assertThat(TopicRecords.readCommitted(lims.deadLetterTopic(), 1, Duration.ofSeconds(60))).hasSize(1);
        awaitTrue(() -> SpecimenCounter.SEEN.get() >= 1);
        assertThat(SpecimenCounter.SEEN.get()).isEqualTo(1);
        assertThat(streams.getKafkaStreams().state()).isEqualTo(KafkaStreams.State.RUNNING);

        // Health is open to the probes; metrics need a monitoring token; anything else in the actuator an operator's.
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", SharedIdentity.get().token(LabAccounts.LAB_READER)).statusCode())
                .isEqualTo(403);
        String metrics = get("/actuator/prometheus", SharedIdentity.get().token(LabAccounts.MONITORING)).body();
        assertThat(metrics)
                .contains("kafka_stream_thread_")
                .contains("kafka_consumer_")
                .contains("kafka_producer_")
                .containsPattern("ntrk_dead_letters_total\\{[^}]*stage=\"DESERIALIZATION\"[^}]*topic=\""
                        + java.util.regex.Pattern.quote(lims.name()) + "\"[^}]*} 1.0")
                .contains("application=\"" + NS.applicationId() + "\"");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health").body()).contains("\"schemaRegistry\":{\"status\":\"UP\"}");
        // The registry away is not bad data: health shows it, liveness does not restart the service.
        SharedInfrastructure.get().stopRegistry();
        try {
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"schemaRegistry\":{\"status\":\"DOWN\"}");
            assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            SharedInfrastructure.get().startRegistry();
        }
        assertThat(get("/actuator/health").body()).contains("\"schemaRegistry\":{\"status\":\"UP\"}");
        String operator = SharedIdentity.get().token(LabAccounts.OPERATOR);
        assertThat(get("/actuator/env").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/env", operator).statusCode()).isEqualTo(404);
        assertThat(get("/actuator/configprops", operator).statusCode()).isEqualTo(404);

        // When a dead letter cannot be written, the service stops instead of skipping the record, and
        // says so: liveness goes DOWN so the orchestrator restarts it.
        try (Admin admin = TestTopics.admin()) {
            admin.deleteTopics(List.of(lims.deadLetterTopic())).all().get();
        }
        TopicRecords.sendRaw(lims.name(), "SP-10".getBytes(), "more garbage".getBytes(StandardCharsets.UTF_8));
        awaitTrue(() -> streams.getKafkaStreams().state() == KafkaStreams.State.ERROR);
        assertThat(streams.getKafkaStreams().state()).isEqualTo(KafkaStreams.State.ERROR);
        HttpResponse<String> liveness = get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).as(liveness.body() + " / " + get("/actuator/health").body()).isEqualTo(503);
        assertThat(get("/actuator/health").body()).contains("\"status\":\"DOWN\"");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Without a token, as the orchestrator's probes ask. */
    private HttpResponse<String> get(String path) throws Exception {
        return get(path, null);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
