package org.ntrklab.simulator.feed;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The pathologist's sign-out through reporting's REST API, as a person's client would do it: with an access
 * token from the identity provider (refreshed before it expires). Who signs comes from that token, never
 * from what is sent. The lab time of the sign-out goes along in a header that reporting honours only when
 * it runs on simulated time.
 */
final class SignOutDesk {

    /** The header reporting reads the simulated lab time of a command from (only with simulated time on). */
    static final String LAB_TIME_HEADER = "X-Ntrk-Lab-Time";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PathologistSignIn signIn;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    SignOutDesk(PathologistSignIn signIn) {
        this.signIn = signIn;
    }

    /** Outcome of one attempt. */
    enum Outcome { ACCEPTED, REFUSED, RETRY }

    /**
     * Asks reporting to sign out a drafted version.
     *
     * @return ACCEPTED (202), REFUSED (any other 4xx: the detail is in the counters) or RETRY (the service or
     *     the identity provider could not be reached or answered 5xx)
     */
    Outcome signOut(String accessionId, int version, Instant labTime, RunCounters counters) {
        try {
            HttpRequest request = HttpRequest.newBuilder(signIn.reportingUrl().resolve("/reports/"
                            + URLEncoder.encode(accessionId, StandardCharsets.UTF_8) + "/sign-out"))
                    .timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token())
                    .header("Content-Type", "application/json")
                    .header(LAB_TIME_HEADER, labTime.toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reportVersion\":" + version + "}"))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 202) {
                return Outcome.ACCEPTED;
            }
            if (status == 401) {
                // a token revoked or signed with a rotated key: fetch a new one next time
                tokenExpires = Instant.EPOCH;
            }
            if (status >= 500) {
                return Outcome.RETRY;
            }
            counters.commandRejected("sign-out of " + accessionId + " v" + version + " answered " + status);
            return Outcome.REFUSED;
        } catch (IOException e) {
            return Outcome.RETRY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.RETRY;
        }
    }

    /** The current access token, fetched with the client credentials when missing or about to expire. */
    private synchronized String token() throws IOException, InterruptedException {
        if (token != null && Instant.now().isBefore(tokenExpires.minusSeconds(30))) {
            return token;
        }
        String basic = Base64.getEncoder().encodeToString((form(signIn.clientId()) + ":" + form(signIn.clientSecret()))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(signIn.tokenUrl()).timeout(TIMEOUT)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new TokenUnavailable("the identity provider answered " + response.statusCode());
        }
        JsonNode body = JSON.readTree(response.body());
        token = body.path("access_token").asString();
        tokenExpires = Instant.now().plusSeconds(body.path("expires_in").asLong(60));
        return token;
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** No token now; the sign-out is tried again later. */
    private static final class TokenUnavailable extends IOException {
        TokenUnavailable(String message) {
            super(message);
        }
    }
}
