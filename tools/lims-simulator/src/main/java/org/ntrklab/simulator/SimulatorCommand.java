package org.ntrklab.simulator;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ntrklab.platform.access.KafkaClientFile;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.simulator.feed.LabSimulation;
import org.ntrklab.simulator.feed.PathologistSignIn;
import org.ntrklab.simulator.feed.SimulationSettings;
import org.ntrklab.simulator.feed.SimulationSummary;
import org.ntrklab.simulator.load.LoadBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The LIMS simulator's command line: {@code demo} sends N realistic cases in compressed lab time and checks
 * every report against the ground truth; {@code load} drives the services at a target rate and prints
 * throughput, latency percentiles, memory and the raw-Kafka ratio.
 */
@Command(name = "lims-simulator", mixinStandardHelpOptions = true, version = "NTRK Lab Workflow LIMS simulator 0.1.0",
        description = "Realistic LIMS, bench, instrument and pathologist traffic for NTRK Lab Workflow.",
        subcommands = {SimulatorCommand.Demo.class, SimulatorCommand.Load.class})
public final class SimulatorCommand implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "ntrk-simulator-logback.xml");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with our converters, also for the lab stack's own use. */
    public static CommandLine commandLine() {
        return new CommandLine(new SimulatorCommand()).registerConverter(Duration.class, Durations::parse);
    }

    /** Where the services are and how the cases are drawn. */
    public static final class Connection {

        @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092",
                description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
        String bootstrapServers;

        @Option(names = "--command-config", paramLabel = "FILE",
                description = "Kafka client properties with the simulator's sign-in (security.protocol, sasl.*,"
                        + " ssl.*), e.g. the lab stack's secrets/kafka/simulator.properties")
        Path commandConfig;

        @Option(names = "--reporting-url", defaultValue = "http://localhost:8185",
                description = "reporting's REST API, where the pathologist signs out (default: ${DEFAULT-VALUE})")
        URI reportingUrl;

        @Option(names = "--token-url", paramLabel = "URL",
                description = "the identity provider's OAuth2 token endpoint for the pathologist's client")
        URI tokenUrl;

        @Option(names = "--client-id", defaultValue = "ntrk-demo-pathologist",
                description = "the pathologist's OAuth2 client (role pathologist; default: ${DEFAULT-VALUE})")
        String clientId;

        @Option(names = "--client-secret-file", paramLabel = "FILE",
                description = "file holding that client's secret (never on the command line)")
        Path clientSecretFile;

        @Option(names = "--registry-url", defaultValue = "http://localhost:8081/apis/registry/v3",
                description = "Apicurio Registry core API URL (default: ${DEFAULT-VALUE})")
        String registryUrl;

        @Option(names = "--topic-prefix", defaultValue = "",
                description = "prefix of every topic name, as the services' ntrk.topics.prefix (default: none)")
        String topicPrefix;

        @Option(names = "--partitions", defaultValue = "6",
                description = "partitions per topic, as the services' ntrk.topics.partitions (default: ${DEFAULT-VALUE})")
        int partitions;

        @Mixin
        RunOptions.Draw draw = new RunOptions.Draw();

        @Option(names = "--timeout", defaultValue = "10m",
                description = "give up waiting for the last report after this long (default: ${DEFAULT-VALUE})")
        Duration timeout;

        SimulationSettings settings(int cases, SimulationSettings.Pace pace) {
            return new SimulationSettings(bootstrapServers, registryUrl,
                    new Topics(topicPrefix, partitions, Topics.BROKER_DEFAULT_REPLICATION), cases, draw.seed,
                    draw.firstDay(), pace, timeout).withKafkaClient(clientSettings()).withPathologist(pathologist());
        }

        /** The pathologist's sign-in, or none (the run then ends at the drafts) without a token URL. */
        private PathologistSignIn pathologist() {
            if (tokenUrl == null) {
                return null;
            }
            if (clientSecretFile == null) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--token-url needs --client-secret-file");
            }
            try {
                String secret = Files.readString(clientSecretFile).strip();
                if (secret.isEmpty()) {
                    throw new CommandLine.ParameterException(new CommandLine(this), "--client-secret-file "
                            + clientSecretFile + " is empty");
                }
                return new PathologistSignIn(reportingUrl, tokenUrl, clientId, secret);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), "cannot read --client-secret-file "
                        + clientSecretFile + ": " + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
            }
        }

        private Map<String, Object> clientSettings() {
            if (commandConfig == null) {
                return Map.of();
            }
            try {
                return KafkaClientFile.load(commandConfig);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), "cannot read --command-config "
                        + e.getMessage());
            }
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Send N cases in compressed lab time, print progress, check every report against the truth.")
    static final class Demo implements Callable<Integer> {

        @Mixin
        Connection connection = new Connection();

        @Option(names = "--cases", defaultValue = "300", description = "cases to send (default: ${DEFAULT-VALUE})")
        int cases;

        @Mixin
        RunOptions.DemoPace pace = new RunOptions.DemoPace();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SimulationSettings settings = connection.settings(cases, pace.pace());
            try {
                settings = settings.withLeftForTheDesk(pace.leaveUnsigned(0));
            } catch (IllegalArgumentException e) {
                // a usage error, told as one (on this command's own error stream) before anything is sent
                throw new CommandLine.ParameterException(spec.commandLine(), "--leave-unsigned: " + e.getMessage());
            }
            return runDemo(settings) ? 0 : 1;
        }
    }

    /** Runs a demo and prints its progress and summary; true when every case ended as it should. */
    public static boolean runDemo(SimulationSettings settings) {
        System.out.printf("Demo: %d cases, one lab day every %s of wall time, %d receipts a day, from %s%s%n",
                settings.cases(), Durations.format(settings.pace().wallPerLabDay()), settings.pace().casesPerLabDay(),
                settings.firstDay().toString().substring(0, 10), settings.leftForTheDesk() == 0 ? ""
                        : "; the first " + settings.leftForTheDesk() + " draft(s) left unsigned for the desk");
        try (LabSimulation lab = new LabSimulation(settings).start()) {
            SimulationSummary summary = lab.awaitCompletion(line -> System.out.println(line));
            summary.print(System.out);
            return summary.clean();
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Drive the services at a target rate; print throughput, latency, memory and the ratio to raw"
                    + " Kafka.")
    static final class Load implements Callable<Integer> {

        @Mixin
        Connection connection = new Connection();

        @Mixin
        RunOptions.LoadRate load = new RunOptions.LoadRate();

        @Option(names = "--stack-pid", description = "process id of the lab stack, for its memory (default: none)")
        Long stackPid;

        @Override
        public Integer call() {
            SimulationSettings settings = connection.settings(load.cases(), load.pace());
            LoadBenchmark.Figures figures = LoadBenchmark.run(new LoadBenchmark.Settings(settings, load.rate,
                    load.duration, stackPid == null ? -1 : stackPid), System.out);
            return figures.summary().clean() ? 0 : 1;
        }
    }
}
