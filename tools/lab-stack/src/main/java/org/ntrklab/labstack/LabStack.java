package org.ntrklab.labstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ntrklab.identity.IdentityServer;
import org.ntrklab.infra.BindAddress;
import org.ntrklab.infra.BrokerCertificate;
import org.ntrklab.infra.KafkaBroker;
import org.ntrklab.infra.LocalInfrastructure;
import org.ntrklab.platform.catalogue.ServiceCatalogue;
import org.ntrklab.platform.serde.RegistrySettings;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default: a Kafka broker and the schema registry with their data under one directory, and
 * the six services, each its own Spring application with its own web port, in this one JVM. Everything
 * a lab needs to see it work, with nothing else to install; each service still runs alone from its own jar.
 *
 * <p>This class answers where everything is and stops it all; {@link StackStart} starts the parts in order,
 * and {@link LabServices} starts and stops the services and the desk themselves.
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
     * @param kafkaListener where Kafka listens for clients
     */
    public record Settings(Path dataDir, int kafkaPort, int registryPort, int firstServicePort, int partitions,
            boolean simulatedTime, Map<String, String> extra, KafkaListener kafkaListener) {

        public Settings {
            extra = Map.copyOf(extra);
            kafkaListener = kafkaListener == null ? KafkaListener.LOOPBACK : kafkaListener;
        }

        /** Kafka on loopback only. */
        public Settings(Path dataDir, int kafkaPort, int registryPort, int firstServicePort, int partitions,
                boolean simulatedTime, Map<String, String> extra) {
            this(dataDir, kafkaPort, registryPort, firstServicePort, partitions, simulatedTime, extra, null);
        }

        /** The service's web port; 0 (any free port) for every service when the first port is 0. */
        public int port(LabService service) {
            return port(service.catalogue);
        }

        /** The sign-out desk's port: the one after the six services' (8187 by default), or any free port. */
        public int deskPort() {
            return port(ServiceCatalogue.DESK);
        }

        /** The identity provider's port: the one before accessioning's (8180 by default), or any free port. */
        public int identityPort() {
            return port(ServiceCatalogue.IDENTITY_PROVIDER);
        }

        /** The catalogue's port, moved with the first service's port: the catalogue's layout wherever it starts. */
        private int port(ServiceCatalogue entry) {
            return firstServicePort == 0 ? 0 : entry.port() + firstServicePort - ServiceCatalogue.ACCESSIONING.port();
        }
    }

    /**
     * Where Kafka listens for clients. Beyond loopback, passwords must not cross the network in clear: the
     * listener speaks SASL over TLS, with the lab's key store or, without one, a certificate made on first
     * start (its PEM in {@code secrets/tls/} for clients to trust).
     *
     * @param bindHost interface to bind, e.g. 0.0.0.0
     * @param advertisedHost the name clients on other machines connect to
     * @param keyStore the lab's PKCS12 key store, or null
     */
    public record KafkaListener(String bindHost, String advertisedHost, KafkaBroker.TlsKeyStore keyStore) {

        public static final KafkaListener LOOPBACK = new KafkaListener("127.0.0.1", "127.0.0.1", null);

        KafkaBroker.Settings apply(KafkaBroker.Settings broker, Path dataDir) {
            KafkaBroker.Settings s = broker.withHosts(bindHost, advertisedHost);
            if (keyStore != null) {
                return s.withTls(keyStore);
            }
            return BindAddress.beyondLoopback(bindHost)
                    ? s.withTls(BrokerCertificate.generatedIn(dataDir.resolve("secrets").resolve("tls"), advertisedHost))
                    : s;
        }
    }

    private final Settings settings;
    private final IdentityServer identity;
    private final LocalInfrastructure infra;
    private final String bootstrapServers;
    private final String registryUrl;
    private final Map<LabService, ConfigurableApplicationContext> services;
    private final ConfigurableApplicationContext desk;
    private final Duration startTime;
    private final LabAccess access;

    LabStack(Settings settings, IdentityServer identity, LocalInfrastructure infra, LabAccess access,
            String bootstrapServers, String registryUrl, Map<LabService, ConfigurableApplicationContext> services,
            ConfigurableApplicationContext desk, Duration startTime) {
        this.settings = settings;
        this.identity = identity;
        this.infra = infra;
        this.access = access;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.services = services;
        this.desk = desk;
        this.startTime = startTime;
    }

    static {
        // Six Spring applications share one logging system: none of them may reconfigure it.
        if (System.getProperty("org.springframework.boot.logging.LoggingSystem") == null) {
            System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        }
    }

    /**
     * Starts the identity provider, the broker and the registry, sets up the Kafka principals, then the six
     * services side by side; returns when all are up.
     */
    public static LabStack start(Settings settings, Consumer<String> progress) {
        return StackStart.everything(settings, progress);
    }

    /** Where the identity provider keeps its signing key and the generated credentials. */
    static Path identityDir(Settings settings) {
        return settings.dataDir().resolve("secrets").resolve("identity");
    }

    /**
     * Starts only the six services, against a Kafka cluster, a registry and an identity provider that run
     * elsewhere; their Kafka sign-in comes with the settings' extra properties ({@code spring.kafka.properties.*}).
     */
    public static LabStack startServices(Settings settings, String bootstrapServers, String registryUrl,
            String issuerUri, Consumer<String> progress) {
        return StackStart.services(settings, null, null, null, bootstrapServers, registryUrl, issuerUri, progress,
                System.nanoTime());
    }

    public Duration startTime() {
        return startTime;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Kafka client settings (bootstrap servers included) of one of the stack's principals, e.g.
     * {@code simulator}; empty when the stack runs against a Kafka cluster elsewhere.
     */
    public Map<String, Object> kafkaClientProperties(String principal) {
        return access == null ? Map.of() : access.clientProperties(principal);
    }

    /** The identity provider's issuer URI, or null when the stack uses one elsewhere. */
    public String issuerUri() {
        return identity == null ? null : identity.issuerUri();
    }

    /** Where clients ask the stack's identity provider for tokens (client credentials). */
    public String tokenUri() {
        return identity == null ? null : identity.tokenUri();
    }

    /** Secrets of the stack's OAuth2 clients and passwords of its users, by name; empty without its own provider. */
    public Map<String, String> identityCredentials() {
        return identity == null ? Map.of() : identity.credentials();
    }

    /** Whether this start generated the identity credentials (shown to the operator once). */
    public boolean identityCredentialsNew() {
        return identity != null && identity.firstStart();
    }

    /** Where the identity credentials are kept. */
    public Path identityCredentialsFile() {
        return identityDir(settings).resolve("credentials.json");
    }

    /** The web address of a service, e.g. {@code http://localhost:8185}. */
    public String url(LabService service) {
        return "http://localhost:" + port(service);
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

    /**
     * The sign-out desk's web address, on 127.0.0.1 (where the identity provider lets it sign people in), or
     * null when the stack runs without its own identity provider and so without the desk.
     */
    public String deskUrl() {
        return desk == null ? null : "http://127.0.0.1:" + desk.getEnvironment().getProperty("local.server.port")
                + "/desk/";
    }

    /** Where everything is, for the operator. */
    public List<String> endpoints() {
        List<String> lines = new ArrayList<>();
        if (identity != null) {
            lines.add(String.format("  %-34s %s", "Identity provider (OAuth2, OIDC)", identity.issuerUri()));
            lines.add(String.format("  %-34s %s", "  token endpoint", identity.tokenUri()));
        }
        lines.add(String.format("  %-34s %s", "Kafka bootstrap servers", bootstrapServers()));
        if (access != null) {
            lines.add(String.format("  %-34s %s", "Kafka client settings (SCRAM)",
                    access.directory().toAbsolutePath() + "/<principal>.properties"));
        }
        lines.add(String.format("  %-34s %s", "Schema registry (Apicurio v3 API)", registryUrl()));
        lines.add(String.format("  %-34s %s", "Schema registry (Confluent API)",
                RegistrySettings.of(registryUrl).confluentUrl()));
        if (desk != null) {
            lines.add(String.format("  %-34s %s", "Sign-out desk (for pathologists)", deskUrl()));
        }
        lines.add(String.format("  %-15s %-46s %s", "service", "REST", "metrics, health"));
        for (LabService s : LabService.values()) {
            String base = "http://localhost:" + port(s);
            lines.add(String.format("  %-15s %-46s %s", s.serviceName, base + s.restPath,
                    base + "/actuator/prometheus, " + base + "/actuator/health"));
        }
        return lines;
    }

    /**
     * Stops the desk, the services (each commits and closes its Streams client), the registry, the broker, then
     * the identity provider.
     */
    @Override
    public void close() {
        if (desk != null) {
            try {
                desk.close();
            } catch (RuntimeException e) {
                System.err.println("stopping the sign-out desk failed: " + e);
            }
        }
        LabServices.closeAll(services);
        if (infra != null) {
            infra.close();
        }
        if (identity != null) {
            identity.close();
        }
    }
}
