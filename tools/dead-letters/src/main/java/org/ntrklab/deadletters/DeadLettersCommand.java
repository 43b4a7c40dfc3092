package org.ntrklab.deadletters;

import java.io.PrintWriter;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * The operators' dead-letter command: {@code topics} counts the dead letters on each dead-letter topic,
 * {@code list} shows them, {@code redrive} sends chosen ones back to where they came from once the cause
 * is fixed. Runs alone ({@code java -jar ntrk-dead-letters-*-exec.jar}) or inside the lab stack's command.
 */
@Command(name = "dead-letters", mixinStandardHelpOptions = true, version = "NTRK Lab Workflow dead-letter tool 0.1.0",
        description = "Look at and re-drive the records NTRK Lab Workflow services could not read or process"
                + " (the dead-letter topics, *.dlt).",
        subcommands = {ShelfInventory.class, ShelfListing.class, Redrive.class},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done", "1:a Kafka error (its message is printed)", "2:bad usage, or refused"})
public final class DeadLettersCommand implements Runnable {

    /** Exit code of a Kafka failure. */
    public static final int KAFKA_ERROR = 1;
    /** Exit code of bad usage or a refused request (picocli's own usage errors give the same). */
    public static final int REFUSED = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // Through the spec, so inside the lab stack the usage reads "lab-stack dead-letters ...".
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        useQuietLogging();
        System.exit(commandLine(() -> KafkaConnection.DEFAULT_BOOTSTRAP_SERVERS).execute(args));
    }

    /**
     * The command line, with {@code --bootstrap-servers} defaulting to what {@code defaultBootstrapServers}
     * gives when the subcommand is parsed: the lab stack passes its own Kafka, whose port is one of its
     * options and so only known then.
     */
    public static CommandLine commandLine(Supplier<String> defaultBootstrapServers) {
        return commandLine(defaultBootstrapServers, () -> null);
    }

    /**
     * As {@link #commandLine(Supplier)}, with {@code --command-config} defaulting to what
     * {@code defaultCommandConfig} gives (the lab stack passes its operator's Kafka credentials), or none.
     */
    public static CommandLine commandLine(Supplier<String> defaultBootstrapServers,
            Supplier<String> defaultCommandConfig) {
        CommandLine cli = new CommandLine(new DeadLettersCommand());
        cli.setDefaultValueProvider(argument -> {
            if (!(argument instanceof OptionSpec option)) {
                return null;
            }
            return switch (option.longestName()) {
                case "--bootstrap-servers" -> defaultBootstrapServers.get();
                case "--command-config" -> defaultCommandConfig.get();
                default -> null;
            };
        });
        return cli;
    }

    /**
     * Runs a subcommand's work and turns its failures into exit codes: a refusal (2) or a Kafka error (1) is
     * one line on stderr, not a stack trace. Here rather than in an exception handler so that the same holds
     * inside another command line (the lab stack's), which brings its own handlers.
     */
    static int guarded(CommandSpec spec, IntSupplier work) {
        useQuietLogging();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return work.getAsInt();
        } catch (Refusal e) {
            err.println("Refused: " + e.getMessage());
            return REFUSED;
        } catch (KafkaException e) {
            err.println("Kafka error: " + describe(e)
                    + (e instanceof TimeoutException ? " (check --bootstrap-servers and --command-config)" : ""));
            return KAFKA_ERROR;
        } finally {
            err.flush();
        }
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
            sb.append(" <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
            e = cause;
        }
        return sb.toString();
    }

    /**
     * Kafka's clients log connection retries and configuration at length; the command prints its own lines
     * and reports failures itself. Takes effect only before the first logger exists, as in a fresh JVM.
     */
    static void useQuietLogging() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "ntrk-dead-letters-logback.xml");
        }
    }
}
