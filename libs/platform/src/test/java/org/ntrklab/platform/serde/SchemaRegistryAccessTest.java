package org.ntrklab.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.testkit.SharedIdentity;
import org.ntrklab.testkit.SharedInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schema registry, as the lab runs it, against the real identity provider: a schema can be registered
 * (and a subject's rule set) only with a token whose role allows writing; anyone may read what is
 * registered; global settings need an administrator no generated client is; and no one, writer included,
 * can delete a subject or version through either API.
 */
class SchemaRegistryAccessTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SharedInfrastructure infra = SharedInfrastructure.get();
    private final SharedIdentity identity = SharedIdentity.get();
    private final String ccompat = infra.confluentCompatibleRegistryUrl();

    @Test
    void onlyATokenWithTheWriterRoleRegistersASchema() throws Exception {
        String subject = "access-" + UUID.randomUUID() + "-value";
        String body = registration(schema("Specimen"));

        HttpResponse<String> anonymous = send("POST", "/subjects/" + subject + "/versions", body, null);
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        HttpResponse<String> reader = send("POST", "/subjects/" + subject + "/versions", body,
                identity.token(LabAccounts.LAB_READER));
        assertThat(reader.statusCode()).as(reader.body()).isEqualTo(403);
        HttpResponse<String> pathologist = send("POST", "/subjects/" + subject + "/versions", body,
                identity.token(LabAccounts.DEMO_PATHOLOGIST));
        assertThat(pathologist.statusCode()).as(pathologist.body()).isEqualTo(403);
        HttpResponse<String> forged = send("POST", "/subjects/" + subject + "/versions", body,
                identity.token(LabAccounts.SERVICES) + "x");
        assertThat(forged.statusCode()).as("a token with a broken signature").isEqualTo(401);
        assertThat(send("GET", "/subjects/" + subject + "/versions", null, null).statusCode())
                .as("nothing was registered by the refused attempts").isEqualTo(404);

        HttpResponse<String> writer = send("POST", "/subjects/" + subject + "/versions", body,
                identity.token(LabAccounts.SERVICES));
        assertThat(writer.statusCode()).as(writer.body()).isEqualTo(200);
        assertThat(writer.body()).contains("\"id\"");

        // Reads stay open: every producer and consumer looks schemas up by id, in any language.
        HttpResponse<String> read = send("GET", "/subjects/" + subject + "/versions/1", null, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("Specimen");
    }

    @Test
    void subjectRulesNeedTheWriterRoleAndGlobalSettingsAnAdministrator() throws Exception {
        String subject = "access-rule-" + UUID.randomUUID() + "-value";
        assertThat(send("POST", "/subjects/" + subject + "/versions", registration(schema("Order")),
                identity.token(LabAccounts.SERVICES)).statusCode()).isEqualTo(200);
        String rule = "{\"compatibility\":\"NONE\"}";

        assertThat(send("PUT", "/config/" + subject, rule, null).statusCode()).isEqualTo(401);
        assertThat(send("PUT", "/config/" + subject, rule, identity.token(LabAccounts.LAB_READER)).statusCode())
                .isEqualTo(403);
        assertThat(send("PUT", "/config", rule, null).statusCode()).isEqualTo(401);
        assertThat(send("PUT", "/config", rule, identity.token(LabAccounts.SERVICES)).statusCode())
                .as("the registry-wide rule is not the services' to loosen").isEqualTo(403);
        // The registry-wide default still holds: a version that cannot read the data of the last is refused.
        String fresh = "access-default-" + UUID.randomUUID() + "-value";
        assertThat(send("POST", "/subjects/" + fresh + "/versions", registration(schema("Specimen")),
                identity.token(LabAccounts.SERVICES)).statusCode()).isEqualTo(200);
        Schema breaking = SchemaBuilder.record("Specimen").namespace("org.ntrklab.test").fields()
                .requiredString("id").requiredString("site").endRecord();
        HttpResponse<String> refused = send("POST", "/subjects/" + fresh + "/versions", registration(breaking),
                identity.token(LabAccounts.SERVICES));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);

        HttpResponse<String> set = send("PUT", "/config/" + subject, "{\"compatibility\":\"FULL\"}",
                identity.token(LabAccounts.SERVICES));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    }

    @Test
    void noOneDeletesASubjectOrVersionNotEvenAWriter() throws Exception {
        String subject = "access-delete-" + UUID.randomUUID() + "-value";
        String writer = identity.token(LabAccounts.SERVICES);
        assertThat(send("POST", "/subjects/" + subject + "/versions", registration(schema("Result")), writer)
                .statusCode()).isEqualTo(200);

        for (String path : new String[] {"/subjects/" + subject, "/subjects/" + subject + "?permanent=true",
                "/subjects/" + subject + "/versions/1", "/subjects/" + subject + "/versions/1?permanent=true"}) {
            for (String token : new String[] {null, writer}) {
                HttpResponse<String> refused = send("DELETE", path, null, token);
                assertThat(refused.statusCode()).as("DELETE %s (%s)", path, token == null ? "anonymous" : "writer")
                        .isIn(401, 403, 405);
            }
        }
        String core = infra.registryUrl() + "/groups/default/artifacts/" + subject;
        HttpResponse<String> coreDelete = HTTP.send(HttpRequest.newBuilder(URI.create(core))
                .header("Authorization", "Bearer " + writer).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(coreDelete.statusCode()).as(coreDelete.body()).isIn(401, 403, 405);

        // Disabling a version would make its records as unreadable as deleting it: not the writer's to do.
        for (String api : new String[] {infra.registryUrl(), infra.registryUrl().replace("/v3", "/v2")}) {
            String state = api + "/groups/default/artifacts/" + subject + "/versions/1/state";
            HttpResponse<String> disable = HTTP.send(HttpRequest.newBuilder(URI.create(state))
                    .header("Authorization", "Bearer " + writer).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"state\":\"DISABLED\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(disable.statusCode()).as("%s: %s", state, disable.body()).isIn(401, 403);
        }

        HttpResponse<String> still = send("GET", "/subjects/" + subject + "/versions/1", null, null);
        assertThat(still.statusCode()).isEqualTo(200);
        assertThat(still.body()).contains("Result");
    }

    @Test
    void ourRegistrarSignsInWithItsClientAndIsRefusedWithoutOne() {
        String topic = "access-registrar-" + UUID.randomUUID();
        Schema schema = schema("Accession");
        int id = new SchemaCatalogueRegistrar(RegistrySettings.of(infra.registryUrl(), infra.registryClientProperties()))
                .register(topic + "-value", schema);
        assertThat(id).isPositive();

        assertThatThrownBy(() -> new SchemaCatalogueRegistrar(RegistrySettings.of(infra.registryUrl()))
                .register(topic + "-other-value", schema))
                .hasMessageContaining("401");
    }

    private static Schema schema(String name) {
        return SchemaBuilder.record(name).namespace("org.ntrklab.test").fields().requiredString("id").endRecord();
    }

    private static String registration(Schema schema) {
        return JSON.writeValueAsString(java.util.Map.of("schema", schema.toString()));
    }

    private HttpResponse<String> send(String method, String path, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ccompat + path)).header("Accept", CONTENT_TYPE);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
