package org.ntrklab.deadletters;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ntrklab.platform.access.KafkaClientFile;
import org.ntrklab.platform.topics.TopicSpec;
import picocli.CommandLine.Option;

/** Where the broker is and how to reach it: the options every subcommand shares. */
public final class KafkaConnection {

    static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    private static final String CLIENT_ID = "ntrk-dead-letters";
    /** A broker that cannot be reached is reported after this long rather than Kafka's default minute. */
    private static final int DEFAULT_API_TIMEOUT_MS = 30_000;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", defaultValue = DEFAULT_BOOTSTRAP_SERVERS,
            description = "Kafka bootstrap servers; overrides bootstrap.servers of --command-config"
                    + " (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*, ...), as Kafka's own tools take")
    Path commandConfig;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "prefix of every topic name, as the services' ntrk.topics.prefix (default: none)")
    String topicPrefix;

    /** The full name of a topic given on the command line: the prefix is added unless already there. */
    String topic(String name) {
        return name.startsWith(topicPrefix) ? name : topicPrefix + name;
    }

    String topicPrefix() {
        return topicPrefix;
    }

    Admin admin() {
        return Admin.create(clientConfig());
    }

    /**
     * A consumer for assigned partitions only: no group, so nothing is committed and no service's offsets
     * are touched; committed records only, as the services write some topics in transactions.
     */
    KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = clientConfig();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** An idempotent producer that waits for every replica: a re-driven record is written once and kept. */
    KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = clientConfig();
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A dead letter may be as large as a dead-letter topic takes; the target topic's own limit decides.
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicSpec.DEAD_LETTER_MAX_MESSAGE_BYTES);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        if (commandConfig != null) {
            try {
                config.putAll(KafkaClientFile.load(commandConfig));
            } catch (IllegalArgumentException e) {
                throw new Refusal("cannot read --command-config " + e.getMessage());
            }
        }
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, CLIENT_ID);
        config.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, DEFAULT_API_TIMEOUT_MS);
        return config;
    }

    /** The result of an admin call; its Kafka failure as the exception itself, not wrapped. */
    static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException kafka ? kafka : new KafkaException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted", e);
        }
    }
}
