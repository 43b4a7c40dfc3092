package org.ntrklab.simulator.feed;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.ntrklab.platform.access.ClientCredentialsToken;

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

    private final PathologistSignIn signIn;
    private final ClientCredentialsToken token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SignOutDesk(PathologistSignIn signIn) {
        this.signIn = signIn;
        this.token = new ClientCredentialsToken(signIn.tokenUrl(), signIn.clientId(), signIn.clientSecret());
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
                    .header("Authorization", "Bearer " + token.value())
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
                // a token revoked or signed with a rotated key: fetch a new one and try again
                token.forget();
                return Outcome.RETRY;
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
}
