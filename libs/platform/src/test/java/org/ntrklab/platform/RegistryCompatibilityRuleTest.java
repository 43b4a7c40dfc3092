package org.ntrklab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.testkit.SharedIdentity;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;

/**
 * The registry itself refuses a schema version that breaks BACKWARD compatibility, so a producer in
 * another language cannot register one by mistake; a compatible change is accepted. Registered through
 * the Confluent-compatible API, as a LIMS would.
 */
class RegistryCompatibilityRuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anIncompatibleSchemaVersionIsRefusedAndACompatibleOneAccepted(TestInfo info) throws Exception {
        String subject = TestNamespace.of(info).topic("lims.specimen-events") + "-value";
        String v1 = """
                {"type":"record","name":"Probe","namespace":"org.ntrklab.test","fields":[
                  {"name":"specimenId","type":"string"}]}""";
        String withDefault = """
                {"type":"record","name":"Probe","namespace":"org.ntrklab.test","fields":[
                  {"name":"specimenId","type":"string"},
                  {"name":"priority","type":"string","default":"ROUTINE"}]}""";
        String withoutDefault = """
                {"type":"record","name":"Probe","namespace":"org.ntrklab.test","fields":[
                  {"name":"specimenId","type":"string"},
                  {"name":"priority","type":"string","default":"ROUTINE"},
                  {"name":"orderingFacility","type":"string"}]}""";

        assertThat(register(subject, v1).statusCode()).isEqualTo(200);
        assertThat(register(subject, withDefault).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = register(subject, withoutDefault);
        assertThat(refused.statusCode()).isEqualTo(409);
    }

    private static HttpResponse<String> register(String subject, String schema) throws Exception {
        String url = SharedInfrastructure.get().confluentCompatibleRegistryUrl() + "/subjects/" + subject + "/versions";
        String body = JSON.writeValueAsString(Map.of("schema", schema));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .header("Authorization", "Bearer " + SharedIdentity.get().token(LabAccounts.SERVICES))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
