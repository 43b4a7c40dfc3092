package org.ntrklab.platform.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ntrklab.platform.web.StateForwarding;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The web side of lookups: state held elsewhere is answered by forwarding the same GET to its instance (with the
 * caller's token, marked as forwarded, never forwarded twice), unreadable state is a 503, a missing entry a 404
 * with {@code {"error": ...}}, an owner that does not answer a 502.
 */
class StateForwardingTest {

    private final List<String> ownerSaw = new CopyOnWriteArrayList<>();
    private HttpServer owner;
    private StateForwarding forwarding;
    private MockMvc mvc;

    @RestController
    static class Probe {

        private final StateQueries.Peers peers;
        private final int ownerPort;

        Probe(StateQueries.Peers peers, int ownerPort) {
            this.peers = peers;
            this.ownerPort = ownerPort;
        }

        @GetMapping("/things/{id}")
        String elsewhere(@PathVariable String id) {
            throw new StateElsewhere("localhost", ownerPort);
        }

        @GetMapping("/unavailable")
        String unavailable() {
            throw new StateUnavailable("Kafka Streams is not running");
        }

        @GetMapping("/missing")
        String missing() {
            throw new NotFound("no such thing");
        }

        @GetMapping("/peer")
        String peer() {
            return String.valueOf(peers.askedByPeer());
        }
    }

    @BeforeEach
    void ownerAndService() throws IOException {
        owner = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        owner.createContext("/", exchange -> {
            ownerSaw.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + "?"
                    + exchange.getRequestURI().getRawQuery() + " forwarded="
                    + exchange.getRequestHeaders().getFirst(StateQueries.FORWARDED_HEADER) + " authorization="
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"error\":\"the owner has no such thing\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        owner.start();
        serviceForwardingTo(owner.getAddress().getPort());
    }

    private void serviceForwardingTo(int ownerPort) {
        forwarding = new StateForwarding(RestClient.create());
        mvc = MockMvcBuilders.standaloneSetup(new Probe(forwarding, ownerPort)).setControllerAdvice(forwarding).build();
    }

    @AfterEach
    void stopOwner() {
        owner.stop(0);
    }

    @Test
    void stateHeldElsewhereIsAskedOfItsOwnerForTheSameCaller() throws Exception {
        mvc.perform(get(URI.create("/things/a%20b?version=2")).header("Authorization", "Bearer caller-token"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content().json("{\"error\":\"the owner has no such thing\"}"));

        assertThat(ownerSaw).containsExactly(
                "GET /things/a%20b?version=2 forwarded=true authorization=Bearer caller-token");
    }

    @Test
    void aForwardedRequestIsNeverForwardedAgain() throws Exception {
        mvc.perform(get("/things/x").header(StateQueries.FORWARDED_HEADER, "true"))
                .andExpect(status().isServiceUnavailable());
        assertThat(ownerSaw).isEmpty();

        mvc.perform(get("/peer").header(StateQueries.FORWARDED_HEADER, "true"))
                .andExpect(content().string("true"));
        mvc.perform(get("/peer")).andExpect(content().string("false"));
    }

    @Test
    void anOwnerThatDoesNotAnswerIsABadGateway() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        serviceForwardingTo(closed);

        mvc.perform(get("/things/x")).andExpect(status().isBadGateway());
    }

    @Test
    void unreadableStateIsA503AndAMissingEntryA404() throws Exception {
        mvc.perform(get("/unavailable"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(status().reason("Kafka Streams is not running; retry shortly"));

        mvc.perform(get("/missing"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content().string("{\"error\":\"no such thing\"}"));
    }
}
