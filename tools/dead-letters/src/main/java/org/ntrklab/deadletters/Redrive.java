package org.ntrklab.deadletters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.ntrklab.platform.deadletter.DeadLetterHeaders;
import org.ntrklab.platform.topics.Topics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dead-letters redrive}: re-publishes chosen dead letters, key and value unchanged, to the topic they
 * came from (or to {@code --to}), once the cause is fixed. Every chosen record is checked before anything is
 * sent, so a refused re-drive sends nothing.
 */
@Command(name = "redrive", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Re-publish chosen dead letters, key and value unchanged, to their origin topic (header"
                + " ntrk.dlt.origin-topic) or to --to. The record's own headers are kept, the ntrk.dlt.* ones"
                + " dropped, and the header ntrk.dlt.redriven-from says which dead letter it was.",
                "Fix the cause first: a record that is still unreadable is dead-lettered again.",
                "Services deduplicate input by eventId, so re-driving a dead letter twice is harmless.",
                "Records of a Kafka Streams internal topic (-repartition, -changelog) are only re-driven with --to;"
                        + " a dead-letter topic is never a target."})
final class Redrive implements Callable<Integer> {

    /** Prefix of the headers a dead-letter publisher adds; they describe the failure, not the record. */
    private static final String DEAD_LETTER_HEADER_PREFIX = "ntrk.dlt.";

    @Option(names = "--topic", required = true, paramLabel = "TOPIC.dlt", description = "the dead-letter topic")
    String topic;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {
        @Option(names = "--offsets", split = ",", paramLabel = "P@O", required = true,
                converter = PartitionOffset.Converter.class,
                description = "the dead letters to re-drive, as PARTITION@OFFSET (as 'list' prints them)")
        List<PartitionOffset> offsets;

        @Option(names = "--all", required = true, description = "every dead letter of the topic (see --reason)")
        boolean all;
    }

    @Option(names = "--reason", paramLabel = "REASON", description = "only the chosen dead letters with this reason")
    String reason;

    @Option(names = "--to", paramLabel = "TOPIC", description = "send here instead of to each record's origin topic")
    String to;

    @Option(names = "--dry-run", description = "print what would be sent, send nothing")
    boolean dryRun;

    @Mixin
    KafkaConnection connection = new KafkaConnection();

    @Spec
    CommandSpec spec;

    /** One dead letter to re-drive: where to, and to which partition (null: by key). */
    private record Plan(String from, String target, Integer partition) {
    }

    @Override
    public Integer call() {
        return DeadLettersCommand.guarded(spec, this::redrive);
    }

