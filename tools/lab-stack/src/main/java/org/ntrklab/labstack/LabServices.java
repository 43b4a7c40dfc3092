package org.ntrklab.labstack;

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
import org.ntrklab.desk.DeskApplication;
import org.ntrklab.identity.IdentityServer;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.labstack.LabStack.Settings;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The six services and the sign-out desk as Spring applications in the stack's JVM: what each is told at start
 * (its port, Kafka, the registry, the identity provider, its state directory), and the order they stop in. All
 * of them share one class path, so everything that tells them apart is a property given here.
 */
final class LabServices {

    private LabServices() {
    }

    /**
     * Starts the six services side by side and returns when all are up; if one fails, the others are stopped
     * and the failure is thrown.
     *
     * @param identity the stack's identity provider, or null when it uses one elsewhere
     * @param access the stack's Kafka principals, or null when it runs against a Kafka cluster elsewhere
     */
    static Map<LabService, ConfigurableApplicationContext> startAll(Settings settings, IdentityServer identity,
            LabAccess access, String bootstrapServers, String registryUrl, String issuerUri,
            Consumer<String> progress) {
        Map<LabService, ConfigurableApplicationContext> services = Collections.synchronizedMap(new EnumMap<>(LabService.class));
        progress.accept("Starting the six services ...");
        // Side by side: each start waits on Kafka and the registry much of the time.
        ExecutorService starter = Executors.newFixedThreadPool(LabService.values().length, r -> new Thread(r, "lab-stack-start"));
        List<Future<?>> startups = new ArrayList<>();
        for (LabService service : LabService.values()) {
            startups.add(starter.submit(() -> {
                services.put(service, startService(service, settings, identity, access, bootstrapServers,
                        registryUrl, issuerUri));
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
            closeAll(services);
            throw new IllegalStateException("the lab stack did not start: " + failure.getMessage(), failure);
        }
        return services;
    }

    /**
     * The pathologist's sign-out desk, signed in through the stack's identity provider, over reporting's and
     * tat-metrics' REST APIs. Only with the stack's own identity provider: a hospital's IdP registers the desk
     * at the address it runs from, so there the desk runs from its own jar.
     */
    static ConfigurableApplicationContext startDesk(Settings settings, IdentityServer identity,
            Map<LabService, ConfigurableApplicationContext> services) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.application.name", "desk");
        p.put("server.port", String.valueOf(settings.deskPort()));
        p.put("spring.security.oauth2.client.provider.ntrk.issuer-uri", identity.issuerUri());
        p.put("ntrk.desk.reporting-url", "http://localhost:" + port(services, LabService.REPORTING));
        p.put("ntrk.desk.tat-metrics-url", "http://localhost:" + port(services, LabService.TAT_METRICS));
        // The stack's identity provider accepts the desk at 127.0.0.1 on any port; localhost is moved there.
        p.put("ntrk.desk.loopback-address", "true");
        p.put("spring.main.banner-mode", "off");
        p.put("spring.config.name", "desk");
        p.put("spring.config.location", "optional:file:./config/");
        p.put("management.metrics.use-global-registry", "false");
        return DeskApplication.builder().registerShutdownHook(false).run(args(p));
    }

    /** Stops the services in the reverse of their catalogue order; a failure to stop one does not keep the rest. */
    static void closeAll(Map<LabService, ConfigurableApplicationContext> services) {
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

    private static String port(Map<LabService, ConfigurableApplicationContext> services, LabService service) {
        return services.get(service).getEnvironment().getProperty("local.server.port");
    }

    private static ConfigurableApplicationContext startService(LabService service, Settings settings,
            IdentityServer identity, LabAccess access, String bootstrapServers, String registryUrl, String issuerUri) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.application.name", service.serviceName);
        p.put("ntrk.service-name", service.serviceName);
        p.put("server.port", String.valueOf(settings.port(service)));
        p.put("spring.kafka.bootstrap-servers", bootstrapServers);
        if (access != null) {
            // Each service signs in as itself and may touch only what the access policy grants it.
            p.putAll(access.springProperties(service.serviceName));
        }
        p.put("ntrk.registry.url", registryUrl);
        if (identity != null) {
            // The registry takes schema registrations only from the services' client of this identity provider.
            p.put("ntrk.registry.auth.token-url", identity.tokenUri());
            p.put("ntrk.registry.auth.client-id", LabAccounts.SERVICES);
            p.put("ntrk.registry.auth.client-secret", identity.credentials().get(LabAccounts.SERVICES));
        }
        // Every REST call needs a token from this issuer; the signing pathologist comes from it.
        p.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuerUri);
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
            // The simulated pathologist's sign-outs carry their lab time, so turnaround is in lab time too.
            p.put("ntrk.reporting.simulated-time", "true");
        }
        p.putAll(settings.extra());
        // The stack closes the services itself, in order, before the registry and the broker.
        return new SpringApplicationBuilder(service.application).registerShutdownHook(false).run(args(p));
    }

    /** Properties as command-line arguments, which outrank every file a lab may leave in ./config/. */
    private static String[] args(Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return args.toArray(String[]::new);
    }
}
