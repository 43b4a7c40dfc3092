package org.ntrklab.simulator.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ntrklab.platform.access.KafkaAccessPolicy;

/**
 * What the same broker does with no processing at all: records of the same size as the run's, produced with
 * the same guarantees (idempotent, acks=all) and read back committed. The pipeline's figures are worth reading
 * only as a ratio to this, measured in the same run on the same machine.
 *
 * <p>A reference has to be trustworthy, so the baseline
 * <ul>
 * <li>waits until every partition of its new topic has a leader, and until each has taken a first record,
 *     before it starts the clock: an idempotent producer that sends to a partition whose leader is not yet
 *     known gets NOT_LEADER_OR_FOLLOWER and then out-of-order sequence errors;</li>
 * <li>never loses a send: every send's outcome is checked, and one failed send, or one record not read
 *     back, fails the baseline instead of giving a figure;</li>
 * <li>runs for at least {@link #MINIMUM_DURATION}: the run's record set is sent again and again until then,
 *     because a small run moves its records in well under a second, too short a time to be repeatable.
 *     Records per second are counted over the whole time.</li>
 * </ul>
 */
final class RawKafkaBaseline {

    /** Long enough for a figure that does not depend on one second's hiccups. */
    static final Duration MINIMUM_DURATION = Duration.ofSeconds(10);

