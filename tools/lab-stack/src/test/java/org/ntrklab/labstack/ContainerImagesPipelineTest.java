package org.ntrklab.labstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.simulator.feed.LabSimulation;
import org.ntrklab.simulator.feed.PathologistSignIn;
import org.ntrklab.simulator.feed.SimulationSettings;
import org.ntrklab.testkit.SharedIdentity;
import org.ntrklab.identity.LabAccounts;
import java.net.URI;
import org.ntrklab.simulator.feed.SimulationSummary;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The six services against the container images a Docker Compose or Kubernetes installation uses:
 * apache/kafka and Apicurio Registry. The simulator drives cases through them and every one must end as the
 * embedded stack's do. Runs with {@code mvn verify -Pdocker} on a machine with Docker; the same behaviour
 * is checked without Docker by {@link LabStackEndToEndIT}.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class ContainerImagesPipelineTest {

    private static final int CASES = 60;

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Container
    static final GenericContainer<?> REGISTRY = new GenericContainer<>("apicurio/apicurio-registry:3.0.9")
            .withExposedPorts(8080)
            .waitingFor(Wait.forHttp("/apis/registry/v3/system/info").forStatusCode(200))
            .withStartupTimeout(Duration.ofMinutes(3));

    @Test
    void theSimulatedLabRunsOnTheKafkaAndApicurioImages(@TempDir Path tmp) {
        String registryUrl = "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8080) + "/apis/registry/v3";
        LabStack.Settings settings = new LabStack.Settings(tmp, 0, 0, 0, 3, true,
                Map.of("ntrk.topics.replication-factor", "1"));
        // The images' broker has no authentication; the REST APIs still trust the embedded identity provider.
        SharedIdentity identity = SharedIdentity.get();
        try (LabStack services = LabStack.startServices(settings, KAFKA.getBootstrapServers(), registryUrl,
                        identity.issuerUri(), line -> { });
                LabSimulation lab = new LabSimulation(new SimulationSettings(KAFKA.getBootstrapServers(), registryUrl,
                        new Topics("", 3, (short) 1), CASES, 5L, Instant.parse("2026-03-02T00:00:00Z"),
                        SimulationSettings.Pace.demo(Duration.ofMillis(300), 60), Duration.ofMinutes(6))
                        .withPathologist(new PathologistSignIn(URI.create(services.url(LabService.REPORTING)),
                                URI.create(identity.tokenUri()), LabAccounts.DEMO_PATHOLOGIST,
                                identity.secret(LabAccounts.DEMO_PATHOLOGIST)))).start()) {
            SimulationSummary summary = lab.awaitCompletion(line -> { });
            summary.print(System.out);
            assertThat(summary.clean()).as("every case ended as it should").isTrue();
            assertThat(summary.reportedTwice()).isZero();
        }
    }
}
