package org.ntrklab.labstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged lab stack run as its own process, exactly as the README starts it, on free ports and a
 * data directory of the test's own. Its console goes to a file the test can show when something fails.
 */
final class LabStackProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Path dataDir;
    final int kafkaPort;
    final int registryPort;
    final int httpPort;
    private final List<String> extraArgs;
    private final Path console;
    private Process process;
    private int launches;

    private LabStackProcess(Path dataDir, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.kafkaPort = freePort();
        this.registryPort = freePort();
        this.httpPort = freePortRange(LabService.values().length);
        this.extraArgs = extraArgs;
        this.console = dataDir.resolveSibling(dataDir.getFileName() + "-console.log");
    }

    /** Starts the stack and returns once it has printed that it is up. */
    static LabStackProcess start(Path dataDir, String... extraArgs) {
        LabStackProcess stack = new LabStackProcess(dataDir, List.of(extraArgs));
        stack.launch();
        return stack;
    }

    /** Starts the same stack again (same data, same ports) after {@link #stop()}. */
    void restart() {
        launch();
    }

    private void launch() {
        String jar = System.getProperty("ntrk.lab-stack.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the packaged lab stack " + jar + " is missing: run mvn verify");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dmaven.repo.local=" + System.getProperty("maven.repo.local", ""), "-jar", jar,
                "--data-dir", dataDir.toString(), "--kafka-port", String.valueOf(kafkaPort),
                "--registry-port", String.valueOf(registryPort), "--http-port", String.valueOf(httpPort)));
        command.addAll(extraArgs);
        try {
            Files.createDirectories(dataDir);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        launches++;
        while (upLines() < launches) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the lab stack exited with " + process.exitValue() + ":\n" + console());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the lab stack was not up within " + START_TIMEOUT + ":\n" + console());
            }
            sleep(250);
        }
    }

    private long upLines() {
        return console().lines().filter(l -> l.contains("lab stack is up")).count();
    }

    String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    String registryUrl() {
        return "http://127.0.0.1:" + registryPort + "/apis/registry/v3";
    }

    /** GET on one service's web port. */
    String get(LabService service, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + (httpPort + service.ordinal()) + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " on " + service.serviceName + " answered "
                        + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the stack as Ctrl-C would and waits for it to finish its shutdown. */
    int stop() {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("the lab stack did not stop within 2 minutes:\n" + console());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String console() {
        try {
            return Files.exists(console) ? Files.readString(console) : "";
        } catch (IOException e) {
            return "(console unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first of {@code n} consecutive free ports. */
    private static int freePortRange(int n) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = freePort();
            if (first + n > 65535) {
                continue;
            }
            boolean free = true;
            for (int p = first; p < first + n && free; p++) {
                try (ServerSocket s = new ServerSocket(p)) {
                    free = true;
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("no " + n + " consecutive free ports");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
