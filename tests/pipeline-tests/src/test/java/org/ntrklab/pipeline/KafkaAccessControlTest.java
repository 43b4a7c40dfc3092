package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntrklab.infra.KafkaCredentials;
import org.ntrklab.platform.access.KafkaAccessPolicy;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.testkit.ServiceAccounts;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;

/**
 * The broker's access control, principal by principal, on the real broker with the ACLs the access
 * policy generates from the topic catalogue: nobody without credentials or with a wrong password gets in;
 * every {@code ntrk.*} topic and lab.report-commands refuses a write from every principal but its one writer
 * (one denied write proven per topic and principal), while the writer's own write succeeds; the LIMS, the
 * bench and the instruments write only their own topic; a report consumer only reads ntrk.reports; only
 * the operator reads dead letters; nobody but the administrator creates or deletes topics.
 */
class KafkaAccessControlTest {

    private static final int PARTITIONS = 1;
    private static final byte[] FORGED = "forged".getBytes(StandardCharsets.UTF_8);

    private static TestNamespace ns;
    private static Topics topics;
    private static KafkaAccessPolicy policy;
    /** Principal name → its producer (not idempotent, so that a refusal concerns only the topic). */
    private static final Map<String, KafkaProducer<byte[], byte[]>> PRODUCERS = new LinkedHashMap<>();
    /** The writer's principal of each topic the services own. */
    private static final Map<String, String> WRITER = new HashMap<>();

    @BeforeAll
    static void principals() {
        ns = TestNamespace.create("kafka-access-control");
        topics = ServiceAccounts.catalogue(ns, PARTITIONS);
        policy = new KafkaAccessPolicy(topics);
        ServiceAccounts.createTopics(topics, List.of());
        for (String service : KafkaAccessPolicy.SERVICES) {
            String principal = principal(service);
            ServiceAccounts.createTopics(topics, List.of(topics.newServiceDeadLetterTopic(principal)));
            PRODUCERS.put(principal, producer(ServiceAccounts.grant(principal,
                    policy.service(service, principal, principal))));
            policy.outputs(service).forEach(t -> WRITER.put(t.name(), principal));
        }
        grant(KafkaAccessPolicy.LIMS, policy.lims(principal(KafkaAccessPolicy.LIMS)));
        grant(KafkaAccessPolicy.BENCH, policy.bench(principal(KafkaAccessPolicy.BENCH)));
        grant(KafkaAccessPolicy.INSTRUMENTS, policy.instruments(principal(KafkaAccessPolicy.INSTRUMENTS)));
        grant(KafkaAccessPolicy.REPORT_CONSUMER, policy.reportConsumer(principal(KafkaAccessPolicy.REPORT_CONSUMER)));
        grant(KafkaAccessPolicy.OPERATOR, policy.operator(principal(KafkaAccessPolicy.OPERATOR)));
        grant(KafkaAccessPolicy.SIMULATOR, policy.simulator(principal(KafkaAccessPolicy.SIMULATOR)));
        // Authenticated, but granted nothing at all.
        grant("stranger", List.of());
    }

    @AfterAll
    static void close() {
        PRODUCERS.values().forEach(KafkaProducer::close);
    }

