package org.ntrklab.deadletters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ntrklab.platform.deadletter.DeadLetterHeaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dead-letters list}: one line per dead letter, then how many there are for each reason. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print one line per dead letter: where it is, when and where it failed, the service, stage"
                + " and reason, where it came from, its key and its size. Reads from the beginning to the current end;"
                + " joins no consumer group and commits nothing.",
                "Payloads are not printed unless --show-payload is given: they may hold a pseudonymous patient"
                        + " reference."})
final class ShelfListing implements Callable<Integer> {

    @Option(names = "--topic", paramLabel = "TOPIC.dlt", split = ",",
            description = "dead-letter topic(s) to read, repeatable (default: every .dlt topic)")
    List<String> topics = new ArrayList<>();

    @Option(names = "--reason", paramLabel = "REASON",
            description = "only dead letters with this reason, e.g. UNKNOWN_SCHEMA_ID or PROCESSING_FAILURE"
                    + " ('-' for those without one)")
    String reason;

    @Option(names = "--service", paramLabel = "SERVICE", description = "only dead letters of this service")
    String service;

    @Option(names = "--limit", paramLabel = "N",
            description = "print at most N lines; the summary still counts every match")
    Integer limit;

    @Option(names = "--details", description = "also print the exception class and message of each")
    boolean details;

    @Option(names = "--show-payload", description = "also print each value, base64-encoded")
    boolean showPayload;

    @Mixin
    KafkaConnection connection = new KafkaConnection();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        return DeadLettersCommand.guarded(spec, this::list);
    }

    private int list() {
        PrintWriter out = spec.commandLine().getOut();
        if (showPayload) {
            out.println("Payloads are shown base64-encoded (--show-payload); they may hold a pseudonymous patient"
                    + " reference.");
        }
        Map<String, Integer> perReason = new HashMap<>();
        int[] shown = {0};
        try (DeadLetterShelf shelf = new DeadLetterShelf(connection, spec.commandLine().getErr())) {
            List<String> chosen = shelf.chosen(topics);
            shelf.read(shelf.extent(chosen), letter -> {
                if (!matches(letter)) {
                    return;
                }
                perReason.merge(letter.reason(), 1, Integer::sum);
                if (limit == null || shown[0] < limit) {
                    print(out, letter);
                    shown[0]++;
                }
            });
        }
        out.println(summary(perReason, shown[0]));
        out.flush();
        return 0;
    }

    private boolean matches(DeadLetter letter) {
        return (reason == null || reason.equalsIgnoreCase(letter.reason()))
                && (service == null || service.equals(letter.service()));
    }

    private void print(PrintWriter out, DeadLetter letter) {
        out.printf("%s %s failed-at=%s service=%s stage=%s reason=%s origin=%s key=%s value=%s%n",
                letter.record().topic(), letter.position(), letter.failedAt(), letter.service(), letter.stage(),
                letter.reason(), letter.origin(), letter.key(),
                letter.valueSize() < 0 ? "none" : letter.valueSize() + " bytes");
        if (details) {
            out.printf("    exception: %s: %s%n", letter.shown(DeadLetterHeaders.EXCEPTION_CLASS),
                    letter.shown(DeadLetterHeaders.EXCEPTION_MESSAGE));
            String redrivenFrom = letter.shown(DeadLetterHeaders.REDRIVEN_FROM);
            if (!DeadLetter.NONE.equals(redrivenFrom)) {
                out.printf("    re-driven from: %s%n", redrivenFrom);
            }
        }
        if (showPayload && letter.record().value() != null) {
            out.printf("    payload (base64): %s%n", Base64.getEncoder().encodeToString(letter.record().value()));
        }
    }

    private String summary(Map<String, Integer> perReason, int shown) {
        int total = perReason.values().stream().mapToInt(Integer::intValue).sum();
        String reasons = perReason.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return DeadLetter.count(total)
                + (shown < total ? " (" + shown + " shown)" : "")
                + (reasons.isEmpty() ? "" : " by reason: " + reasons);
    }
}
