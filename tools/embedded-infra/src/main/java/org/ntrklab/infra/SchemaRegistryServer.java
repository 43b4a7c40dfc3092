package org.ntrklab.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Apicurio Registry server as a supervised child process: persistent storage (an H2 database file
 * under the data directory, so schema ids survive a restart), health-checked before use, and stopped with
 * its parent, also when the parent is killed. Clients use {@link #confluentCompatibleUrl()} (Confluent's
 * serializers, any language) or {@link #coreApiUrl()} (Apicurio's serdes).
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param dataDir persistent directory for the schema database and the server log
     * @param host interface to bind and the host name clients use
     * @param port HTTP port, 0 for any free port
     * @param maxHeap child JVM heap limit, e.g. {@code 256m}
     * @param startTimeout how long to wait for the server to report ready
     * @param issuerUri the identity provider whose tokens sign in writers (see {@link RegistryAccess}); null
     *     leaves writes open, which is allowed on a loopback address only
     * @param extraProperties further Quarkus/Apicurio properties passed as {@code -Dkey=value}
     */
    public record Settings(Path dataDir, String host, int port, String maxHeap, Duration startTimeout,
            String issuerUri, Map<String, String> extraProperties) {

        public Settings {
            if (issuerUri == null && BindAddress.beyondLoopback(host)) {
                throw new IllegalArgumentException("a schema registry listening on " + host + " needs an identity"
                        + " provider for its writers (issuer URI); without one it may listen on loopback only");
            }
            extraProperties = extraProperties == null ? Map.of() : Map.copyOf(extraProperties);
        }

        public static Settings forDirectory(Path dataDir) {
            return new Settings(dataDir, "127.0.0.1", 0, "320m", Duration.ofSeconds(180), null, Map.of());
        }

        public Settings withPort(int newPort) {
            return new Settings(dataDir, host, newPort, maxHeap, startTimeout, issuerUri, extraProperties);
        }

        /** Writers sign in with tokens of this identity provider; reads stay open. */
        public Settings withIssuer(String newIssuerUri) {
            return new Settings(dataDir, host, port, maxHeap, startTimeout, newIssuerUri, extraProperties);
        }
    }

    private final Settings settings;
    private final Process process;
    private final Thread shutdownHook;

    private SchemaRegistryServer(Settings settings, Process process) {
        this.settings = settings;
        this.process = process;
        this.shutdownHook = new Thread(this::stopProcess, "registry-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static SchemaRegistryServer start(Settings requested) {
        Settings settings = requested.withPort(FreePorts.orFree(requested.port(), requested.host()));
        RegistryDistribution distribution = RegistryDistribution.locate();
        try {
            Files.createDirectories(settings.dataDir());
            Path logFile = settings.dataDir().resolve("registry.log");
            List<String> command = command(settings, distribution, watchdogClassPath(settings.dataDir()));
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            SchemaRegistryServer server = new SchemaRegistryServer(settings, process);
            try {
                server.awaitReady(logFile);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            log.info("Apicurio Registry {} ready at {} (data {}) in {} ms", distribution.version(), server.url(),
                    settings.dataDir(), (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Apicurio Registry", e);
        }
    }

    /** Base URL, {@code http://host:port}. */
    public String url() {
        return "http://" + settings.host() + ":" + settings.port();
    }

    /** Apicurio's own REST API (v3), used by the Apicurio serdes. */
    public String coreApiUrl() {
        return url() + "/apis/registry/v3";
    }

    /** The Confluent Schema Registry compatible API, for Confluent's serializers in any language. */
    public String confluentCompatibleUrl() {
        return url() + "/apis/ccompat/v7";
    }

    public Settings settings() {
        return settings;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The caller stops the registry itself, in its own order (e.g. after the services that use it), also at
     * JVM shutdown; if the JVM is killed instead, the registry's watchdog still ends it with its parent.
     */
    public void stopOnlyWhenClosed() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to do
        }
    }

    private synchronized void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                log.warn("Apicurio Registry did not stop within 30 s; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        log.info("Apicurio Registry at {} stopped", url());
    }

    private static List<String> command(Settings s, RegistryDistribution distribution, Path watchdogDir) {
        Path db = s.dataDir().toAbsolutePath().resolve("registry");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + s.maxHeap());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Dquarkus.http.host=" + s.host());
        cmd.add("-Dquarkus.http.port=" + s.port());
        cmd.add("-Dquarkus.management.port=" + FreePorts.find(s.host()));
        cmd.add("-Dquarkus.log.console.color=false");
        cmd.add("-Dapicurio.storage.kind=sql");
        cmd.add("-Dapicurio.storage.sql.kind=h2");
        cmd.add("-Dapicurio.datasource.url=jdbc:h2:file:" + db);
        cmd.add("-Dapicurio.datasource.username=sa");
        cmd.add("-Dapicurio.datasource.password=sa");
        // Nothing is ever deleted, through any API.
        RegistryAccess.noDeletion().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        // A new schema version must read data written with the previous one; the default of every subject
        // until a writer sets a stricter rule of its own.
        cmd.add("-Dapicurio.rules.global.compatibility=BACKWARD");
        if (s.issuerUri() != null) {
            RegistryAccess.properties(s.issuerUri()).forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        }
        s.extraProperties().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(watchdogDir + java.io.File.pathSeparator + distribution.runnerJar());
        cmd.add(ParentWatchdog.class.getName());
        cmd.add(String.valueOf(ProcessHandle.current().pid()));
        cmd.add("io.quarkus.runner.GeneratedMain");
        return cmd;
    }

    /** Copies the watchdog class out of this library, so the child needs nothing of ours but that one class. */
    private static Path watchdogClassPath(Path dataDir) throws IOException {
        Path root = dataDir.resolve("watchdog");
        String resource = ParentWatchdog.class.getName().replace('.', '/') + ".class";
        Path target = root.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = ParentWatchdog.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return root.toAbsolutePath();
    }

    private void awaitReady(Path logFile) {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with code " + process.exitValue()
                        + " before becoming ready; last log lines:\n" + tail(logFile));
            }
            try {
                HttpResponse<String> response = HTTP.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
            }
            sleep(250);
        }
        throw new IllegalStateException("Apicurio Registry at " + url() + " not ready within "
                + settings.startTimeout() + "; last log lines:\n" + tail(logFile));
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
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
