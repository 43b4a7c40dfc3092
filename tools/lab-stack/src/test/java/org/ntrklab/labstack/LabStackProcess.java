package org.ntrklab.labstack;

import java.io.IOException;
import java.io.Reader;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged lab stack run as its own process, exactly as the README starts it, on free ports and a
 * data directory of the test's own. Its console goes to a file the test can show when something fails.
 */
final class LabStackProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        // All ports are held open until each is chosen, so that no two choices can coincide. They are taken
        // below the kernel's ephemeral range (32768 and up on Linux): a restart reuses them minutes later, and a
        // port from that range may meanwhile be the local end of some client connection (the simulator's own
        // connections to the broker, for one).
        List<ServerSocket> held = new ArrayList<>();
        try {
            // kafka, registry, identity provider, the six services, then the sign-out desk
            int first = holdRange(held, LabService.values().length + 4);
            this.kafkaPort = first;
            this.registryPort = first + 1;
            this.httpPort = first + 3;
        } finally {
            held.forEach(LabStackProcess::closeQuietly);
        }
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

    /**
     * A principal's Kafka client settings as the stack generated them into its data directory
     * ({@code secrets/kafka/<principal>.properties}), bootstrap servers included.
     */
    Map<String, Object> kafkaClient(String principal) {
        Properties file = new Properties();
        try (Reader r = Files.newBufferedReader(dataDir.resolve("secrets").resolve("kafka")
                .resolve(principal + ".properties"))) {
            file.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("no Kafka credentials of " + principal + " in " + dataDir, e);
        }
        Map<String, Object> client = new HashMap<>();
        file.stringPropertyNames().forEach(k -> client.put(k, file.getProperty(k)));
        client.put("bootstrap.servers", bootstrapServers());
        return client;
    }

    String registryUrl() {
        return "http://127.0.0.1:" + registryPort + "/apis/registry/v3";
    }

    /**
     * GET on one service's web port, with a token as the lab's dashboards and screens would have one: the
     * monitoring client's for metrics, the lab reader's for everything else.
     */
    String get(LabService service, String path) {
        String client = path.startsWith("/actuator/prometheus") ? "ntrk-monitoring" : "ntrk-lab-reader";
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + (httpPort + service.ordinal()) + path)).header("Authorization", "Bearer " + token(client))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
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

    /** The identity provider's port: the one before the first service's. */
    int identityPort() {
        return httpPort - 1;
    }

    /** A secret the stack generated for one of its OAuth2 clients (its {@code <client>.secret} file). */
    String secret(String clientId) {
        try {
            return Files.readString(dataDir.resolve("secrets").resolve("identity").resolve(clientId + ".secret"));
        } catch (IOException e) {
            throw new UncheckedIOException("the stack has no secret of " + clientId, e);
        }
    }

    /** An access token for one of the stack's clients, from its identity provider, as any client gets one. */
    String token(String clientId) throws IOException, InterruptedException {
        String basic = java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret(clientId))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(tokenUri()))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("no token for " + clientId + ": " + r.statusCode());
        }
        return JSON.readTree(r.body()).path("access_token").asString();
    }

    String tokenUri() {
        return "http://localhost:" + identityPort() + "/oauth2/token";
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

    /**
     * Kills the stack outright (SIGKILL) and waits until it and its children (the registry process, which
     * exits when its parent is gone) have ended, so the ports are free for {@link #restart()}.
     */
    int kill() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        try {
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the lab stack did not die within a minute");
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (children.stream().anyMatch(ProcessHandle::isAlive)) {
                if (System.nanoTime() > deadline) {
                    children.forEach(ProcessHandle::destroyForcibly);
                    throw new IllegalStateException("the lab stack's child processes outlived it by a minute");
                }
                sleep(200);
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

    /** Opens a server socket on {@code port} (0: any) and keeps it in {@code held}; returns its port. */
    private static int hold(List<ServerSocket> held, int port) {
        try {
            ServerSocket s = new ServerSocket(port);
            held.add(s);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first of {@code n} consecutive free ports below the ephemeral range, all held. */
    private static int holdRange(List<ServerSocket> held, int n) {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            List<ServerSocket> range = new ArrayList<>();
            try {
                int first = 20_000 + random.nextInt(12_000);
                hold(range, first);
                for (int p = first + 1; p < first + n; p++) {
                    hold(range, p);
                }
                held.addAll(range);
                return first;
            } catch (UncheckedIOException taken) {
                range.forEach(LabStackProcess::closeQuietly);
            }
        }
        throw new IllegalStateException("no " + n + " consecutive free ports");
    }

    private static void closeQuietly(ServerSocket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing held any more
        }
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
