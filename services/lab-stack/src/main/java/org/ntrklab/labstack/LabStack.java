package org.ntrklab.labstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.ntrklab.infra.LocalInfrastructure;
import org.ntrklab.platform.serde.RegistrySettings;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default: a Kafka broker and the schema registry with their data under one directory, and
 * the six services, each its own Spring application with its own web port, in this one JVM. Everything
 * a lab needs to see it work, with nothing else to install; each service still runs alone from its own jar.
 */
public final class LabStack implements AutoCloseable {

    /**
     * @param dataDir broker log, registry database, Kafka Streams state and the stack's log
     * @param kafkaPort broker port
     * @param registryPort schema registry HTTP port
     * @param firstServicePort accessioning's port; the others follow (8181 gives 8181 to 8186); 0 for any free ports
     * @param partitions partitions per topic
     * @param simulatedTime event times come from the simulator, not from today: turnaround checks follow
     *     the events' own clock
     * @param extra further service properties, e.g. {@code ntrk.reporting.auto-sign-out=true}
     */
    public record Settings(Path dataDir, int kafkaPort, int registryPort, int firstServicePort, int partitions,
            boolean simulatedTime, Map<String, String> extra) {

        public Settings {
            extra = Map.copyOf(extra);
        }

        /** The service's web port; 0 (any free port) for every service when the first port is 0. */
        public int port(LabService service) {
            return firstServicePort == 0 ? 0 : firstServicePort + service.ordinal();
        }
    }

    private final Settings settings;
    private final LocalInfrastructure infra;
    private final String bootstrapServers;
    private final String registryUrl;
    private final Map<LabService, ConfigurableApplicationContext> services;
    private final Duration startTime;

    private LabStack(Settings settings, LocalInfrastructure infra, String bootstrapServers, String registryUrl,
            Map<LabService, ConfigurableApplicationContext> services, Duration startTime) {
        this.settings = settings;
        this.infra = infra;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.services = services;
        this.startTime = startTime;
    }

    static {
        // Six Spring applications share one logging system: none of them may reconfigure it.
        if (System.getProperty("org.springframework.boot.logging.LoggingSystem") == null) {
            System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        }
    }

    /** Starts the broker and the registry, then the six services side by side; returns when all are up. */
    public static LabStack start(Settings settings, Consumer<String> progress) {
        long started = System.nanoTime();
        progress.accept("Starting Kafka and the schema registry (data in " + settings.dataDir().toAbsolutePath() + ") ...");
        LocalInfrastructure infra = LocalInfrastructure.start(settings.dataDir(), settings.kafkaPort(),
                settings.registryPort());
        // The stack stops the registry after the services, which may still be writing when shutdown begins.
        infra.registry().stopOnlyWhenClosed();
        try {
            return startServices(settings, infra, infra.broker().bootstrapServers(), infra.registry().coreApiUrl(),
                    progress, started);
        } catch (RuntimeException e) {
            infra.close();
            throw e;
        }
    }

    /** Starts only the six services, against a Kafka cluster and a registry that run elsewhere. */
    public static LabStack startServices(Settings settings, String bootstrapServers, String registryUrl,
            Consumer<String> progress) {
        return startServices(settings, null, bootstrapServers, registryUrl, progress, System.nanoTime());
    }

