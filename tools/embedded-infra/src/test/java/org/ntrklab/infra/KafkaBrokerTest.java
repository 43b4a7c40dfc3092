package org.ntrklab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single-node broker formats its log directory once and keeps topics, records and transactions across a restart. */
class KafkaBrokerTest {

    @Test
    void topicsAndCommittedTransactionsSurviveARestartOnTheSameLogDirectory(@TempDir Path dir) throws Exception {
        Path logDir = dir.resolve("kafka");
        String clusterIdBefore;
        try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.Settings.forDirectory(logDir))) {
            assertThat(Files.exists(logDir.resolve("meta.properties"))).isTrue();
            clusterIdBefore = clusterId(broker);
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic("specimens", 3, (short) 1))).all().get();
            }
            // A transactional write needs the transaction log: on one node this only works with its
            // replication settings lowered to 1.
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(with(broker,
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "broker-test"),
                    new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("specimens", "SP-1", "received"));
                producer.commitTransaction();
            }
        }

        try (KafkaBroker restarted = KafkaBroker.start(KafkaBroker.Settings.forDirectory(logDir))) {
            assertThat(clusterId(restarted)).isEqualTo(clusterIdBefore);
            try (Admin admin = admin(restarted)) {
                assertThat(admin.describeTopics(List.of("specimens")).allTopicNames().get().get("specimens")
                        .partitions()).hasSize(3);
            }
            assertThat(readCommitted(restarted, "specimens")).containsExactly("SP-1=received");
        }
    }

    @Test
    void singleNodeSettingsLetConsumerGroupsAndTransactionsWork() {
        Map<String, String> config = KafkaBroker.brokerConfig(KafkaBroker.Settings.forDirectory(Path.of("x"))
                .withPorts(19092, 19093), 19094);
        assertThat(config)
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("advertised.listeners", "CLIENT://127.0.0.1:19092,INTERNAL://127.0.0.1:19094");
    }

    @Test
    void everyListenerAuthenticatesAndNothingIsAllowedWithoutAnAcl() {
        Map<String, String> config = KafkaBroker.brokerConfig(KafkaBroker.Settings.forDirectory(Path.of("x"))
                .withHosts("0.0.0.0", "lab.example").withPorts(19092, 19093), 19094);
        assertThat(config.get("listener.security.protocol.map"))
                .isEqualTo("CLIENT:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        assertThat(config.get("listeners"))
                .as("only the client listener follows the configured interface")
                .isEqualTo("CLIENT://0.0.0.0:19092,INTERNAL://127.0.0.1:19094,CONTROLLER://127.0.0.1:19093");
        assertThat(config).containsEntry("listener.name.client.sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsEntry("super.users", "User:admin");
    }

    @Test
    void aClientWithoutCredentialsOrWithAWrongPasswordCannotConnect(@TempDir Path dir) throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.Settings.forDirectory(dir.resolve("kafka")))) {
            try (Admin anonymous = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000))) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> anonymous.listTopics().names().get())
                        .as("a plain-text client without SASL gets no answer").isNotNull();
            }
            Map<String, Object> wrong = new java.util.HashMap<>(KafkaCredentials.clientProperties(KafkaBroker.ADMIN,
                    "not-the-password", broker.securityProtocol()));
            wrong.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            wrong.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
            wrong.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
            try (Admin impostor = Admin.create(wrong)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> impostor.listTopics().names().get())
                        .hasRootCauseInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class);
            }
        }
    }

    @Test
    void withACertificateClientsSpeakSaslOverTlsAndTrustTheGeneratedCertificate(@TempDir Path dir) throws Exception {
        KafkaBroker.TlsKeyStore tls = BrokerCertificate.generatedIn(dir.resolve("tls"), "127.0.0.1");
        assertThat(java.nio.file.Files.getPosixFilePermissions(tls.path()))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(BrokerCertificate.generatedIn(dir.resolve("tls"), "127.0.0.1").password())
                .as("made once, kept").isEqualTo(tls.password());
        try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.Settings.forDirectory(dir.resolve("kafka"))
                .withTls(tls))) {
            assertThat(broker.securityProtocol()).isEqualTo("SASL_SSL");
            assertThat(broker.adminClientProperties()).containsEntry("ssl.truststore.type", "PEM");
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic("reports", 1, (short) 1))).all().get();
            }
            Map<String, Object> plain = new java.util.HashMap<>(broker.adminClientProperties());
            plain.put("security.protocol", "SASL_PLAINTEXT");
            plain.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
            plain.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
            try (Admin cleartext = Admin.create(plain)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> cleartext.listTopics().names().get())
                        .as("no password crosses the network in clear").isNotNull();
            }
        }
    }

    private static Map<String, Object> with(KafkaBroker broker, String key, Object value) {
        Map<String, Object> config = new java.util.HashMap<>(broker.adminClientProperties());
        config.put(key, value);
        return config;
    }

    private static Admin admin(KafkaBroker broker) {
        return Admin.create(broker.adminClientProperties());
    }

    private static String clusterId(KafkaBroker broker) throws Exception {
        try (Admin admin = admin(broker)) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private static List<String> readCommitted(KafkaBroker broker, String topic) {
        List<String> values = new ArrayList<>();
        Map<String, Object> config = new java.util.HashMap<>(broker.adminClientProperties());
        config.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "broker-test-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config,
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.key() + "=" + r.value()));
            }
        }
        return values;
    }
}
