package org.ntrklab.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller) run by Kafka's own
 * production server code, with a persistent log directory that is formatted on first start only, so
 * that topics, offsets and transactions survive a restart.
 *
 * <p>Secure whatever the caller does: every client authenticates with SASL SCRAM-SHA-512 on the client
 * listener and Kafka's StandardAuthorizer allows nothing that no ACL grants. The broker talks to itself
 * (controller and inter-broker traffic) on loopback-only listeners with SASL PLAIN as the super user
 * {@value #ADMIN}, whose password lives only in this process's configuration; the same password is set as
 * {@value #ADMIN}'s SCRAM credential on every start, so the operator's tools reach the client listener as
 * super user. PLAIN there needs no credential in the metadata, so a log directory formatted before
 * security was switched on starts as well as a new one.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    static final int NODE_ID = 1;

    /** The super user: the broker itself and the operator's administration (topics, users, ACLs). */
    public static final String ADMIN = "admin";
    static final String CLIENT_LISTENER = "CLIENT";
    static final String INTERNAL_LISTENER = "INTERNAL";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String LOOPBACK = "127.0.0.1";

    private final Settings settings;
    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final String internalBootstrapServers;

    /**
     * @param logDir persistent log directory; formatted when it holds no broker data yet
     * @param host interface the listeners bind to
     * @param advertisedHost host name clients are told to connect to
     * @param port client port, 0 for any free port
     * @param controllerPort KRaft controller port, 0 for any free port
     * @param defaultPartitions partitions of topics created without an explicit count
     * @param overrides further broker properties, applied last
     * @param adminPassword password of the super user {@value #ADMIN}
     * @param tls the client listener's TLS key store, or null for SASL over plain TCP (loopback only)
     */
    public record Settings(Path logDir, String host, String advertisedHost, int port, int controllerPort,
            int defaultPartitions, Map<String, String> overrides, String adminPassword, TlsKeyStore tls) {

        /** Loopback, free ports, six partitions, a new random super-user password, no TLS. */
        public static Settings forDirectory(Path logDir) {
            return new Settings(logDir, LOOPBACK, LOOPBACK, 0, 0, 6, Map.of(), KafkaCredentials.newPassword(), null);
        }

        public Settings withPorts(int port, int controllerPort) {
            return new Settings(logDir, host, advertisedHost, port, controllerPort, defaultPartitions, overrides,
                    adminPassword, tls);
        }

        public Settings withHosts(String host, String advertisedHost) {
            return new Settings(logDir, host, advertisedHost, port, controllerPort, defaultPartitions, overrides,
                    adminPassword, tls);
        }

        public Settings withAdminPassword(String password) {
            return new Settings(logDir, host, advertisedHost, port, controllerPort, defaultPartitions, overrides,
                    password, tls);
        }

        public Settings withTls(TlsKeyStore keyStore) {
            return new Settings(logDir, host, advertisedHost, port, controllerPort, defaultPartitions, overrides,
                    adminPassword, keyStore);
        }

        /** What the client listener speaks. */
        public String securityProtocol() {
            return tls == null ? "SASL_PLAINTEXT" : "SASL_SSL";
        }
    }

    /**
     * A PKCS12 key store holding the client listener's certificate and key.
     *
     * @param path the key store file
     * @param password its password (also the key's)
     * @param clientTrust a PEM certificate clients trust, when the certificate was made here; null when the lab
     *     supplied one its clients already trust through their own CA
     */
    public record TlsKeyStore(Path path, String password, Path clientTrust) {

        /** Client settings that trust the broker: the PEM certificate, or nothing (the clients' own trust). */
        public Map<String, String> clientSettings() {
            return clientTrust == null ? Map.of() : Map.of("ssl.truststore.type", "PEM",
                    "ssl.truststore.location", clientTrust.toAbsolutePath().toString());
        }
    }

    private KafkaBroker(Settings settings, KafkaRaftServer server, String bootstrapServers,
            String internalBootstrapServers) {
        this.settings = settings;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.internalBootstrapServers = internalBootstrapServers;
    }

    public static KafkaBroker start(Settings requested) {
        int port = FreePorts.orFree(requested.port(), requested.host());
        int controllerPort = requested.controllerPort() == 0 ? FreePorts.findOther(LOOPBACK, port)
                : requested.controllerPort();
        Settings settings = requested.withPorts(port, controllerPort);
        int internalPort = FreePorts.findOther(LOOPBACK, port, controllerPort);
        Map<String, String> config = brokerConfig(settings, internalPort);
        formatIfNew(settings.logDir(), config);

        long started = System.nanoTime();
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        String bootstrap = settings.advertisedHost() + ":" + port;
        KafkaBroker broker = new KafkaBroker(settings, server, bootstrap, LOOPBACK + ":" + internalPort);
        try {
            server.startup();
            broker.setAdminScramCredential(Duration.ofSeconds(60));
            broker.awaitReady(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            // release threads, ports and the log directory lock before reporting the failure
            broker.close();
            throw e;
        }
        log.info("Kafka broker ready at {} (log dir {}) in {} ms", bootstrap, settings.logDir(),
                (System.nanoTime() - started) / 1_000_000);
        return broker;
    }

    /** Kafka client bootstrap address, {@code host:port}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Settings settings() {
        return settings;
    }

    /** What the client listener speaks: SASL_PLAINTEXT, or SASL_SSL with a key store. */
    public String securityProtocol() {
        return settings.securityProtocol();
    }

    /** Client settings of the super user on the client listener, bootstrap servers included. */
    public Map<String, Object> adminClientProperties() {
        Map<String, Object> p = new LinkedHashMap<>(KafkaCredentials.clientProperties(ADMIN, settings.adminPassword(),
                securityProtocol()));
        p.put("bootstrap.servers", bootstrapServers);
        if (settings.tls() != null) {
            if (settings.tls().clientTrust() != null) {
                p.putAll(settings.tls().clientSettings());
            } else {
                // the stack's own clients trust the supplied key store's certificate directly
                p.put("ssl.truststore.location", settings.tls().path().toAbsolutePath().toString());
                p.put("ssl.truststore.password", settings.tls().password());
                p.put("ssl.truststore.type", "PKCS12");
            }
        }
        return p;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        log.info("Kafka broker at {} stopped", bootstrapServers);
    }

    static Map<String, String> brokerConfig(Settings s, int internalPort) {
        return BrokerConfig.of(s, internalPort);
    }

    private static void formatIfNew(Path logDir, Map<String, String> config) {
        try {
            Files.createDirectories(logDir);
            if (Files.exists(logDir.resolve("meta.properties"))) {
                return;
            }
            String dir = logDir.toAbsolutePath().toString();
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dir))
                    .setMetadataLogDirectory(dir)
                    .setControllerListenerName(config.get("controller.listener.names"))
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
            log.info("Formatted new Kafka log directory {}", dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka log directory " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + logDir, e);
        }
    }

    /**
     * Sets {@value #ADMIN}'s SCRAM credential to this start's password, over the internal listener where
     * the super user signs in with PLAIN: a restart with a new password needs no cleanup.
     */
    private void setAdminScramCredential(Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrapServers);
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "PLAIN");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + ADMIN + "\" password=\"" + settings.adminPassword() + "\";");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(ADMIN,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), settings.adminPassword())))
                            .all().get();
                    return;
                } catch (ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("cannot set the Kafka super user's credential", e.getCause());
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up the Kafka super user", e);
        }
    }

    private void awaitReady(Duration timeout) {
        Properties props = new Properties();
        props.putAll(adminClientProperties());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get().isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker at " + bootstrapServers
                                + " did not become ready within " + timeout, e);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }
}
