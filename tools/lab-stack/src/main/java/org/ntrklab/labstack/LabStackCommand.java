package org.ntrklab.labstack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.ntrklab.deadletters.DeadLettersCommand;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.infra.KafkaBroker;
import org.ntrklab.infra.LocalInfrastructure;
import org.ntrklab.platform.access.KafkaAccessPolicy;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.simulator.Durations;
import org.ntrklab.simulator.RunOptions;
import org.ntrklab.simulator.SimulatorCommand;
import org.ntrklab.simulator.feed.PathologistSignIn;
import org.ntrklab.simulator.feed.SimulationSettings;
import org.ntrklab.simulator.load.LoadBenchmark;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One command for the whole laboratory on one machine: Kafka, the schema registry, the six services and,
 * when asked, the LIMS simulator. Prints where everything is, stops cleanly on Ctrl-C, and resumes where it
 * left off when started again on the same data directory.
 */
@Command(name = "lab-stack", mixinStandardHelpOptions = true, version = "NTRK Lab Workflow lab stack 0.1.0",
        sortOptions = false,
        description = {"Runs Kafka, the schema registry and the six NTRK Lab Workflow services in one process.",
                "With 'dead-letters', looks at and re-drives dead letters on the stack's Kafka instead (see"
                        + " 'dead-letters --help')."})
public final class LabStackCommand implements Callable<Integer> {

    /** Drafts a demo leaves for a person at the desk unless --leave-unsigned says otherwise. */
    static final int DEMO_DRAFTS_FOR_THE_DESK = 3;

    @Option(names = "--data-dir", defaultValue = "data",
            description = "broker log, schemas, service state, credentials and log (default: ${DEFAULT-VALUE})")
    // Initialised as well as defaulted, as --kafka-port: the dead-letters subcommand reads it.
    Path dataDir = Path.of("data");

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka port (default: ${DEFAULT-VALUE})")
    // Initialised as well as defaulted: the dead-letters subcommand reads it while picocli is still
    // applying the defaults of this command.
    int kafkaPort = 9092;

    @Option(names = "--kafka-host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "interface Kafka listens on for clients; beyond loopback it speaks SASL over TLS"
                    + " (default: ${DEFAULT-VALUE})")
    String kafkaHost;

    @Option(names = "--kafka-advertised-host", paramLabel = "NAME",
            description = "host name other machines reach Kafka by (default: --kafka-host, or this machine's name"
                    + " when that is 0.0.0.0)")
    String kafkaAdvertisedHost;

    @Option(names = "--kafka-keystore", paramLabel = "FILE",
            description = "PKCS12 key store with Kafka's TLS certificate (default: one made on first start when"
                    + " --kafka-host is not loopback)")
    Path kafkaKeyStore;

    @Option(names = "--kafka-keystore-password-file", paramLabel = "FILE",
            description = "file holding the key store's password")
    Path kafkaKeyStorePasswordFile;

    @Option(names = "--registry-port", defaultValue = "8081",
            description = "schema registry port (default: ${DEFAULT-VALUE})")
    int registryPort;

    @Option(names = "--http-port", defaultValue = "8181",
            description = "accessioning's port; the other services take the next five, the sign-out desk the one"
                    + " after, the identity provider the one before (default: ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--partitions", defaultValue = "6", description = "partitions per topic (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--demo", arity = "0..1", fallbackValue = "300", paramLabel = "CASES",
            description = "once up, let the LIMS simulator send CASES realistic cases (default 300) in compressed lab"
                    + " time and check every report against its ground truth")
    Integer demoCases;

    @Mixin
    RunOptions.DemoPace demoPace = new RunOptions.DemoPace();

    @Option(names = "--load", description = "once up, run the load benchmark (see --rate, --duration)")
    boolean load;

    @Mixin
    RunOptions.LoadRate loadRate = new RunOptions.LoadRate();

    @Mixin
    RunOptions.Draw draw = new RunOptions.Draw();

    @Option(names = "--simulated-time", description = "event times come from a simulator, not from today: turnaround"
            + " checks follow the events' own clock (implied by --demo and --load)")
    boolean simulatedTime;

