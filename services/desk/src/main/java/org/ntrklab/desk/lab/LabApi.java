package org.ntrklab.desk.lab;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import org.ntrklab.desk.DeskProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/**
 * The services' REST APIs as the desk uses them, always with the signed-in person's access token: the
 * service decides what the person may read or do, and records them as the one who did it.
 */
@Component
public class LabApi {

    private static final Logger LOG = LoggerFactory.getLogger(LabApi.class);

    /** A service refused or could not answer; {@code message} is the service's own, which never echoes input. */
    public static final class Refused extends RuntimeException {

        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** What a service answers when it accepted a command: it is applied on the topics a moment later. */
    public record Accepted(String accessionId, String command, String commandEventId, String outcome) {
    }

    private final RestClient http;
    private final DeskProperties settings;

    LabApi(RestClient.Builder builder, OAuth2AuthorizedClientManager tokens,
            OAuth2AuthorizedClientRepository authorizedClients, DeskProperties settings) {
        this.settings = settings;
        OAuth2ClientHttpRequestInterceptor relay = new OAuth2ClientHttpRequestInterceptor(tokens);
        relay.setClientRegistrationIdResolver(request -> "ntrk-desk");
        // A token a service refuses as invalid is forgotten, so the next page fetches a new one.
        relay.setAuthorizationFailureHandler(
                OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(settings.serviceTimeout()).build());
        requests.setReadTimeout(settings.serviceTimeout());
        this.http = builder.requestFactory(requests).requestInterceptor(relay).build();
    }

    /** The drafts awaiting sign-out, from all of reporting's instances. */
    public List<WorklistEntry> awaitingSignOut() {
        WorklistEntry[] drafts = call("reporting", () -> http.get()
                .uri(settings.reportingUrl() + "/reports/awaiting-sign-out").retrieve().body(WorklistEntry[].class));
        return drafts == null ? List.of() : Arrays.stream(drafts).filter(Objects::nonNull).toList();
    }

    /** The report of an accession; empty if reporting does not know it. */
    public Optional<Report> report(String accessionId) {
        return optional("reporting", () -> http.get()
                .uri(settings.reportingUrl() + "/reports/{id}", accessionId).retrieve().body(Report.class));
    }

    /**
     * The case's turnaround clock; empty when tat-metrics does not know the case or cannot answer now (a page
     * still shows the report without it).
     */
    public Optional<CaseClock> clock(String accessionId) {
        try {
            return optional("tat-metrics", () -> http.get()
                    .uri(settings.tatMetricsUrl() + "/tat/cases/{id}", accessionId).retrieve().body(CaseClock.class));
        } catch (Refused e) {
            LOG.debug("no turnaround clock: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Asks reporting to issue the draft of this number, signed by the person. */
    public Accepted signOut(String accessionId, int version) {
        return call("reporting", () -> http.post()
                .uri(settings.reportingUrl() + "/reports/{id}/sign-out", accessionId)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reportVersion", version))
                .retrieve().body(Accepted.class));
    }

    /** Sends a corrected or amended result, in reporting's plain JSON, as the person. */
    public Accepted correct(String accessionId, JsonNode correction) {
        return call("reporting", () -> http.post()
                .uri(settings.reportingUrl() + "/reports/{id}/corrections", accessionId)
                .contentType(MediaType.APPLICATION_JSON).body(correction.toString())
                .retrieve().body(Accepted.class));
    }

    private <T> Optional<T> optional(String service, java.util.function.Supplier<T> request) {
        try {
            return Optional.ofNullable(call(service, request));
        } catch (Refused e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static <T> T call(String service, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (RestClientResponseException e) {
            throw new Refused(e.getStatusCode().value(), problem(service, e.getStatusCode(), e));
        } catch (ResourceAccessException e) {
            // The message names the address asked for, an accession among it: only the kind of failure is logged.
            LOG.warn("{} did not answer ({})", service, e.getCause() == null ? "no cause"
                    : e.getCause().getClass().getSimpleName());
            throw new Refused(503, service + " is not reachable just now; try again in a moment");
        }
    }

    /** The service's own explanation (its {@code error} field), or what the status means. */
    private static String problem(String service, HttpStatusCode status, RestClientResponseException e) {
        try {
            JsonNode body = tools.jackson.databind.json.JsonMapper.shared().readTree(e.getResponseBodyAsString());
            if (body != null && body.hasNonNull("error") && body.get("error").isString()) {
                return body.get("error").asString();
            }
        } catch (RuntimeException notJson) {
            // Fall through to the status.
        }
        return switch (status.value()) {
            case 401 -> service + " did not accept your sign-in; sign in again";
            case 403 -> service + " says your role may not do this";
            case 404 -> service + " does not know this";
            default -> service + " answered " + status.value() + "; try again in a moment";
        };
    }

    /** For links shown to the person: where reporting's own API is. */
    public URI reportingUrl() {
        return settings.reportingUrl();
    }
}