    private int redrive() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (DeadLetterShelf shelf = new DeadLetterShelf(connection, err)) {
            String deadLetterTopic = shelf.chosen(List.of(topic)).get(0);
            Set<String> existing = shelf.allTopics();
            String target = to == null ? null : connection.topic(to);
            if (target != null) {
                String refusal = refusalOfTarget(target, existing);
                if (refusal != null) {
                    throw new Refusal("--to " + target + ": " + refusal);
                }
            }
            Map<TopicPartition, DeadLetterShelf.Range> ranges = ranges(shelf, deadLetterTopic);

            // First pass: decide for every chosen record, keeping only positions and targets in memory.
            Map<String, Plan> plans = new LinkedHashMap<>();
            List<String> refusals = new ArrayList<>();
            Set<PartitionOffset> found = new TreeSet<>(Comparator.comparingInt(PartitionOffset::partition)
                    .thenComparingLong(PartitionOffset::offset));
            int[] otherReason = {0};
            shelf.read(ranges, letter -> {
                if (!chosen(letter)) {
                    return;
                }
                found.add(letter.position());
                if (reason != null && !reason.equalsIgnoreCase(letter.reason())) {
                    otherReason[0]++;
                    return;
                }
                String destination = target != null ? target : letter.originTopic();
                String refusal = target != null ? null : refusalOfOrigin(destination, existing);
                if (refusal != null) {
                    refusals.add(letter.address() + ": " + refusal);
                } else {
                    plans.put(letter.address(), new Plan(letter.address(), destination,
                            destination.equals(letter.originTopic()) ? letter.originPartition() : null));
                }
            });
            if (choice.offsets != null) {
                List<String> missing = choice.offsets.stream().filter(p -> !found.contains(p))
                        .map(PartitionOffset::toString).distinct().toList();
                if (!missing.isEmpty()) {
                    throw new Refusal("no dead letter at " + String.join(", ", missing) + " of " + deadLetterTopic
                            + "; nothing re-driven");
                }
            }
            if (!refusals.isEmpty()) {
                refusals.forEach(r -> err.println("refused " + r));
                err.flush();
                throw new Refusal(refusals.size() + " of the chosen dead letters cannot be re-driven as asked;"
                        + " nothing re-driven");
            }
            if (otherReason[0] > 0) {
                out.printf("%s skipped: the reason is not %s%n", DeadLetter.count(otherReason[0]), reason);
            }
            if (plans.isEmpty()) {
                out.println("Nothing to re-drive.");
                out.flush();
                return 0;
            }
            Map<String, Integer> partitionCounts = shelf.partitionCounts(
                    plans.values().stream().map(Plan::target).collect(Collectors.toSet()));
            plans.replaceAll((address, plan) -> keepPartition(plan, partitionCounts));
            if (dryRun) {
                plans.values().forEach(plan -> out.printf("%s -> %s (dry run, not sent)%n", plan.from(),
                        plan.partition() == null ? plan.target() + " (partition by key)"
                                : plan.target() + "-" + plan.partition()));
                out.printf("Dry run: %s would be re-driven; nothing was sent.%n", DeadLetter.count(plans.size()));
                out.flush();
                return 0;
            }
            send(shelf, ranges, plans, out);
        }
        return 0;
    }

    /** Second pass: reads the chosen records again and sends the planned ones, in their order on the topic. */
    private void send(DeadLetterShelf shelf, Map<TopicPartition, DeadLetterShelf.Range> ranges, Map<String, Plan> plans,
            PrintWriter out) {
        Map<String, Future<RecordMetadata>> sent = new LinkedHashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = connection.producer()) {
            shelf.read(ranges, letter -> {
                Plan plan = plans.get(letter.address());
                if (plan != null && !sent.containsKey(plan.from())) {
                    sent.put(plan.from(), producer.send(new ProducerRecord<>(plan.target(), plan.partition(),
                            letter.record().key(), letter.record().value(), redrivenHeaders(letter))));
                }
            });
            producer.flush();
            int done = 0;
            try {
                for (Map.Entry<String, Future<RecordMetadata>> entry : sent.entrySet()) {
                    RecordMetadata written = entry.getValue().get();
                    out.printf("%s -> %s-%d@%d%n", entry.getKey(), written.topic(), written.partition(),
                            written.offset());
                    done++;
                }
            } catch (ExecutionException e) {
                out.printf("%s re-driven before the failure.%n", DeadLetter.count(done));
                out.flush();
                throw e.getCause() instanceof KafkaException kafka ? kafka : new KafkaException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted", e);
            }
            Set<String> missing = new LinkedHashSet<>(plans.keySet());
            missing.removeAll(sent.keySet());
            out.printf("Re-driven %s.%n", DeadLetter.count(done));
            if (!missing.isEmpty()) {
                // Only retention running between the two passes can remove a record.
                out.flush();
                throw new KafkaException("no longer on the topic, not re-driven: " + String.join(", ", missing));
            }
            out.flush();
        }
    }

    private boolean chosen(DeadLetter letter) {
        return choice.all || choice.offsets.contains(letter.position());
    }

    /** Only the partitions and offsets asked for, checked against what the topic holds. */
    private Map<TopicPartition, DeadLetterShelf.Range> ranges(DeadLetterShelf shelf, String deadLetterTopic) {
        Map<TopicPartition, DeadLetterShelf.Range> extent = shelf.extent(List.of(deadLetterTopic));
        if (choice.all) {
            return extent;
        }
        Map<TopicPartition, DeadLetterShelf.Range> ranges = new HashMap<>();
        for (PartitionOffset wanted : choice.offsets) {
            TopicPartition partition = new TopicPartition(deadLetterTopic, wanted.partition());
            DeadLetterShelf.Range held = extent.get(partition);
            if (held == null) {
                throw new Refusal(deadLetterTopic + " has no partition " + wanted.partition());
            }
            if (wanted.offset() < held.from() || wanted.offset() >= held.to()) {
                throw new Refusal("no dead letter at " + wanted + ": partition " + wanted.partition() + " of "
                        + deadLetterTopic + " holds offsets " + held.from() + " to " + (held.to() - 1)
                        + (wanted.offset() < held.from() ? " (older records are past their retention)" : ""));
            }
            ranges.merge(partition, new DeadLetterShelf.Range(wanted.offset(), wanted.offset() + 1),
                    (a, b) -> new DeadLetterShelf.Range(Math.min(a.from(), b.from()), Math.max(a.to(), b.to())));
        }
        return ranges;
    }

    /** Why a record may not go back to its origin topic, or null when it may. */
    private static String refusalOfOrigin(String origin, Set<String> existing) {
        if (origin == null) {
            return "the record has no " + DeadLetterHeaders.ORIGIN_TOPIC + " header; give --to";
        }
        if (origin.contains("-repartition") || origin.contains("-changelog")) {
            // A service's internal topics belong to its Kafka Streams instance: a record written there from
            // outside bypasses the steps before it, so an operator must name the target deliberately.
            return "its origin " + origin + " is a Kafka Streams internal topic; give --to (e.g. the catalogue"
                    + " topic the service read it from)";
        }
        return refusalOfTarget(origin, existing);
    }

    /** Why a topic may not be a re-drive target, or null when it may. */
    private static String refusalOfTarget(String target, Set<String> existing) {
        if (Topics.isDeadLetterTopic(target)) {
            return "a dead-letter topic is never a re-drive target";
        }
        if (!existing.contains(target)) {
            return "there is no topic " + target + " on the broker";
        }
        return null;
    }

    /**
     * The origin partition when the record goes back where it came from (the services expect a case's
     * records where the writer put them), unless the topic no longer has it; otherwise placed by key.
     */
    private static Plan keepPartition(Plan plan, Map<String, Integer> partitionCounts) {
        Integer partition = plan.partition();
        boolean valid = partition != null && partition >= 0 && partition < partitionCounts.getOrDefault(plan.target(), 0);
        return valid ? plan : new Plan(plan.from(), plan.target(), null);
    }

    /** The record's own headers without the dead-letter ones, plus where it was re-driven from. */
    private static Headers redrivenHeaders(DeadLetter letter) {
        Headers headers = new RecordHeaders();
        letter.record().headers().forEach(header -> {
            if (!header.key().startsWith(DEAD_LETTER_HEADER_PREFIX)) {
                headers.add(header);
            }
        });
        DeadLetterHeaders.put(headers, DeadLetterHeaders.REDRIVEN_FROM, letter.address());
        return headers;
    }
}
