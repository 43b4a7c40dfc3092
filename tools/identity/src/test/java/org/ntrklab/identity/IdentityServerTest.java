package org.ntrklab.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded identity provider over real HTTP: every client gets a signed token with its roles and name,
 * a wrong secret gets nothing, the desk's users log in with the authorization code flow, and a restart on
 * the same directory keeps keys and secrets.
 */
class IdentityServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path temp;

    @Test
    void everyClientGetsASignedFifteenMinuteTokenWithItsRolesAndName() throws Exception {
        try (IdentityServer server = IdentityServer.start(IdentityServer.Settings.forDirectory(temp.resolve("id")))) {
            JsonNode discovery = JSON.readTree(get(server.issuerUri() + "/.well-known/openid-configuration").body());
            assertThat(discovery.get("issuer").asString()).isEqualTo(server.issuerUri());
            assertThat(discovery.get("token_endpoint").asString()).isEqualTo(server.tokenUri());
            JWKSet keys = JWKSet.parse(get(discovery.get("jwks_uri").asString()).body());
            assertThat(keys.getKeys()).hasSize(1);
            assertThat(keys.getKeys().get(0).isPrivate()).as("the JWKS publishes public keys only").isFalse();

            for (LabAccounts.Account client : LabAccounts.ofKind(LabAccounts.Kind.CLIENT)) {
                String token = clientToken(server, client.name(), server.credentials().get(client.name()));
                JWTClaimsSet claims = verified(token, keys);
                assertThat(claims.getIssuer()).isEqualTo(server.issuerUri());
                assertThat(claims.getSubject()).isEqualTo(client.name());
                assertThat(claims.getStringListClaim("roles")).as(client.name()).isEqualTo(client.roles());
                assertThat(claims.getStringClaim("name")).isEqualTo(client.displayName());
                assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(900_000);
            }
            String pathologist = clientToken(server, LabAccounts.DEMO_PATHOLOGIST,
                    server.credentials().get(LabAccounts.DEMO_PATHOLOGIST));
            assertThat(verified(pathologist, keys).getStringListClaim("roles")).containsExactly("pathologist");
            assertThat(verified(pathologist, keys).getStringClaim("name")).isEqualTo("Demo Pathologist");
        }
    }

    @Test
    void aWrongOrMissingSecretGetsNoToken() throws Exception {
        try (IdentityServer server = IdentityServer.start(IdentityServer.Settings.forDirectory(temp.resolve("id")))) {
            assertThat(tokenRequest(server, LabAccounts.DEMO_PATHOLOGIST, "not-the-secret").statusCode()).isEqualTo(401);
            assertThat(tokenRequest(server, "ntrk-nobody", "anything").statusCode()).isEqualTo(401);
            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(server.tokenUri()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            // A user's password is not a client secret.
            assertThat(tokenRequest(server, LabAccounts.PATHOLOGIST_USER,
                    server.credentials().get(LabAccounts.PATHOLOGIST_USER)).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aRestartOnTheSameDirectoryKeepsKeyAndSecretsSoEarlierTokensStillVerify() throws Exception {
        Path dir = temp.resolve("id");
        String earlier;
        Map<String, String> credentials;
        int port;
        String key;
        String secretsFile;
        try (IdentityServer first = IdentityServer.start(IdentityServer.Settings.forDirectory(dir))) {
            assertThat(first.firstStart()).isTrue();
            credentials = first.credentials();
            assertThat(credentials.keySet()).containsExactlyInAnyOrder(LabAccounts.DEMO_PATHOLOGIST,
                    LabAccounts.LAB_READER, LabAccounts.OPERATOR, LabAccounts.MONITORING, LabAccounts.SERVICES,
                    LabAccounts.PATHOLOGIST_USER, LabAccounts.LAB_USER);
            assertThat(credentials.values()).allSatisfy(secret -> assertThat(secret).matches("[A-Za-z0-9_-]{43}"));
            assertThat(credentials.values()).doesNotHaveDuplicates();
            assertThatThrownBy(() -> first.credentials().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
            earlier = clientToken(first, LabAccounts.LAB_READER, credentials.get(LabAccounts.LAB_READER));
            port = first.port();
            key = Files.readString(dir.resolve(SigningKey.FILE_NAME));
            secretsFile = Files.readString(dir.resolve(LabSecrets.FILE_NAME));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).extracting(p -> p.getFileName().toString())
                    .containsExactlyInAnyOrder(SigningKey.FILE_NAME, LabSecrets.FILE_NAME);
        }
        for (String file : List.of(SigningKey.FILE_NAME, LabSecrets.FILE_NAME)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        // A restored backup may come back world-readable: the next start narrows it again.
        Files.setPosixFilePermissions(dir.resolve(LabSecrets.FILE_NAME), PosixFilePermissions.fromString("rw-r--r--"));

        IdentityServer.Settings again = new IdentityServer.Settings(dir, "127.0.0.1", port, "127.0.0.1");
        try (IdentityServer second = IdentityServer.start(again)) {
            assertThat(second.firstStart()).as("nothing is generated on a second start").isFalse();
            assertThat(second.credentials()).isEqualTo(credentials);
            assertThat(Files.readString(dir.resolve(SigningKey.FILE_NAME))).isEqualTo(key);
            assertThat(Files.readString(dir.resolve(LabSecrets.FILE_NAME))).isEqualTo(secretsFile);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(LabSecrets.FILE_NAME))))
                    .isEqualTo("rw-------");
            JWKSet keys = JWKSet.parse(get(second.jwkSetUri()).body());
            assertThat(verified(earlier, keys).getSubject()).isEqualTo(LabAccounts.LAB_READER);
            assertThat(clientToken(second, LabAccounts.OPERATOR, credentials.get(LabAccounts.OPERATOR))).isNotBlank();
        }
    }

    @Test
    void theSecretsFileHoldsSecretsInClearOnlyThereAndTheServerHashesThem() throws Exception {
        Path dir = temp.resolve("id");
        try (IdentityServer server = IdentityServer.start(IdentityServer.Settings.forDirectory(dir))) {
            JsonNode stored = JSON.readTree(Files.readString(dir.resolve(LabSecrets.FILE_NAME)));
            assertThat(stored.get("clients").get(LabAccounts.MONITORING).asString())
                    .isEqualTo(server.credentials().get(LabAccounts.MONITORING));
            assertThat(stored.get("users").get(LabAccounts.LAB_USER).asString())
                    .isEqualTo(server.credentials().get(LabAccounts.LAB_USER));
            assertThat(stored.get("clients").has(LabAccounts.DESK)).as("a public client has no secret").isFalse();
        }
    }

    @Test
    void aPersonLogsInAtTheDeskAndGetsTheirOwnRolesThroughTheCodeFlowWithPkce() throws Exception {
        try (IdentityServer server = IdentityServer.start(IdentityServer.Settings.forDirectory(temp.resolve("id")))) {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            String verifier = LabSecrets.generate();
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            String redirect = IdentityApplication.LOOPBACK_DESK_REDIRECT;
            String authorize = server.issuerUri() + "/oauth2/authorize?" + form(Map.of("response_type", "code",
                    "client_id", LabAccounts.DESK, "redirect_uri", redirect, "scope", "openid",
                    "code_challenge", challenge, "code_challenge_method", "S256", "state", "s1"));

            HttpResponse<String> toLogin = browser.send(HttpRequest.newBuilder(URI.create(authorize))
                    .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(toLogin.statusCode()).isEqualTo(302);
            assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");
            String loginPage = browser.send(HttpRequest.newBuilder(URI.create(server.issuerUri() + "/login")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage);
            assertThat(csrf.find()).as(loginPage).isTrue();
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(server.issuerUri() + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", LabAccounts.PATHOLOGIST_USER,
                            "password", server.credentials().get(LabAccounts.PATHOLOGIST_USER),
                            "_csrf", csrf.group(1))))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(302);
            assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

            HttpResponse<String> code = browser.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(code.statusCode()).isEqualTo(302);
            URI back = URI.create(code.headers().firstValue("Location").orElseThrow());
            assertThat(back.getPath()).isEqualTo("/desk/callback");
            Map<String, String> query = Pattern.compile("&").splitAsStream(back.getQuery())
                    .map(p -> p.split("=", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
            assertThat(query).containsEntry("state", "s1");

            HttpResponse<String> tokens = HTTP.send(HttpRequest.newBuilder(URI.create(server.tokenUri()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                            "code", query.get("code"), "redirect_uri", redirect, "client_id", LabAccounts.DESK,
                            "code_verifier", verifier)))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
            JWTClaimsSet claims = verified(JSON.readTree(tokens.body()).get("access_token").asString(),
                    JWKSet.parse(get(server.jwkSetUri()).body()));
            assertThat(claims.getSubject()).isEqualTo(LabAccounts.PATHOLOGIST_USER);
            assertThat(claims.getStringListClaim("roles")).containsExactly("pathologist", "lab");
            assertThat(claims.getStringClaim("name")).isEqualTo("Duty Pathologist");
            // The desk shows a person what their roles allow from the ID token, issued to the desk alone.
            JWTClaimsSet id = verified(JSON.readTree(tokens.body()).get("id_token").asString(),
                    JWKSet.parse(get(server.jwkSetUri()).body()));
            assertThat(id.getSubject()).isEqualTo(LabAccounts.PATHOLOGIST_USER);
            assertThat(id.getAudience()).containsExactly(LabAccounts.DESK);
            assertThat(id.getStringListClaim("roles")).containsExactly("pathologist", "lab");
            assertThat(id.getStringClaim("name")).isEqualTo("Duty Pathologist");
        }
    }

    private static String clientToken(IdentityServer server, String clientId, String secret) throws Exception {
        HttpResponse<String> response = tokenRequest(server, clientId, secret);
        assertThat(response.statusCode()).as(clientId + ": " + response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isBetween(890L, 900L);
        return body.get("access_token").asString();
    }

    private static HttpResponse<String> tokenRequest(IdentityServer server, String clientId, String secret)
            throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.tokenUri()))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JWTClaimsSet verified(String token, JWKSet keys) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the token's key is in the JWKS").isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).as("signature").isTrue();
        return jwt.getJWTClaimsSet();
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri).isEqualTo(200);
        return response;
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
