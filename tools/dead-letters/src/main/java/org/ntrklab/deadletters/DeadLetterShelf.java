package org.ntrklab.deadletters;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.ntrklab.platform.topics.Topics;

/**
 * Reads the dead-letter topics: which there are, how many records each holds, and the records themselves,
 * from the first to the last committed one at the time of asking. Reads only: no consumer group, nothing
 * committed, so it can run beside the services at any time.
 */
final class DeadLetterShelf implements AutoCloseable {

    static final int PROGRESS_EVERY = 10_000;
    private static final Duration POLL = Duration.ofMillis(500);
    /** A partition that yields nothing for this long although records remain is reported, not waited on for ever. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);
    private static final Comparator<TopicPartition> IN_ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    /** Offsets {@code from} (first record) up to {@code to} (exclusive) of one partition. */
    record Range(long from, long to) {
        long size() {
            return Math.max(0, to - from);
        }
    }

    private final KafkaConnection connection;
    private final PrintWriter progress;
    private Admin admin;
    private KafkaConsumer<byte[], byte[]> consumer;

    /** @param progress where a progress line goes every {@value #PROGRESS_EVERY} records (stderr) */
    DeadLetterShelf(KafkaConnection connection, PrintWriter progress) {
        this.connection = connection;
        this.progress = progress;
    }

    /** Every topic on the broker (a re-drive checks its targets against them). */
    Set<String> allTopics() {
        return KafkaConnection.await(admin().listTopics().names());
    }

    /** The dead-letter topics under the topic prefix, by name. */
    List<String> deadLetterTopics() {
        return allTopics().stream()
                .filter(Topics::isDeadLetterTopic)
                .filter(name -> name.startsWith(connection.topicPrefix()))
                .sorted()
                .toList();
    }

    /** The dead-letter topics named on the command line (all of them when none is), each checked to exist. */
    List<String> chosen(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            return deadLetterTopics();
        }
        Set<String> existing = allTopics();
        return names.stream().map(connection::topic).distinct().map(name -> {
            if (!Topics.isDeadLetterTopic(name)) {
                throw new Refusal(name + " is not a dead-letter topic (their names end in .dlt)");
            }
            if (!existing.contains(name)) {
                throw new Refusal("there is no topic " + name + " on the broker");
            }
            return name;
        }).toList();
    }

    /** Partition counts of existing topics. */
    Map<String, Integer> partitionCounts(Collection<String> topics) {
        Map<String, Integer> counts = new HashMap<>();
        KafkaConnection.await(admin().describeTopics(topics).allTopicNames())
                .forEach((name, description) -> counts.put(name, description.partitions().size()));
        return counts;
    }

    /**
     * For every partition of the topics, from its first record to its last committed one now; records
     * written later are not read, so a listing ends even while services keep dead-lettering.
     */
    Map<TopicPartition, Range> extent(Collection<String> topics) {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        if (!topics.isEmpty()) {
            Map<String, TopicDescription> descriptions =
                    KafkaConnection.await(admin().describeTopics(topics).allTopicNames());
            descriptions.values().forEach(d -> d.partitions().forEach(p -> {
                TopicPartition tp = new TopicPartition(d.name(), p.partition());
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
            }));
        }
        ListOffsetsOptions committed = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, ListOffsetsResultInfo> first =
                KafkaConnection.await(admin().listOffsets(earliest, committed).all());
        Map<TopicPartition, ListOffsetsResultInfo> end =
                KafkaConnection.await(admin().listOffsets(latest, committed).all());
        Map<TopicPartition, Range> extent = new TreeMap<>(IN_ORDER);
        first.forEach((tp, info) -> extent.put(tp, new Range(info.offset(), end.get(tp).offset())));
        return extent;
    }

    /**
     * Reads the ranges one partition after another, so records come in their order in each partition, and
     * hands each to {@code each}. Aborted transactional records are skipped (read_committed).
     */
    void read(Map<TopicPartition, Range> ranges, Consumer<DeadLetter> each) {
        long total = ranges.values().stream().mapToLong(Range::size).sum();
        long read = 0;
        KafkaConsumer<byte[], byte[]> reader = consumer();
        Map<TopicPartition, Range> inOrder = new TreeMap<>(IN_ORDER);
        inOrder.putAll(ranges);
        for (Map.Entry<TopicPartition, Range> entry : inOrder.entrySet()) {
            TopicPartition partition = entry.getKey();
            Range range = entry.getValue();
            if (range.size() == 0) {
                continue;
            }
            reader.assign(List.of(partition));
            reader.seek(partition, range.from());
            long lastRecordAt = System.nanoTime();
            while (reader.position(partition) < range.to()) {
                ConsumerRecords<byte[], byte[]> records = reader.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    if (record.offset() >= range.to()) {
                        break;
                    }
                    each.accept(new DeadLetter(record));
                    if (++read % PROGRESS_EVERY == 0) {
                        progress.printf("... %d of about %d records read%n", read, total);
                        progress.flush();
                    }
                }
                if (!records.isEmpty()) {
                    lastRecordAt = System.nanoTime();
                } else if (System.nanoTime() - lastRecordAt > STALL_LIMIT.toNanos()) {
                    throw new TimeoutException("no records from " + partition + " for " + STALL_LIMIT.toSeconds()
                            + " s although it has records up to offset " + range.to());
                }
            }
        }
        reader.unsubscribe();
    }

    private Admin admin() {
        if (admin == null) {
            admin = connection.admin();
        }
        return admin;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            consumer = connection.consumer();
        }
        return consumer;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
