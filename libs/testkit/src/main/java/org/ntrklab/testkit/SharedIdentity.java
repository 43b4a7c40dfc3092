package org.ntrklab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.ntrklab.identity.IdentityServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One real identity provider (the embedded authorization server) for the whole test JVM, started on first
 * use and stopped, with its keys and secrets deleted, when the JVM exits. Services started by tests trust
 * it ({@link #issuerUri()}); tests take their tokens from it as any client would, over HTTP.
 */
public final class SharedIdentity {

    /** A token is fetched again when less than this remains of it, so none expires during a request. */
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static SharedIdentity instance;
    private static RuntimeException startFailure;

    private final Path dataDir;
    private final IdentityServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant renewAt) {
    }

    private SharedIdentity(Path dataDir, IdentityServer server) {
        this.dataDir = dataDir;
        this.server = server;
    }

    /** The identity provider of this JVM, started now if this is the first call. */
    public static synchronized SharedIdentity get() {
        if (startFailure != null) {
            throw new IllegalStateException("the test identity provider failed to start", startFailure);
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

    private static SharedIdentity start() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("ntrk-test-identity");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Inside the temporary directory: the server creates its own directory owner-only.
        IdentityServer server = IdentityServer.start(IdentityServer.Settings.forDirectory(dataDir.resolve("identity")));
        SharedIdentity identity = new SharedIdentity(dataDir, server);
        Runtime.getRuntime().addShutdownHook(new Thread(identity::stopAndDelete, "test-identity-shutdown"));
        return identity;
    }

    /** What the services' {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} is set to. */
    public String issuerUri() {
        return server.issuerUri();
    }

    public String tokenUri() {
        return server.tokenUri();
    }

    /** A client's secret or a user's password, as generated on the server's first start. */
    public String secret(String name) {
        String secret = server.credentials().get(name);
        if (secret == null) {
            throw new IllegalArgumentException("the identity provider has no client or user " + name);
        }
        return secret;
    }

    /**
     * An access token of the client (see {@code LabAccounts} for the clients and their roles), from the token
     * endpoint with the client-credentials grant; reused until shortly before it expires.
     */
    public String token(String clientId) {
        Token current = tokens.get(clientId);
        if (current == null || Instant.now().isAfter(current.renewAt())) {
            current = fetch(clientId);
            tokens.put(clientId, current);
        }
        return current.value();
    }

    private Token fetch(String clientId) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret(clientId))
                .getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.tokenUri()))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no token for " + clientId + ": " + response.statusCode() + " "
                        + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            Instant expiry = Instant.now().plusSeconds(body.get("expires_in").asLong());
            return new Token(body.get("access_token").asString(), expiry.minus(RENEW_BEFORE_EXPIRY));
        } catch (IOException e) {
            throw new UncheckedIOException("no token for " + clientId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching a token for " + clientId, e);
        }
    }

    private synchronized void stopAndDelete() {
        server.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
