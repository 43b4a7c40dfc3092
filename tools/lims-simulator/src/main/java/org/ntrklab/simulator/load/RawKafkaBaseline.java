package org.ntrklab.simulator.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the same broker does with no processing at all: the same number of records of the same size,
 * produced with the same guarantees (idempotent, acks=all) and read back committed. The pipeline's
 * figures are worth reading only as a ratio to this, measured in the same run on the same machine.
 */
final class RawKafkaBaseline {

    record Result(long records, int recordBytes, Duration elapsed) {

        double recordsPerSecond() {
            return records / (elapsed.toNanos() / 1e9);
        }
    }

    private RawKafkaBaseline() {
    }

    static Result run(Map<String, Object> client, long records, int recordBytes, int partitions) {
        String topic = org.ntrklab.platform.access.KafkaAccessPolicy.BENCHMARK_TOPICS + "raw-baseline-" + UUID.randomUUID();
        Properties admin = new Properties();
        admin.putAll(client);
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic(topic, partitions, (short) -1))).all().get();
            try {
                return measure(client, topic, records, Math.max(1, recordBytes), partitions);
            } finally {
                a.deleteTopics(List.of(topic));
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create the baseline topic " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Result measure(Map<String, Object> client, String topic, long records, int recordBytes,
            int partitions) {
        byte[] value = new byte[recordBytes];
        new java.util.Random(1).nextBytes(value);
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        Properties c = new Properties();
        c.putAll(client);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        List<TopicPartition> assigned = java.util.stream.IntStream.range(0, partitions)
                .mapToObj(i -> new TopicPartition(topic, i)).toList();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer());
                KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            long started = System.nanoTime();
            java.util.concurrent.atomic.AtomicLong failed = new java.util.concurrent.atomic.AtomicLong();
            Thread sender = new Thread(() -> {
                for (long i = 0; i < records; i++) {
                    producer.send(new ProducerRecord<>(topic, "ACC-" + (i % 100_000), value), (m, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                        }
                    });
                }
                producer.flush();
            }, "baseline-producer");
            sender.start();
            long read = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (read < records && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(100)).count();
            }
            long elapsed = System.nanoTime() - started;
            sender.join(Duration.ofMinutes(1).toMillis());
            if (read < records || failed.get() > 0) {
                throw new IllegalStateException("the baseline moved " + read + " of " + records + " records ("
                        + failed.get() + " sends failed): its figures would mislead");
            }
            return new Result(read, recordBytes, Duration.ofNanos(elapsed));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

}
