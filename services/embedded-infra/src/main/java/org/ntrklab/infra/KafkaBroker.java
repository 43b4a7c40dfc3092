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
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final int NODE_ID = 1;

    private final Settings settings;
    private final KafkaRaftServer server;
    private final String bootstrapServers;

    /**
     * @param logDir persistent log directory; formatted when it holds no broker data yet
     * @param host interface the listeners bind to
     * @param advertisedHost host name clients are told to connect to
     * @param port client port, 0 for any free port
     * @param controllerPort KRaft controller port, 0 for any free port
     * @param defaultPartitions partitions of topics created without an explicit count
     * @param overrides further broker properties, applied last
     */
    public record Settings(Path logDir, String host, String advertisedHost, int port, int controllerPort,
            int defaultPartitions, Map<String, String> overrides) {

        public static Settings forDirectory(Path logDir) {
            return new Settings(logDir, "127.0.0.1", "127.0.0.1", 0, 0, 6, Map.of());
        }

        public Settings withPorts(int port, int controllerPort) {
            return new Settings(logDir, host, advertisedHost, port, controllerPort, defaultPartitions, overrides);
        }

        public Settings withHosts(String host, String advertisedHost) {
            return new Settings(logDir, host, advertisedHost, port, controllerPort, defaultPartitions, overrides);
        }
    }

    private KafkaBroker(Settings settings, KafkaRaftServer server, String bootstrapServers) {
        this.settings = settings;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    public static KafkaBroker start(Settings requested) {
        int port = FreePorts.orFree(requested.port(), requested.host());
        int controllerPort = FreePorts.orFree(requested.controllerPort(), requested.host());
        Settings settings = requested.withPorts(port, controllerPort);
        Map<String, String> config = brokerConfig(settings);
        formatIfNew(settings.logDir(), config);

        long started = System.nanoTime();
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        String bootstrap = settings.advertisedHost() + ":" + port;
        KafkaBroker broker = new KafkaBroker(settings, server, bootstrap);
        try {
            server.startup();
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

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        log.info("Kafka broker at {} stopped", bootstrapServers);
    }

    static Map<String, String> brokerConfig(Settings s) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", String.valueOf(NODE_ID));
        c.put("controller.quorum.voters", NODE_ID + "@" + s.host() + ":" + s.controllerPort());
        c.put("listeners", "PLAINTEXT://" + s.host() + ":" + s.port() + ",CONTROLLER://" + s.host() + ":"
                + s.controllerPort());
        c.put("advertised.listeners", "PLAINTEXT://" + s.advertisedHost() + ":" + s.port());
        c.put("controller.listener.names", "CONTROLLER");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("log.dirs", s.logDir().toAbsolutePath().toString());
        c.put("num.partitions", String.valueOf(s.defaultPartitions()));
        // One node: internal topics cannot have more replicas than brokers, or consumer groups and
        // transactions wait forever for replicas that will never exist.
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "10");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "10");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("default.replication.factor", "1");
        c.put("min.insync.replicas", "1");
        // Topics are created deliberately from the topic catalogue; a typo must not create a new topic.
        c.put("auto.create.topics.enable", "false");
        c.put("group.initial.rebalance.delay.ms", "0");
        c.putAll(s.overrides());
        return c;
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

    private void awaitReady(Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
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
