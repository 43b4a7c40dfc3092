package org.ntrklab.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.ntrklab.platform.query.NotFound;
import org.ntrklab.platform.query.StateElsewhere;
import org.ntrklab.platform.query.StateQueries;
import org.ntrklab.platform.query.StateUnavailable;
import org.ntrklab.platform.query.StateUnreachable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.server.ResponseStatusException;

/**
 * The web side of state lookups ({@link org.ntrklab.platform.query.StateLookup}): a request for state another
 * instance holds is forwarded there as the same GET (path and query, the caller's Authorization, marked with
 * {@link StateQueries#FORWARDED_HEADER} so that the owner answers from its own state and never forwards again),
 * and its answer passed back; state not readable just now is a 503, a missing entry a 404 {@code {"error": ...}},
 * an owner that does not answer a 502. The 503 and 502 go through the servlet container's error page, as
 * every other error answer of the service does.
 *
 * <p>The platform's auto-configuration declares it; a service that scans this package gets the same one.
 */
@RestControllerAdvice
public class StateForwarding implements StateQueries.Peers {

    private final RestClient rest;

    /** Asks other instances with short timeouts: a forwarded query must not hold a web thread for long when the owner hangs. */
    public StateForwarding() {
        this(RestClient.builder().requestFactory(timeouts()).build());
    }

    public StateForwarding(RestClient rest) {
        this.rest = rest;
    }

    private static SimpleClientHttpRequestFactory timeouts() {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(2));
        requests.setReadTimeout(Duration.ofSeconds(10));
        return requests;
    }

    /** Body of a 404: says what was not found, never echoes other data. */
    record Problem(String error) {
    }

    @ExceptionHandler(StateElsewhere.class)
    ResponseEntity<byte[]> forward(StateElsewhere elsewhere, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (request.getHeader(StateQueries.FORWARDED_HEADER) != null) {
            // Lookups answer a forwarded request locally; this is only a guard against a loop.
            response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value(), "a forwarded request is not forwarded again");
            return null;
        }
        String query = request.getQueryString();
        try {
            StateQueries.Answer answer = get(elsewhere.host(), elsewhere.port(),
                    request.getRequestURI() + (query == null ? "" : "?" + query));
            return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
        } catch (StateUnreachable e) {
            response.sendError(HttpStatus.BAD_GATEWAY.value(), e.getMessage());
        } catch (ResponseStatusException e) {
            response.sendError(e.getStatusCode().value(), e.getReason());
        }
        return null;
    }

    @ExceptionHandler(StateUnavailable.class)
    void unavailable(StateUnavailable e, HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value(), e.getMessage());
    }

    @ExceptionHandler(StateUnreachable.class)
    void unreachable(StateUnreachable e, HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.BAD_GATEWAY.value(), e.getMessage());
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Problem> notFound(NotFound e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                .body(new Problem(e.getMessage()));
    }

    @Override
    public boolean askedByPeer() {
        return currentRequest().map(r -> r.getHeader(StateQueries.FORWARDED_HEADER) != null).orElse(false);
    }

    /**
     * @param pathAndQuery the request's own path, still percent-encoded as it arrived, so it is passed on
     *     unchanged rather than encoded a second time
     */
    @Override
    public StateQueries.Answer get(String host, int port, String pathAndQuery) {
        URI target;
        try {
            target = URI.create("http://" + host + ":" + port + pathAndQuery);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the request path cannot be forwarded", e);
        }
        try {
            ResponseEntity<byte[]> response = rest.get()
                    .uri(target)
                    .header(StateQueries.FORWARDED_HEADER, "true")
                    // The owner checks the caller's token and role as this instance did, and shapes its
                    // answer for the same caller.
                    .headers(h -> currentRequest().map(r -> r.getHeader(HttpHeaders.AUTHORIZATION))
                            .ifPresent(a -> h.set(HttpHeaders.AUTHORIZATION, a)))
                    .retrieve()
                    .onStatus(status -> true, (req, res) -> { })
                    .toEntity(byte[].class);
            return new StateQueries.Answer(response.getStatusCode().value(), response.getBody());
        } catch (RestClientException e) {
            throw new StateUnreachable("the instance owning this record (" + host + ":" + port + ") did not answer: "
                    + e.getMessage(), e);
        }
    }

    /** The REST request being answered on this thread, if any. */
    private static Optional<HttpServletRequest> currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.of(attributes.getRequest()) : Optional.empty();
    }
}
