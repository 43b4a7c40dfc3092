package org.ntrklab.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry keeps every schema it was given: deletion is refused through its own API and through the
 * Confluent-compatible one (soft and "permanent" subject deletion, version deletion), and the schema is
 * still served afterwards. A deleted schema id would make every record written with it unreadable.
 */
class SchemaRegistryDeletionTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SCHEMA = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Specimen\\\",\\\"fields\\\":"
            + "[{\\\"name\\\":\\\"specimenId\\\",\\\"type\\\":\\\"string\\\"}]}";

    @Test
    void noSubjectArtifactOrVersionCanBeDeletedThroughAnyApi(@TempDir Path dir) throws Exception {
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(
                SchemaRegistryServer.Settings.forDirectory(dir.resolve("registry")))) {
            String ccompat = registry.confluentCompatibleUrl();
            String subject = "lims.specimen-events-value";
            HttpResponse<String> registered = send("POST", ccompat + "/subjects/" + subject + "/versions",
                    "{\"schema\":\"" + SCHEMA + "\"}");
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);

            for (String deletion : new String[] {
                    ccompat + "/subjects/" + subject,
                    ccompat + "/subjects/" + subject + "?permanent=true",
                    ccompat + "/subjects/" + subject + "/versions/1",
                    ccompat + "/subjects/" + subject + "/versions/1?permanent=true",
                    registry.coreApiUrl() + "/groups/default/artifacts/" + subject,
                    registry.coreApiUrl() + "/groups/default/artifacts/" + subject + "/versions/1",
                    registry.coreApiUrl() + "/groups/default"}) {
                HttpResponse<String> refused = send("DELETE", deletion, null);
                assertThat(refused.statusCode()).as("DELETE %s answered %s", deletion, refused.body())
                        .isIn(401, 403, 405);
            }

            HttpResponse<String> still = send("GET", ccompat + "/subjects/" + subject + "/versions/1", null);
            assertThat(still.statusCode()).isEqualTo(200);
            assertThat(still.body()).contains("Specimen");
            assertThat(send("GET", ccompat + "/subjects", null).body()).contains(subject);
        }
    }

    private static HttpResponse<String> send(String method, String url, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (json != null) {
            request.header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