    /** How long a new topic may take to get its leaders before the broker is judged unfit to measure. */
    static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);

    /** With nothing more read for this long, the records still missing are taken as lost. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    /** A slow broker is waited for this long before a record counts as not delivered (and the baseline fails). */
    private static final int DELIVERY_TIMEOUT_MS = 120_000;

    /**
     * The figures of a baseline.
     *
     * @param records every record produced and read back, over all passes
     * @param recordsPerPass the run's own record count, sent once per pass
     * @param passes how many times the run's records were sent
     * @param elapsed from the first send to the last record read
     */
    record Result(long records, long recordsPerPass, long passes, int recordBytes, Duration elapsed) {

        double recordsPerSecond() {
            return records / (elapsed.toNanos() / 1e9);
        }

        /**
         * How many times longer the pipeline took than Kafka alone with the same records: the pipeline's seconds
         * for its run over the seconds Kafka alone needs for the same number of records at the rate measured
         * here. Per case this is the same figure: the pipeline's seconds per case over Kafka's seconds for one
         * case's records.
         *
         * @param pipelineElapsed the run's wall time, first receipt to last report
         * @param pipelineRecords the records the run wrote and read
         */
        double ratio(Duration pipelineElapsed, long pipelineRecords) {
            double rawSeconds = pipelineRecords / recordsPerSecond();
            return pipelineElapsed.toNanos() / 1e9 / rawSeconds;
        }
    }

    private RawKafkaBaseline() {
    }

    /** Measures for at least {@link #MINIMUM_DURATION}. */
    static Result run(Map<String, Object> client, long records, int recordBytes, int partitions) {
        return run(client, records, recordBytes, partitions, MINIMUM_DURATION);
    }

    /**
     * @param records the run's record count, sent in passes until {@code minimum} has passed
     * @throws IllegalStateException when the topic gets no leaders, a send fails or a record is not read back:
     *     the baseline then has no figure rather than a wrong one
     */
    static Result run(Map<String, Object> client, long records, int recordBytes, int partitions, Duration minimum) {
        if (records <= 0) {
            throw new IllegalArgumentException("the run moved no records, so there is nothing to compare with");
        }
        String topic = KafkaAccessPolicy.BENCHMARK_TOPICS + "raw-baseline-" + UUID.randomUUID();
        Properties admin = new Properties();
        admin.putAll(client);
        try (Admin a = Admin.create(admin)) {
            try {
                a.createTopics(List.of(new NewTopic(topic, partitions, (short) -1))).all().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not create the baseline topic " + topic + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
            try {
                awaitLeaders(a, topic, partitions, LEADER_TIMEOUT);
                return measure(client, topic, records, Math.max(1, recordBytes), partitions, minimum);
            } finally {
                delete(a, topic);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Returns once the topic has its {@code partitions} partitions, each with a leader.
     *
     * @throws IllegalStateException when that takes longer than {@code timeout}, or the topic cannot be described
     */
    static TopicDescription awaitLeaders(Admin admin, String topic, int partitions, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = "the broker does not know the topic yet";
        while (true) {
            try {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                List<Integer> leaderless = d.partitions().stream()
                        .filter(p -> p.leader() == null || p.leader().isEmpty())
                        .map(TopicPartitionInfo::partition).toList();
                if (d.partitions().size() == partitions && leaderless.isEmpty()) {
                    return d;
                }
                state = d.partitions().size() + " of " + partitions + " partitions known, without a leader: "
                        + leaderless;
            } catch (ExecutionException e) {
                // A topic just created is unknown to the broker that answers until its metadata arrives there.
                if (!(e.getCause() instanceof RetriableException)) {
                    throw new IllegalStateException("cannot describe the baseline topic " + topic + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
                state = e.getCause().getMessage();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the baseline topic " + topic + " has no leader for every partition"
                        + " after " + timeout.toSeconds() + " s (" + state + "): the broker is not fit to measure");
            }
            Thread.sleep(100);
        }
    }

    private static Result measure(Map<String, Object> client, String topic, long records, int recordBytes,
            int partitions, Duration minimum) throws InterruptedException {
        byte[] value = new byte[recordBytes];
        new Random(1).nextBytes(value);
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // Retriable errors are retried (idempotence keeps order and avoids duplicates) for as long as this.
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        Properties c = new Properties();
        c.putAll(client);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        List<TopicPartition> assigned = IntStream.range(0, partitions)
                .mapToObj(i -> new TopicPartition(topic, i)).toList();
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer());
        Sends sends = new Sends();
        Thread sender = null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            firstRecordToEveryPartition(producer, topic, partitions);
            // Read from after those first records, so that exactly the measured ones are counted.
            consumer.assign(assigned);
            consumer.endOffsets(assigned).forEach(consumer::seek);
            long started = System.nanoTime();
            sender = new Thread(() -> send(producer, topic, value, records, started, minimum, sends),
                    "baseline-producer");
            sender.setDaemon(true);
            sender.start();
            long read = 0;
            long lastProgress = System.nanoTime();
            while (sends.failed.get() == 0 && !(sends.finished() && read >= sends.sent.get())) {
                int n = consumer.poll(Duration.ofMillis(100)).count();
                long now = System.nanoTime();
                if (n > 0 || !sends.finished()) {
                    read += n;
                    lastProgress = now;
                } else if (now - lastProgress > STALL_TIMEOUT.toNanos()) {
                    break;
                }
            }
            long elapsed = System.nanoTime() - started;
            if (sends.failed.get() > 0) {
                Throwable first = sends.firstFailure.get();
                throw new IllegalStateException(sends.failed.get() + " of " + sends.sent.get() + " baseline sends"
                        + " failed (first: " + first + "): a figure without them would mislead", first);
            }
            if (read != sends.sent.get() || sends.acked.get() != sends.sent.get()) {
                throw new IllegalStateException("the baseline read back " + read + " of the " + sends.sent.get()
                        + " records it sent (" + sends.acked.get() + " acknowledged): a figure would mislead");
            }
            return new Result(read, records, sends.passes, recordBytes, Duration.ofNanos(elapsed));
        } finally {
            sends.stop = true;
            if (sender != null) {
                sender.join(Duration.ofSeconds(30).toMillis());
            }
            producer.close(Duration.ofSeconds(30));
        }
    }

    /**
     * One record to each partition, acknowledged before the clock starts: a leader in the metadata is not yet a
     * leader that takes writes, and the producer learns each partition's leader here rather than mid-measure.
     */
    private static void firstRecordToEveryPartition(KafkaProducer<String, byte[]> producer, String topic,
            int partitions) throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            acks.add(producer.send(new ProducerRecord<>(topic, i, "first", new byte[0])));
        }
        for (int i = 0; i < partitions; i++) {
            try {
                acks.get(i).get(DELIVERY_TIMEOUT_MS + 10_000L, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new IllegalStateException("partition " + i + " of the baseline topic " + topic
                        + " took no record: " + cause, cause);
            }
        }
    }

    /** The run's records, pass after pass, until {@code minimum} has passed since {@code started}. */
    private static void send(KafkaProducer<String, byte[]> producer, String topic, byte[] value, long records,
            long started, Duration minimum, Sends sends) {
        try {
            do {
                for (long i = 0; i < records; i++) {
                    if (sends.stop || sends.failed.get() > 0) {
                        return;
                    }
                    sends.sent.incrementAndGet();
                    producer.send(new ProducerRecord<>(topic, "ACC-" + (i % 100_000), value), sends::completed);
                }
                sends.passes++;
            } while (System.nanoTime() - started < minimum.toNanos());
            producer.flush();
        } catch (RuntimeException e) {
            // send() itself refused the record (e.g. the producer is in a fatal state): as lost as a failed ack
            sends.fail(e);
        } finally {
            sends.done = true;
        }
    }

    private static void delete(Admin admin, String topic) throws InterruptedException {
        try {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // A throw-away topic left behind takes disk space only; the figures stand.
        }
    }

    /** The outcome of every send, from the producer's callbacks. */
    private static final class Sends {

        final AtomicLong sent = new AtomicLong();
        final AtomicLong acked = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        volatile long passes;
        volatile boolean done;
        volatile boolean stop;

        void completed(RecordMetadata metadata, Exception e) {
            if (e == null) {
                acked.incrementAndGet();
            } else {
                fail(e);
            }
        }

        void fail(Throwable e) {
            firstFailure.compareAndSet(null, e);
            failed.incrementAndGet();
        }

        /** Every record is sent and every send has its outcome. */
        boolean finished() {
            return done && acked.get() + failed.get() >= sent.get();
        }
    }
}
