package org.ntrklab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line that starts Kafka and the registry, run as a user would run it, in its own JVM: it
 * prints where everything is, serves the registry's Confluent-compatible API, and when it is killed
 * outright (no shutdown hook runs) the registry child process goes with it instead of lingering.
 */
class LocalInfrastructureCommandTest {

    @Test
    void startsBothServersPrintsTheirAddressesAndTakesTheRegistryDownWhenKilled(@TempDir Path dir) throws Exception {
        int kafkaPort = FreePorts.find("127.0.0.1");
        int registryPort = FreePorts.find("127.0.0.1");
        Process command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local",
                        Path.of(System.getProperty("user.home"), ".m2", "repository").toString()),
                "-cp", System.getProperty("java.class.path"), LocalInfrastructure.class.getName(),
                dir.toString(), String.valueOf(kafkaPort), String.valueOf(registryPort))
                .redirectErrorStream(true)
                .start();
        try {
            List<String> output = readUntil(command, "Press Ctrl-C to stop.", Duration.ofSeconds(180));
            assertThat(output).anySatisfy(l -> assertThat(l).contains("Kafka bootstrap servers:", ":" + kafkaPort));
            String ccompat = "http://127.0.0.1:" + registryPort + "/apis/ccompat/v7";
            assertThat(output).anySatisfy(l -> assertThat(l).contains(ccompat));

            HttpResponse<String> subjects = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(ccompat + "/subjects")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.statusCode()).isEqualTo(200);

            Optional<ProcessHandle> registry = command.toHandle().children().findFirst();
            assertThat(registry).as("registry child process").isPresent();

            command.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(registry.get().onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            command.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            command.destroyForcibly();
        }
    }

    private static List<String> readUntil(Process process, String marker, Duration timeout) throws Exception {
        List<String> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeout.toNanos();
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(timeout.toMillis());
                process.destroyForcibly();
            } catch (InterruptedException ignored) {
                // finished in time
            }
        });
        timer.setDaemon(true);
        timer.start();
        String line;
        while ((line = reader.readLine()) != null) {
            lines.add(line);
            if (line.contains(marker)) {
                timer.interrupt();
                // keep emptying the pipe, or a chatty process blocks on a full one
                Thread drain = new Thread(() -> reader.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return lines;
            }
        }
        throw new AssertionError("command ended before printing '" + marker + "' (timed out: "
                + (System.nanoTime() > deadline) + "); output:\n" + String.join("\n", lines));
    }
}
