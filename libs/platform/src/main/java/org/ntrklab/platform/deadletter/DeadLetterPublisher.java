package org.ntrklab.platform.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ntrklab.platform.deadletter.DeadLetterHeaders.FailureStage;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a record a service could not read or process, unchanged and with {@link DeadLetterHeaders}, to
 * {@code <origin topic>.dlt} (or, for the service's own internal topics, {@code <service>.dlt}), and
 * waits until the broker has it: the caller moves past the record only once it is safe. The write is
 * outside the service's Streams transaction, so a transaction that aborts afterwards makes the record
 * fail and be dead-lettered again: a dead letter may be duplicated, never lost. The producer is created
 * on the first failure, one per service and cluster, and closed at exit.
 */
public final class DeadLetterPublisher {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final Map<String, DeadLetterPublisher> PUBLISHERS = new ConcurrentHashMap<>();

    /** Name of the counter of dead-lettered records, tagged by origin topic and failure stage. */
    public static final String METRIC = "ntrk.dead.letters";
    /** Streams configuration key under which a service passes its own {@code MeterRegistry} to its handlers. */
    public static final String METER_REGISTRY_CONFIG = "ntrk.meter-registry";

    private final String service;
    private final Map<String, Object> producerConfig;
    private KafkaProducer<byte[], byte[]> producer;
    private final MeterRegistry meters;

    private DeadLetterPublisher(String service, Map<String, Object> producerConfig, MeterRegistry meters) {
        this.service = service;
        this.producerConfig = producerConfig;
        this.meters = meters;
    }

    /**
     * The publisher for a service, sharing the connection and security settings of {@code clientConfig}
     * (only its producer settings are used).
     */
    public static DeadLetterPublisher forService(String service, Map<String, ?> clientConfig) {
        // The service's own meter registry when its configuration carries one: several services may share
        // a JVM (the lab stack), and the JVM-wide registry would count one's dead letters in all of them.
        MeterRegistry meters = clientConfig.get(METER_REGISTRY_CONFIG) instanceof MeterRegistry m ? m : Metrics.globalRegistry;
        Map<String, Object> config = new HashMap<>();
        clientConfig.forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k) && v != null) {
                config.put(k, v);
            }
        });
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-dead-letters");
        // A dead letter is its original record plus headers: it may be larger than the original's limit.
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicSpec.DEAD_LETTER_MAX_MESSAGE_BYTES);
        String key = service + "@" + config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        return PUBLISHERS.computeIfAbsent(key, k -> new DeadLetterPublisher(service, config, meters));
    }

    /** Where this service's failure counts are kept. */
    public MeterRegistry meters() {
        return meters;
    }

    /** Where a record of {@code originTopic} goes when this service gives up on it. */
    public String deadLetterTopicFor(String originTopic) {
        // Kafka Streams names a service's internal topics "<application id>-...": they have no catalogue
        // entry and hence no dead-letter topic of their own.
        return originTopic.startsWith(service + "-")
                ? Topics.serviceDeadLetterTopic(service)
                : originTopic + TopicSpec.DEAD_LETTER_SUFFIX;
    }

    /**
     * Dead-letters one record and blocks until it is acknowledged.
     *
     * @throws IllegalStateException when the broker does not take it; the caller must then stop rather
     *     than skip the record
     */
    public void publish(String originTopic, int partition, long offset, byte[] key, byte[] value,
            Headers originalHeaders, FailureStage stage, Exception failure) {
        Headers headers = new RecordHeaders();
        if (originalHeaders != null) {
            originalHeaders.forEach(headers::add);
        }
        DeadLetterHeaders.put(headers, DeadLetterHeaders.EXCEPTION_CLASS, failure.getClass().getName());
        DeadLetterHeaders.put(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, DeadLetterHeaders.describe(failure));
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ORIGIN_TOPIC, originTopic);
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ORIGIN_PARTITION, String.valueOf(partition));
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ORIGIN_OFFSET, String.valueOf(offset));
        DeadLetterHeaders.put(headers, DeadLetterHeaders.STAGE, stage.name());
        String reason = DeadLetterHeaders.reasonOf(stage, failure);
        DeadLetterHeaders.put(headers, DeadLetterHeaders.REASON, reason);
        DeadLetterHeaders.put(headers, DeadLetterHeaders.SERVICE, service);
        DeadLetterHeaders.put(headers, DeadLetterHeaders.FAILED_AT, Instant.now().toString());
        String deadLetterTopic = deadLetterTopicFor(originTopic);
        // Same partition as the origin keeps a case's dead letters together; internal topics may have a
        // different partition count, so those are placed by key.
        Integer targetPartition = deadLetterTopic.equals(originTopic + TopicSpec.DEAD_LETTER_SUFFIX) ? partition : null;
        try {
            producer().send(new ProducerRecord<>(deadLetterTopic, targetPartition, key, value, headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + originTopic + "-" + partition
                    + "@" + offset, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot dead-letter " + originTopic + "-" + partition + "@" + offset
                    + " to " + deadLetterTopic, e);
        }
        meters.counter(METRIC, "topic", originTopic, "stage", stage.name(), "reason", reason).increment();
        // Coded reason and position only: messages may quote record content.
        log.warn("Dead-lettered {}-{}@{} to {} at stage {}: {}", originTopic, partition, offset, deadLetterTopic,
                stage, reason);
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
            KafkaProducer<byte[], byte[]> created = producer;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> created.close(Duration.ofSeconds(5)),
                    "dead-letter-close"));
        }
        return producer;
    }
}
