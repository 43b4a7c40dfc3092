package org.ntrklab.labstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.ntrklab.identity.IdentityServer;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.infra.KafkaBroker;
import org.ntrklab.infra.LocalInfrastructure;
import org.ntrklab.infra.OwnerOnlyFiles;
import org.ntrklab.labstack.LabStack.Settings;
import org.ntrklab.platform.topics.Topics;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the parts of a {@link LabStack} in the order each needs the one before: the identity provider (the
 * registry and the services check tokens against it), Kafka and the registry, the Kafka principals, the services,
 * then the desk (it talks to reporting and tat-metrics). Whatever fails, what was already started is stopped
 * again, so a failed start leaves nothing running. Each step is told to the operator as it begins.
 */
final class StackStart {

    private StackStart() {
    }

    static LabStack everything(Settings settings, Consumer<String> progress) {
        long started = System.nanoTime();
        Path identityDir = LabStack.identityDir(settings);
        progress.accept("Starting the identity provider (keys and credentials in " + identityDir.toAbsolutePath()
                + ") ...");
        IdentityServer identity = IdentityServer.start(new IdentityServer.Settings(identityDir, "127.0.0.1",
                settings.identityPort(), "localhost"));
        try {
            writeClientSecretFiles(identity, identityDir);
            progress.accept("Starting Kafka and the schema registry (data in " + settings.dataDir().toAbsolutePath()
                    + ") ...");
            LocalInfrastructure infra = LocalInfrastructure.start(settings.dataDir(), settings.kafkaListener().apply(
                    KafkaBroker.Settings.forDirectory(settings.dataDir().resolve("kafka"))
                            .withPorts(settings.kafkaPort(), 0), settings.dataDir()), settings.registryPort(),
                    identity.issuerUri());
            // The stack stops the registry after the services, which may still be writing when shutdown begins.
            infra.registry().stopOnlyWhenClosed();
            try {
                progress.accept("Setting up Kafka principals and ACLs (credentials in "
                        + LocalInfrastructure.kafkaCredentialsDir(settings.dataDir()).toAbsolutePath() + ") ...");
                LabAccess access = LabAccess.setUp(infra.broker(),
                        LocalInfrastructure.kafkaCredentialsDir(settings.dataDir()),
                        new Topics("", settings.partitions(), Topics.BROKER_DEFAULT_REPLICATION));
                return services(settings, identity, infra, access, infra.broker().bootstrapServers(),
                        infra.registry().coreApiUrl(), identity.issuerUri(), progress, started);
            } catch (RuntimeException e) {
                infra.close();
                throw e;
            }
        } catch (RuntimeException e) {
            identity.close();
            throw e;
        }
    }

    /**
     * The services, and the desk when the stack has its own identity provider.
     *
     * @param identity the stack's identity provider, or null when it uses one elsewhere
     * @param infra the stack's Kafka and registry, or null when they run elsewhere
     * @param access the stack's Kafka principals, or null when Kafka runs elsewhere
     * @param started when the start began ({@link System#nanoTime()}), for the start time the stack reports
     */
    static LabStack services(Settings settings, IdentityServer identity, LocalInfrastructure infra, LabAccess access,
            String bootstrapServers, String registryUrl, String issuerUri, Consumer<String> progress, long started) {
        Map<LabService, ConfigurableApplicationContext> services = LabServices.startAll(settings, identity, access,
                bootstrapServers, registryUrl, issuerUri, progress);
        ConfigurableApplicationContext desk = null;
        if (identity != null) {
            try {
                progress.accept("Starting the sign-out desk ...");
                desk = LabServices.startDesk(settings, identity, services);
            } catch (RuntimeException e) {
                LabServices.closeAll(services);
                throw new IllegalStateException("the sign-out desk did not start: " + e.getMessage(), e);
            }
        }
        return new LabStack(settings, identity, infra, access, bootstrapServers, registryUrl, services, desk,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Each OAuth2 client's secret alone in {@code <client>.secret} (owner-only), for tools that read a secret
     * from a file: Prometheus' {@code client_secret_file}, {@code curl -u client:$(cat ...)}.
     */
    private static void writeClientSecretFiles(IdentityServer identity, Path dir) {
        for (LabAccounts.Account client : LabAccounts.ofKind(LabAccounts.Kind.CLIENT)) {
            OwnerOnlyFiles.write(dir.resolve(client.name() + ".secret"), identity.credentials().get(client.name()));
        }
    }
}
