package org.ntrklab.deadletters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dead-letters topics}: every dead-letter topic and how many records it holds. */
@Command(name = "topics", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List every dead-letter topic on the broker (names ending .dlt) with its record count.")
final class ShelfInventory implements Callable<Integer> {

    @Mixin
    KafkaConnection connection = new KafkaConnection();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return DeadLettersCommand.guarded(spec, this::count);
    }

    private int count() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Long> counts = new TreeMap<>();
        try (DeadLetterShelf shelf = new DeadLetterShelf(connection, spec.commandLine().getErr())) {
            List<String> topics = shelf.deadLetterTopics();
            topics.forEach(topic -> counts.put(topic, 0L));
            // Offsets, not records read: end minus beginning is exact for the dead-letter producers, which
            // write without transactions, and costs one request however many records there are.
            shelf.extent(topics).forEach((partition, range) -> counts.merge(partition.topic(), range.size(), Long::sum));
        }
        if (counts.isEmpty()) {
            out.println("No dead-letter topics" + (connection.topicPrefix().isEmpty() ? ""
                    : " with the prefix '" + connection.topicPrefix() + "'") + ".");
            out.flush();
            return 0;
        }
        int width = Math.max("DEAD-LETTER TOPIC".length(),
                counts.keySet().stream().mapToInt(String::length).max().orElse(0));
        out.printf("%-" + width + "s  %s%n", "DEAD-LETTER TOPIC", "RECORDS");
        counts.forEach((topic, n) -> out.printf("%-" + width + "s  %d%n", topic, n));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        out.printf("%d dead-letter topics, %d records%n", counts.size(), total);
        out.flush();
        return 0;
    }
}