    @Test
    void everyServiceOwnedTopicRefusesAWriteFromEveryPrincipalButItsWriter() {
        List<String> checked = new ArrayList<>();
        for (TopicSpec<?> topic : topics.all()) {
            if (!topic.name().startsWith(ns.topic("ntrk.")) && topic != topics.reportCommands()) {
                continue;
            }
            String writer = WRITER.get(topic.name());
            assertThat(writer).as("the writer of %s", topic.name()).isNotNull();
            for (var e : PRODUCERS.entrySet()) {
                if (e.getKey().equals(writer)) {
                    continue;
                }
                assertThatThrownBy(() -> e.getValue().send(new ProducerRecord<>(topic.name(), FORGED, FORGED)).get())
                        .as("%s writing %s", e.getKey(), topic.name())
                        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicAuthorizationException.class);
                checked.add(topic.name());
            }
        }
        assertThat(checked).as("ntrk.accessions … ntrk.turnaround and lab.report-commands, by each other principal")
                .hasSize(7 * (PRODUCERS.size() - 1));
    }

    @Test
    void eachWriterItselfMayWriteItsTopic() throws Exception {
        for (var writer : WRITER.entrySet()) {
            assertThat(PRODUCERS.get(writer.getValue()).send(new ProducerRecord<>(writer.getKey(), FORGED, FORGED))
                    .get().topic()).isEqualTo(writer.getKey());
        }
        assertThat(send(KafkaAccessPolicy.LIMS, topics.limsSpecimenEvents())).isTrue();
        assertThat(send(KafkaAccessPolicy.BENCH, topics.qcMeasurements())).isTrue();
        assertThat(send(KafkaAccessPolicy.INSTRUMENTS, topics.assayRuns())).isTrue();
    }

    @Test
    void theLimsTheBenchAndTheInstrumentsWriteOnlyTheirOwnTopic() {
        List<TopicSpec<?>> external = List.of(topics.limsSpecimenEvents(), topics.qcMeasurements(), topics.assayRuns());
        Map<String, TopicSpec<?>> own = Map.of(KafkaAccessPolicy.LIMS, topics.limsSpecimenEvents(),
                KafkaAccessPolicy.BENCH, topics.qcMeasurements(), KafkaAccessPolicy.INSTRUMENTS, topics.assayRuns());
        own.forEach((system, mine) -> external.stream().filter(t -> t != mine)
                .forEach(other -> assertThat(send(system, other)).as("%s writing %s", system, other.name()).isFalse()));
        for (String reader : List.of(KafkaAccessPolicy.REPORT_CONSUMER, "stranger")) {
            external.forEach(t -> assertThat(send(reader, t)).as("%s writing %s", reader, t.name()).isFalse());
        }
    }

    @Test
    void aReportConsumerReadsFinalReportsAndNothingElse() {
        String consumer = principal(KafkaAccessPolicy.REPORT_CONSUMER);
        assertThat(canRead(consumer, topics.reports().name(), consumer + "-reporting-system")).isTrue();
        assertThat(canRead(consumer, topics.accessions().name(), consumer + "-reporting-system")).isFalse();
        assertThat(canRead(consumer, topics.reports().deadLetterTopic(), consumer + "-reporting-system")).isFalse();
        assertThat(canRead(principal("stranger"), topics.reports().name(), principal("stranger"))).isFalse();
    }

    @Test
    void onlyTheOperatorReadsDeadLetters() {
        String dlt = topics.limsSpecimenEvents().deadLetterTopic();
        assertThat(canRead(principal(KafkaAccessPolicy.OPERATOR), dlt, null)).isTrue();
        for (String other : List.of(principal(KafkaAccessPolicy.ACCESSIONING), principal(KafkaAccessPolicy.LIMS),
                principal(KafkaAccessPolicy.REPORT_CONSUMER), principal(KafkaAccessPolicy.SIMULATOR))) {
            assertThat(canRead(other, dlt, null)).as("%s reading %s", other, dlt).isFalse();
        }
        // Re-driving the LIMS's dead letters means writing the LIMS topic; never a services' topic.
        assertThat(send(KafkaAccessPolicy.OPERATOR, topics.limsSpecimenEvents())).isTrue();
        assertThat(send(KafkaAccessPolicy.OPERATOR, topics.reports())).isFalse();
    }

    @Test
    void noPrincipalButTheAdministratorCreatesOrDeletesTopics() {
        for (String principal : List.of(principal(KafkaAccessPolicy.LIMS), principal(KafkaAccessPolicy.REPORTING),
                principal(KafkaAccessPolicy.OPERATOR))) {
            try (Admin admin = Admin.create(SharedInfrastructure.get().clientProperties(principal))) {
                assertThatThrownBy(() -> admin.deleteTopics(List.of(topics.reports().name())).all().get())
                        .as("%s deleting ntrk.reports", principal).cause().isInstanceOf(AuthorizationException.class);
                assertThatThrownBy(() -> admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(
                        ns.topic("ntrk.shadow-reports"), 1, (short) 1))).all().get())
                        .as("%s creating a topic", principal).cause().isInstanceOf(AuthorizationException.class);
            }
        }
    }

    @Test
    void aClientWithoutCredentialsOrWithAWrongPasswordIsRefusedByTheBroker() {
        Map<String, Object> anonymous = new HashMap<>();
        anonymous.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers());
        anonymous.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
        try (KafkaProducer<byte[], byte[]> producer = producer(anonymous)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topics.reports().name(), FORGED, FORGED)).get())
                    .as("a plain-text client gets no metadata, so nothing is written").isNotNull();
        }
        Map<String, Object> impostor = new HashMap<>(KafkaCredentials.clientProperties(principal(
                KafkaAccessPolicy.REPORTING), "guessed-password", SharedInfrastructure.get().adminClientProperties()
                .get("security.protocol").toString()));
        impostor.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers());
        impostor.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
        try (KafkaProducer<byte[], byte[]> producer = producer(impostor)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topics.reports().name(), FORGED, FORGED)).get())
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static String principal(String role) {
        return ns.applicationId() + "-" + role;
    }

    private static void grant(String role, List<org.apache.kafka.common.acl.AclBinding> acls) {
        PRODUCERS.put(role, producer(ServiceAccounts.grant(principal(role), acls)));
    }

    /** Whether the principal of {@code role} may write a record to the topic. */
    private static boolean send(String role, TopicSpec<?> topic) {
        try {
            PRODUCERS.get(role).send(new ProducerRecord<>(topic.name(), FORGED, FORGED)).get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException) {
                return false;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the principal may read the topic from the start (in {@code group}, or assigned when null). */
    private static boolean canRead(String principal, String topic, String group) {
        Map<String, Object> config = SharedInfrastructure.get().clientProperties(principal);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.poll(Duration.ofSeconds(3));
            consumer.position(partition, Duration.ofSeconds(5));
            if (group != null) {
                consumer.commitSync(Duration.ofSeconds(5));
            }
            return true;
        } catch (AuthorizationException e) {
            return false;
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> clientProperties) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15000);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "access-control-test");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
