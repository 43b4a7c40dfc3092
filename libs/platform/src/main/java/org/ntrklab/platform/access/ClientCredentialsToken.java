package org.ntrklab.platform.access;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OAuth2 access token of one confidential client, taken from the identity provider's token endpoint with
 * the client-credentials grant (client authentication {@code client_secret_basic}, as RFC 6749 section 2.3.1
 * asks: id and secret form-encoded before Base64) and reused until shortly before it expires. Used by every
 * non-browser client of ours: the services towards the schema registry, the simulator's pathologist.
 */
public final class ClientCredentialsToken {

    /** A token is fetched again when less than this remains of it, so none expires during a request. */
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant renewAt = Instant.EPOCH;

    public ClientCredentialsToken(URI tokenUrl, String clientId, String clientSecret) {
        if (tokenUrl == null || clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("a client-credentials token needs the token URL, a client id and its secret");
        }
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /**
     * The current token, fetched when missing or about to expire.
     *
     * @throws Unavailable when the identity provider cannot be reached or refuses the client
     */
    public synchronized String value() throws Unavailable {
        if (token != null && Instant.now().isBefore(renewAt)) {
            return token;
        }
        String basic = Base64.getEncoder().encodeToString((form(clientId) + ":" + form(clientSecret))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(tokenUrl).timeout(TIMEOUT)
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("identity provider at " + tokenUrl + " unreachable (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while fetching a token for " + clientId, e);
        }
        if (response.statusCode() != 200) {
            // the body may name the client; the status says enough
            throw new Unavailable("identity provider at " + tokenUrl + " refused a token for " + clientId + ": HTTP "
                    + response.statusCode(), null);
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            String value = body.path("access_token").asString("");
            if (value.isEmpty()) {
                throw new Unavailable("identity provider at " + tokenUrl + " answered without an access token", null);
            }
            token = value;
            // An absurd lifetime from the provider is held to between a minute and a day.
            long lifetime = Math.max(60, Math.min(86_400, body.path("expires_in").asLong(60)));
            renewAt = Instant.now().plusSeconds(lifetime).minus(RENEW_BEFORE_EXPIRY);
            return token;
        } catch (JacksonException e) {
            throw new Unavailable("identity provider at " + tokenUrl + " answered with no JSON token", null);
        }
    }

    /** Forgets the current token (e.g. after a 401: revoked, or signed with a rotated key). */
    public synchronized void forget() {
        token = null;
        renewAt = Instant.EPOCH;
    }

    public String clientId() {
        return clientId;
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** No token now: the identity provider is unreachable or refused the client. */
    public static final class Unavailable extends IOException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public String toString() {
        return "ClientCredentialsToken[" + clientId + " at " + tokenUrl + "]"; // never the secret
    }
}
