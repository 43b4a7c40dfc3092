package org.ntrklab.infra;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: starts the Kafka broker and Apicurio Registry with persistent data under one directory,
 * prints where they are, and runs until interrupted (Ctrl-C), then stops both cleanly.
 *
 * <pre>
 * java -jar tools/embedded-infra/target/ntrk-embedded-infra-*-exec.jar [data-dir] [kafka-port] [registry-port]
 * </pre>
 * Defaults: {@code ./data}, 9092, 8081.
 */
public final class LocalInfrastructure implements AutoCloseable {

    private final KafkaBroker broker;
    private final SchemaRegistryServer registry;

    private LocalInfrastructure(KafkaBroker broker, SchemaRegistryServer registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /**
     * Starts both servers with data under {@code dataDir/kafka} and {@code dataDir/registry}; Kafka
     * credentials are kept (generated on first start) in {@link #kafkaCredentialsDir(Path)}.
     */
    public static LocalInfrastructure start(Path dataDir, int kafkaPort, int registryPort) {
        return start(dataDir, KafkaBroker.Settings.forDirectory(dataDir.resolve("kafka")).withPorts(kafkaPort, 0),
                registryPort, null);
    }

    /**
     * As {@link #start(Path, int, int)}, with the broker's settings given (its admin password comes from the
     * data directory) and the identity provider whose tokens the registry requires of writers (null: writes
     * open, the registry being on loopback).
     */
    public static LocalInfrastructure start(Path dataDir, KafkaBroker.Settings brokerSettings, int registryPort,
            String registryIssuerUri) {
        KafkaCredentials credentials = KafkaCredentials.in(kafkaCredentialsDir(dataDir), brokerSettings.securityProtocol(),
                brokerSettings.tls() == null ? Map.of() : brokerSettings.tls().clientSettings());
        KafkaBroker broker = KafkaBroker.start(brokerSettings.withAdminPassword(credentials.password(KafkaBroker.ADMIN)));
        credentials.clientConfigFile(KafkaBroker.ADMIN);
        try {
            SchemaRegistryServer registry = SchemaRegistryServer.start(
                    SchemaRegistryServer.Settings.forDirectory(dataDir.resolve("registry")).withPort(registryPort)
                            .withIssuer(registryIssuerUri));
            return new LocalInfrastructure(broker, registry);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** Where the Kafka client credentials of a data directory live, one properties file per principal. */
    public static Path kafkaCredentialsDir(Path dataDir) {
        return dataDir.resolve("secrets").resolve("kafka");
    }

    public KafkaBroker broker() {
        return broker;
    }

    public SchemaRegistryServer registry() {
        return registry;
    }

    @Override
    public void close() {
        registry.close();
        broker.close();
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "ntrk-infra-logback.xml");
        }
        Path dataDir = Path.of(args.length > 0 ? args[0] : "data");
        int kafkaPort = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
        int registryPort = args.length > 2 ? Integer.parseInt(args[2]) : 8081;
        System.out.println("Starting Kafka and Apicurio Registry with data in " + dataDir.toAbsolutePath() + " ...");
        LocalInfrastructure infra = start(dataDir, kafkaPort, registryPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping ...");
            infra.close();
            stopped.countDown();
        }, "infra-shutdown"));
        System.out.println("Kafka bootstrap servers:         " + infra.broker().bootstrapServers() + " ("
                + infra.broker().securityProtocol() + ", SCRAM-SHA-512)");
        System.out.println("Kafka super user settings:       "
                + kafkaCredentialsDir(dataDir).resolve(KafkaBroker.ADMIN + ".properties").toAbsolutePath());
        System.out.println("Schema registry (Apicurio v3):   " + infra.registry().coreApiUrl());
        System.out.println("Schema registry (Confluent API): " + infra.registry().confluentCompatibleUrl());
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }
}