    @Option(names = "--exit-when-done", description = "stop the stack after the demo or load run; the exit code says"
            + " whether every case ended as it should")
    boolean exitWhenDone;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "a service property for all six services, e.g."
            + " --set ntrk.reporting.auto-sign-out=true (repeatable)")
    Map<String, String> extra = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line: the stack itself, or with {@code dead-letters ...} the dead-letter command against
     * the stack's Kafka (localhost and {@code --kafka-port}, given before the subcommand). Only the last
     * command given runs, so without a subcommand the stack starts as always.
     */
    static CommandLine commandLine() {
        LabStackCommand stack = new LabStackCommand();
        CommandLine cli = new CommandLine(stack).registerConverter(Duration.class, Durations::parse);
        // The stack's operator signs in with the credentials the stack generated into its data directory.
        cli.addSubcommand("dead-letters", DeadLettersCommand.commandLine(() -> "localhost:" + stack.kafkaPort,
                () -> LocalInfrastructure.kafkaCredentialsDir(stack.dataDir)
                        .resolve(KafkaAccessPolicy.OPERATOR + ".properties").toString()));
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        if (demoCases != null && load) {
            throw new CommandLine.ParameterException(new CommandLine(this), "choose --demo or --load, not both");
        }
        if (demoCases != null && (leftForTheDesk() < 0 || leftForTheDesk() > demoCases)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--leave-unsigned must be between 0 and"
                    + " the demo's " + demoCases + " cases, got " + leftForTheDesk());
        }
        Files.createDirectories(dataDir);
        configureLogging(dataDir.resolve("logs"));
        boolean simulated = simulatedTime || demoCases != null || load;
        LabStack.Settings settings = new LabStack.Settings(dataDir, kafkaPort, registryPort, httpPort, partitions,
                simulated, extra, kafkaListener());
        LabStack stack = LabStack.start(settings, System.out::println);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<LabStack> running = new AtomicReference<>(stack);
        Thread hook = new Thread(() -> {
            LabStack s = running.getAndSet(null);
            if (s != null) {
                System.out.println("Stopping the lab stack ...");
                s.close();
                System.out.println("Stopped. Data kept in " + dataDir.toAbsolutePath() + "; start again to resume.");
            }
            stopped.countDown();
        }, "lab-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.printf("%nNTRK Lab Workflow lab stack is up (%.1f s):%n", stack.startTime().toMillis() / 1000.0);
        stack.endpoints().forEach(System.out::println);
        System.out.println("  Log: " + dataDir.resolve("logs").resolve("lab-stack.log").toAbsolutePath());
        if (stack.identityCredentialsNew()) {
            System.out.println();
            System.out.println("Sign-in credentials, generated now and shown only this once (kept, owner-only, in "
                    + stack.identityCredentialsFile().toAbsolutePath() + "):");
            stack.identityCredentials().forEach((name, secret) -> System.out.printf("  %-24s %s%n", name, secret));
        }
        if (stack.deskUrl() != null) {
            System.out.println();
            System.out.println("Sign-out desk: open " + stack.deskUrl() + " and sign in as '"
                    + LabAccounts.PATHOLOGIST_USER + "' with " + (stack.identityCredentialsNew()
                            ? "the password above."
                            : "its password from " + stack.identityCredentialsFile().toAbsolutePath() + "."));
        }
        Boolean clean = null;
        if (demoCases != null) {
            System.out.println();
            clean = SimulatorCommand.runDemo(simulation(stack, demoCases, demoPace.pace()));
            if (leftForTheDesk() > 0 && stack.deskUrl() != null) {
                System.out.println();
                System.out.println(leftForTheDesk() + " draft(s) await sign-out: open " + stack.deskUrl()
                        + ", sign in as '" + LabAccounts.PATHOLOGIST_USER + "' and sign them out.");
            }
        } else if (load) {
            System.out.println();
            LoadBenchmark.Figures figures = LoadBenchmark.run(new LoadBenchmark.Settings(
                    simulation(stack, loadRate.cases(), loadRate.pace()), loadRate.rate, loadRate.duration,
                    ProcessHandle.current().pid(), stack.startTime()), System.out);
            clean = figures.summary().clean();
        }
        if (exitWhenDone) {
            Runtime.getRuntime().removeShutdownHook(hook);
            hook.run();
            return clean == null || clean ? 0 : 1;
        }
        System.out.println(System.lineSeparator() + "Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }

    private LabStack.KafkaListener kafkaListener() throws java.io.IOException {
        String advertised = kafkaAdvertisedHost != null ? kafkaAdvertisedHost
                : "0.0.0.0".equals(kafkaHost) ? java.net.InetAddress.getLocalHost().getCanonicalHostName() : kafkaHost;
        KafkaBroker.TlsKeyStore keyStore = null;
        if (kafkaKeyStore != null) {
            if (kafkaKeyStorePasswordFile == null) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--kafka-keystore needs --kafka-keystore-password-file");
            }
            keyStore = new KafkaBroker.TlsKeyStore(kafkaKeyStore, Files.readString(kafkaKeyStorePasswordFile).strip(),
                    null);
        }
        return new LabStack.KafkaListener(kafkaHost, advertised, keyStore);
    }

    private SimulationSettings simulation(LabStack stack, int cases, SimulationSettings.Pace pace) {
        return new SimulationSettings(stack.bootstrapServers(), stack.registryUrl(),
                new Topics("", partitions, Topics.BROKER_DEFAULT_REPLICATION), cases, draw.seed, draw.firstDay(), pace,
                Duration.ofMinutes(30)).withKafkaClient(stack.kafkaClientProperties(KafkaAccessPolicy.SIMULATOR))
                // The demo's pathologist is a client of the stack's identity provider: who signs comes from its token.
                .withPathologist(new PathologistSignIn(URI.create(stack.url(LabService.REPORTING)),
                        URI.create(stack.tokenUri()), LabAccounts.DEMO_PATHOLOGIST,
                        stack.identityCredentials().get(LabAccounts.DEMO_PATHOLOGIST)))
                // Drafts are left for the desk in a demo only: a load run measures every case to its report.
                .withLeftForTheDesk(demoCases != null ? leftForTheDesk() : 0);
    }

    /** A demo leaves a few drafts for a person to sign out at the desk, unless told otherwise. */
    private int leftForTheDesk() {
        return demoPace.leaveUnsigned(Math.min(DEMO_DRAFTS_FOR_THE_DESK, demoCases == null ? 0 : demoCases));
    }

    /** Logs to a file under the data directory; the console keeps the progress lines. Set before any logger exists. */
    private static void configureLogging(Path logDir) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "ntrk-lab-stack-logback.xml");
        }
        System.setProperty("ntrk.lab-stack.log-dir", logDir.toAbsolutePath().toString());
        // The web servers log through java.util.logging: into the same file.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
