package org.ntrklab.platform.serde;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.ntrklab.platform.access.ClientCredentialsToken;

/**
 * Plain HTTP calls to the registry's Confluent-compatible API, signed in as the client's Apicurio settings
 * say: an OAuth2 bearer token from the identity provider (client credentials,
 * {@link RegistrySettings#clientCredentials}) or HTTP basic ({@code apicurio.registry.auth.username} and
 * {@code .password}). A transport failure, or no token to be had, is a {@link RegistryUnavailableException};
 * what a status code means is left to the caller.
 */
final class RegistryHttp {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final RegistrySettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ClientCredentialsToken token;

    RegistryHttp(RegistrySettings settings) {
        this.settings = settings;
        Map<String, String> client = settings.clientProperties();
        this.token = client.containsKey(RegistrySettings.TOKEN_URL)
                ? new ClientCredentialsToken(URI.create(client.get(RegistrySettings.TOKEN_URL)),
                        client.get(RegistrySettings.CLIENT_ID), client.get(RegistrySettings.CLIENT_SECRET))
                : null;
    }

    record Response(int status, String body) {

        boolean ok() {
            return status / 100 == 2;
        }

        /** 5xx, throttling, and refusals of our own credentials: the registry's state, not the caller's data. */
        boolean registryTrouble() {
            return status >= 500 || status == 429 || status == 401 || status == 403 || status == 408;
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    String baseUrl() {
        return settings.confluentUrl();
    }

    static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create(settings.confluentUrl() + path);
    }

    private Response send(HttpRequest.Builder request) {
        request.header("Content-Type", CONTENT_TYPE).header("Accept", CONTENT_TYPE).timeout(Duration.ofSeconds(10));
        String user = settings.clientProperties().get("apicurio.registry.auth.username");
        String password = settings.clientProperties().get("apicurio.registry.auth.password");
        if (token != null) {
            try {
                request.header("Authorization", "Bearer " + token.value());
            } catch (ClientCredentialsToken.Unavailable e) {
                throw new RegistryUnavailableException("no token to sign in to the schema registry: " + e.getMessage(), e);
            }
        } else if (user != null && password != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 && token != null) {
                token.forget(); // revoked, or signed with a rotated key: the next call takes a new one
            }
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new RegistryUnavailableException("schema registry at " + settings.confluentUrl()
                    + " unreachable (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while talking to the schema registry", e);
        }
    }
}