    private static LabStack startServices(Settings settings, LocalInfrastructure infra, String bootstrapServers,
            String registryUrl, Consumer<String> progress, long started) {
        Map<LabService, ConfigurableApplicationContext> services = Collections.synchronizedMap(new EnumMap<>(LabService.class));
        progress.accept("Starting the six services ...");
        // Side by side: each start waits on Kafka and the registry much of the time.
        ExecutorService starter = Executors.newFixedThreadPool(LabService.values().length, r -> new Thread(r, "lab-stack-start"));
        List<Future<?>> startups = new ArrayList<>();
        for (LabService service : LabService.values()) {
            startups.add(starter.submit(() -> {
                services.put(service, startService(service, settings, bootstrapServers, registryUrl));
                progress.accept("  " + service.serviceName + " is up");
            }));
        }
        // Every start is waited for, failed or not, so that a failure leaves no service half-started behind.
        Throwable failure = null;
        for (Future<?> f : startups) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            }
        }
        starter.shutdown();
        if (failure != null) {
            closeServices(services);
            throw new IllegalStateException("the lab stack did not start: " + failure.getMessage(), failure);
        }
        return new LabStack(settings, infra, bootstrapServers, registryUrl, services,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static ConfigurableApplicationContext startService(LabService service, Settings settings,
            String bootstrapServers, String registryUrl) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.application.name", service.serviceName);
        p.put("ntrk.service-name", service.serviceName);
        p.put("server.port", String.valueOf(settings.port(service)));
        p.put("spring.kafka.bootstrap-servers", bootstrapServers);
        p.put("ntrk.registry.url", registryUrl);
        p.put("ntrk.topics.partitions", String.valueOf(settings.partitions()));
        p.put("ntrk.streams.state-dir", settings.dataDir().resolve("streams").toString());
        p.put("spring.main.banner-mode", "off");
        // All six services share this class path, so each reads its own file name: a lab tunes one service
        // with config/<service>.yml (or .properties) in the working directory.
        p.put("spring.config.name", service.serviceName);
        p.put("spring.config.location", "optional:file:./config/");
        // Each service keeps its meters to itself; the JVM-wide registry would mix six services' counts.
        p.put("management.metrics.use-global-registry", "false");
        if (settings.simulatedTime()) {
            p.put("ntrk.tat.clock", "STREAM_TIME");
        }
        p.putAll(settings.extra());
        List<String> args = new ArrayList<>();
        p.forEach((k, v) -> args.add("--" + k + "=" + v));
        // The stack closes the services itself, in order, before the registry and the broker.
        return new SpringApplicationBuilder(service.application).registerShutdownHook(false)
                .run(args.toArray(String[]::new));
    }

    public Duration startTime() {
        return startTime;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The registry's Apicurio core API URL. */
    public String registryUrl() {
        return registryUrl;
    }

    /** The web port a service listens on (chosen by the system when the settings left it to it). */
    public int port(LabService service) {
        ConfigurableApplicationContext context = services.get(service);
        String port = context == null ? null : context.getEnvironment().getProperty("local.server.port");
        return port == null ? settings.port(service) : Integer.parseInt(port);
    }

    /** Where everything is, for the operator. */
    public List<String> endpoints() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("  %-34s %s", "Kafka bootstrap servers", bootstrapServers()));
        lines.add(String.format("  %-34s %s", "Schema registry (Apicurio v3 API)", registryUrl()));
        lines.add(String.format("  %-34s %s", "Schema registry (Confluent API)",
                RegistrySettings.of(registryUrl).confluentUrl()));
        lines.add(String.format("  %-15s %-46s %s", "service", "REST", "metrics, health"));
        for (LabService s : LabService.values()) {
            String base = "http://localhost:" + port(s);
            lines.add(String.format("  %-15s %-46s %s", s.serviceName, base + s.restPath,
                    base + "/actuator/prometheus, " + base + "/actuator/health"));
        }
        return lines;
    }

    /** Stops the services (each commits and closes its Streams client), then the registry and the broker. */
    @Override
    public void close() {
        closeServices(services);
        if (infra != null) {
            infra.close();
        }
    }

    private static void closeServices(Map<LabService, ConfigurableApplicationContext> services) {
        List<LabService> order = new ArrayList<>(List.of(LabService.values()));
        Collections.reverse(order);
        for (LabService s : order) {
            ConfigurableApplicationContext context = services.remove(s);
            if (context != null) {
                try {
                    context.close();
                } catch (RuntimeException e) {
                    System.err.println("stopping " + s.serviceName + " failed: " + e);
                }
            }
        }
    }
}
