package org.ntrklab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.infra.KafkaBroker;
import org.ntrklab.infra.KafkaCredentials;
import org.ntrklab.infra.SchemaRegistryServer;

/**
 * One real Kafka broker and one real Apicurio Registry (trusting {@link SharedIdentity}'s tokens for writes)
 * for the whole test JVM, started on first use and
 * stopped (with their data deleted) when the JVM exits. Tests never share topics or application ids:
 * each takes its own {@link TestNamespace}.
 *
 * <p>The broker is as secure as in production (SASL SCRAM, ACLs, nothing allowed by default). A test's
 * own clients sign in as the super user with {@link #adminClientProperties()}; services and the
 * principals a test checks sign in with their own credentials from {@link #credentials()}.
 */
public final class SharedInfrastructure {

    private static SharedInfrastructure instance;
    private static RuntimeException startFailure;

    private final Path dataDir;
    private final KafkaBroker broker;
    private final KafkaCredentials credentials;
    private SchemaRegistryServer registry;

    private SharedInfrastructure(Path dataDir, KafkaBroker broker, KafkaCredentials credentials,
            SchemaRegistryServer registry) {
        this.dataDir = dataDir;
        this.broker = broker;
        this.credentials = credentials;
        this.registry = registry;
    }

    /** The broker and registry of this JVM, started now if this is the first call. */
    public static synchronized SharedInfrastructure get() {
        if (startFailure != null) {
            // one failed start is reported to every test instead of being retried by each
            throw new IllegalStateException("test infrastructure failed to start", startFailure);
        }
        if (instance == null) {
            try {
                instance = start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return instance;
    }

    private static SharedInfrastructure start() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("ntrk-test-infra");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaBroker.Settings settings = KafkaBroker.Settings.forDirectory(dataDir.resolve("kafka"));
        KafkaCredentials credentials = KafkaCredentials.in(dataDir.resolve("secrets").resolve("kafka"),
                settings.securityProtocol());
        KafkaBroker broker = KafkaBroker.start(settings.withAdminPassword(credentials.password(KafkaBroker.ADMIN)));
        try {
            // As in production, the registry takes schema registrations only with a token of the identity provider.
            SchemaRegistryServer registry = SchemaRegistryServer.start(SchemaRegistryServer.Settings
                    .forDirectory(dataDir.resolve("registry")).withIssuer(SharedIdentity.get().issuerUri()));
            SharedInfrastructure infra = new SharedInfrastructure(dataDir, broker, credentials, registry);
            Runtime.getRuntime().addShutdownHook(new Thread(infra::stopAndDelete, "test-infra-shutdown"));
            return infra;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The super user's client settings, bootstrap servers included: for a test's own producers, consumers and admin. */
    public Map<String, Object> adminClientProperties() {
        return new HashMap<>(broker.adminClientProperties());
    }

    /** A principal's client settings, bootstrap servers included; its password is generated on first use. */
    public Map<String, Object> clientProperties(String principal) {
        Map<String, Object> p = new HashMap<>(credentials.clientProperties(principal));
        p.put("bootstrap.servers", broker.bootstrapServers());
        return p;
    }

    /** Passwords of the principals tests create (the broker learns them when they are granted access). */
    public KafkaCredentials credentials() {
        return credentials;
    }

    /** Apicurio core API URL, as the Apicurio serdes expect it. */
    public synchronized String registryUrl() {
        return registry.coreApiUrl();
    }

    /**
     * The Apicurio client settings of a schema writer: signed in to the registry as the services' OAuth2 client
     * of {@link SharedIdentity}, whose role lets it register schemas (see {@code RegistrySettings.of(url, map)}).
     */
    public Map<String, String> registryClientProperties() {
        SharedIdentity identity = SharedIdentity.get();
        return Map.of("apicurio.registry.auth.service.token.endpoint", identity.tokenUri(),
                "apicurio.registry.auth.client.id", LabAccounts.SERVICES,
                "apicurio.registry.auth.client.secret", identity.secret(LabAccounts.SERVICES));
    }

    /** Confluent-compatible API URL of the registry. */
    public synchronized String confluentCompatibleRegistryUrl() {
        return registry.confluentCompatibleUrl();
    }

    /** Stops the registry process and starts it again on the same port with the same storage. */
    public synchronized void restartRegistry() {
        stopRegistry();
        startRegistry();
    }

    /** Stops the registry process, to test behaviour during a registry outage; {@link #startRegistry()} brings it back. */
    public synchronized void stopRegistry() {
        registry.close();
    }

    /** Starts the registry again after {@link #stopRegistry()}, on the same port with the same storage. */
    public synchronized void startRegistry() {
        if (registry.isAlive()) {
            return;
        }
        registry = SchemaRegistryServer.start(registry.settings());
    }

    public Path dataDir() {
        return dataDir;
    }

    private synchronized void stopAndDelete() {
        registry.close();
        broker.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
