package org.ntrklab.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ntrklab.identity.IdentityServer;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.platform.spring.PlatformAutoConfiguration;
import org.ntrklab.testkit.SharedIdentity;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access rules every service's REST API keeps, on a small API of the same shape (a view, a command,
 * an export, an endpoint that forgot to declare its role) with tokens from the real embedded identity
 * provider over HTTP. Kafka is not needed for the rules, so the platform's Kafka wiring stays out.
 */
@SpringBootTest(classes = ApiSecurityTest.Desk.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=health,info,prometheus",
                "ntrk.security.max-body-bytes=65536"})
class ApiSecurityTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Put into paths, bodies and tokens; no refusal may repeat it. */
    private static final String MARKER = "zz-echo-marker";

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        registry.add(IdentityProviderRequired.ISSUER_URI, () -> SharedIdentity.get().issuerUri());
    }

    @SpringBootApplication(exclude = PlatformAutoConfiguration.class)
    static class Desk {

        @RestController
        static class Things {

            @GetMapping("/things/{id}")
            Map<String, Object> view(@PathVariable String id, Caller caller) {
                return Map.of("id", id, "subject", caller.subject(), "name", String.valueOf(caller.displayName()),
                        "roles", caller.roles());
            }

            @PreAuthorize("hasRole('pathologist')")
            @GetMapping("/things/{id}/export")
            String export(@PathVariable String id) {
                return "export of " + id;
            }

            @PreAuthorize("hasRole('pathologist')")
            @PostMapping("/things/{id}/sign")
            Map<String, Object> sign(@PathVariable String id, @RequestBody Map<String, Object> body, Caller caller) {
                return Map.of("signedBy", caller.subject(), "fields", body.size());
            }

            @PreAuthorize("hasRole('pathologist')")
            @PostMapping("/things/{id}/note")
            String note(@PathVariable String id, @RequestBody String body) {
                return "note of " + body.length() + " characters";
            }

            @PostMapping("/things/{id}/undeclared")
            String undeclared(@PathVariable String id) {
                return "changed " + id;
            }
        }
    }

    @LocalServerPort
    int port;

    @Test
    void healthIsOpenAndMetricsNeedMonitoringAndTheRestOfTheActuatorAnOperator() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);

        assertRefused(get("/actuator/prometheus", null), 401, ApiAnswers.NO_TOKEN);
        assertRefused(get("/actuator/prometheus", token(LabAccounts.LAB_READER)), 403,
                ApiSecurityAutoConfiguration.METRICS_RULE);
        assertRefused(get("/actuator/prometheus", token(LabAccounts.OPERATOR)), 403,
                ApiSecurityAutoConfiguration.METRICS_RULE);
        assertThat(get("/actuator/prometheus", token(LabAccounts.MONITORING)).statusCode()).isEqualTo(200);

        assertRefused(get("/actuator/info", null), 401, ApiAnswers.NO_TOKEN);
        assertRefused(get("/actuator/info", token(LabAccounts.MONITORING)), 403,
                ApiSecurityAutoConfiguration.ACTUATOR_RULE);
        assertThat(get("/actuator/info", token(LabAccounts.OPERATOR)).statusCode()).isEqualTo(200);
    }

    @Test
    void readingNeedsATokenWithALabPathologistOrOperatorRole() throws Exception {
        HttpResponse<String> anonymous = get("/things/T-1", null);
        assertRefused(anonymous, 401, ApiAnswers.NO_TOKEN);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        for (String client : new String[] {LabAccounts.LAB_READER, LabAccounts.DEMO_PATHOLOGIST, LabAccounts.OPERATOR}) {
            assertThat(get("/things/T-1", token(client)).statusCode()).as(client).isEqualTo(200);
        }
        assertRefused(get("/things/T-1", token(LabAccounts.MONITORING)), 403, ApiSecurityAutoConfiguration.READ_RULE);
        assertRefused(get("/things/T-1", token(LabAccounts.SERVICES)), 403, ApiSecurityAutoConfiguration.READ_RULE);

        JsonNode caller = JSON.readTree(get("/things/T-1", token(LabAccounts.LAB_READER)).body());
        assertThat(caller.get("subject").asString()).isEqualTo(LabAccounts.LAB_READER);
        assertThat(caller.get("name").asString()).isEqualTo("Lab Reader");
        assertThat(caller.get("roles").values()).extracting(JsonNode::asString).containsExactly("lab");
    }

    @Test
    void aTokenThatIsNotTheTrustedProvidersIsRefusedWithoutRepeatingIt() throws Exception {
        HttpResponse<String> garbage = get("/things/T-1", "not.a." + MARKER);
        assertRefused(garbage, 401, ApiAnswers.BAD_TOKEN);
        assertThat(garbage.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");

        // A well-formed token from another identity provider (its own key and issuer) is no better.
        Path elsewhere = Files.createTempDirectory("ntrk-other-identity");
        try (IdentityServer other = IdentityServer.start(IdentityServer.Settings.forDirectory(elsewhere.resolve("id")))) {
            String foreign = clientToken(other, LabAccounts.DEMO_PATHOLOGIST);
            assertRefused(get("/things/T-1", foreign), 401, ApiAnswers.BAD_TOKEN);
            assertRefused(post("/things/T-1/sign", "{}", foreign), 401, ApiAnswers.BAD_TOKEN);
        }
    }

    @Test
    void aCommandNeedsTheRoleItsMethodDeclaresAndAnUndeclaredOneIsClosedToEveryone() throws Exception {
        assertRefused(post("/things/T-1/sign", "{\"a\": 1}", null), 401, ApiAnswers.NO_TOKEN);
        assertRefused(post("/things/T-1/sign", "{\"a\": 1}", token(LabAccounts.LAB_READER)), 403,
                "this endpoint needs role pathologist");
        assertRefused(post("/things/T-1/sign", "{\"a\": 1}", token(LabAccounts.OPERATOR)), 403,
                "this endpoint needs role pathologist");
        HttpResponse<String> signed = post("/things/T-1/sign", "{\"a\": 1}", token(LabAccounts.DEMO_PATHOLOGIST));
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(signed.body()).get("signedBy").asString()).isEqualTo(LabAccounts.DEMO_PATHOLOGIST);

        assertRefused(post("/things/T-1/undeclared", "{}", null), 401, ApiAnswers.NO_TOKEN);
        for (String client : new String[] {LabAccounts.DEMO_PATHOLOGIST, LabAccounts.OPERATOR, LabAccounts.LAB_READER}) {
            assertRefused(post("/things/T-1/undeclared", "{}", token(client)), 403, UndeclaredCommandGuard.RULE);
        }
        assertRefused(post("/nothing-here/" + MARKER, "{}", token(LabAccounts.DEMO_PATHOLOGIST)), 403,
                UndeclaredCommandGuard.RULE);

        assertRefused(get("/things/T-1/export", token(LabAccounts.LAB_READER)), 403,
                "this endpoint needs role pathologist");
        assertThat(get("/things/T-1/export", token(LabAccounts.DEMO_PATHOLOGIST)).statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413WhetherItsLengthIsAnnouncedOrNot() throws Exception {
        String large = "{\"text\": \"" + MARKER + "x".repeat(100 * 1024) + "\"}";
        String pathologist = token(LabAccounts.DEMO_PATHOLOGIST);
        String limit = RequestBodyLimit.tooLarge(65536);
        assertRefused(post("/things/T-1/sign", large, pathologist), 413, limit);
        assertRefused(post("/things/T-1/sign", large, null), 413, limit);
        assertRefused(chunked("/things/T-1/sign", large, pathologist), 413, limit);
        assertRefused(chunked("/things/T-1/note", large, pathologist), 413, limit);

        String fits = "{\"text\": \"" + "x".repeat(60 * 1024) + "\"}";
        assertThat(post("/things/T-1/sign", fits, pathologist).statusCode()).isEqualTo(200);
        assertThat(chunked("/things/T-1/note", fits, pathologist).body()).isEqualTo("note of " + fits.length()
                + " characters");
    }

    @Test
    void aServiceWithoutAnIdentityProviderDoesNotStartAndSaysWhichPropertyToSet() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Desk.class).registerShutdownHook(false)
                .run("--server.port=0", "--spring.main.banner-mode=off"))
                .rootCause()
                .hasMessageContaining(IdentityProviderRequired.ISSUER_URI)
                .hasMessageContaining(IdentityProviderRequired.JWK_SET_URI);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.propertyNames()).containsExactly("error");
        assertThat(body.get("error").asString()).isEqualTo(error);
        assertThat(response.body()).doesNotContain(MARKER);
    }

    private static String token(String client) {
        return SharedIdentity.get().token(client);
    }

    private static String clientToken(IdentityServer server, String client) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((client + ":" + server.credentials().get(client))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.tokenUri()))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json, String token) throws Exception {
        return HTTP.send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Without a Content-Length: the body arrives in chunks and its size is known only once read. */
    private HttpResponse<String> chunked(String path, String json, String token) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return HTTP.send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }
}
