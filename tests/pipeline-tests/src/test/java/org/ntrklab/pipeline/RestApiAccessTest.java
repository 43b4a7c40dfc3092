package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.accessioning.AccessioningApplication;
import org.ntrklab.assaytracking.AssayTrackingApplication;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.platform.query.StateQueries;
import org.ntrklab.reflex.ReflexApplication;
import org.ntrklab.reporting.ReportingApplication;
import org.ntrklab.sampleqc.SampleQcApplication;
import org.ntrklab.tatmetrics.TatMetricsApplication;
import org.ntrklab.testkit.RunningService;
import org.ntrklab.testkit.SharedIdentity;
import org.ntrklab.testkit.TestNamespace;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access rules of all six services' REST APIs, with tokens from the real identity provider: health
 * open to the probes, metrics for monitoring, views for the lab, pathologists and operators. Only reporting
 * takes commands (ReportApiAccessTest); every other service refuses any request that could change
 * something, with any token: it has no endpoint for one (405), and none that declares a role (403).
 */
class RestApiAccessTest {

    private static final int PARTITIONS = 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A service, one of its views, and one operation its OpenAPI document must describe. */
    private record Service(String name, Class<?> application, String view, String documented) {
    }

    private static final List<Service> SERVICES = List.of(
            new Service("accessioning", AccessioningApplication.class, "/accessions/NT26-00-000001",
                    "/accessions/{accessionId}"),
            new Service("sample-qc", SampleQcApplication.class, "/qc/accessions/NT26-00-000001",
                    "/qc/accessions/{accessionId}"),
            new Service("assay-tracking", AssayTrackingApplication.class, "/assays/accessions/NT26-00-000001",
                    "/assays/accessions/{accessionId}"),
            new Service("reflex", ReflexApplication.class, "/reflex/accessions/NT26-00-000001",
                    "/reflex/accessions/{accessionId}"),
            new Service("reporting", ReportingApplication.class, "/reports/NT26-00-000001",
                    "/reports/{accessionId}/sign-out"),
            new Service("tat-metrics", TatMetricsApplication.class, "/tat/summary",
                    "/tat/cases/{accessionId}"));

    @Test
    void everyServiceOpensHealthGuardsMetricsAndViewsAndRefusesUndeclaredCommands(TestInfo info) throws Exception {
        TestNamespace ns = TestNamespace.of(info);
        SharedIdentity identity = SharedIdentity.get();
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String client : List.of(LabAccounts.LAB_READER, LabAccounts.DEMO_PATHOLOGIST, LabAccounts.OPERATOR,
                LabAccounts.MONITORING, LabAccounts.SERVICES)) {
            tokens.put(client, identity.token(client));
        }
        List<RunningService> running = new ArrayList<>();
        try {
            for (Service service : SERVICES) {
                running.add(RunningService.start(service.application(), service.name(), ns, PARTITIONS, Map.of()));
            }
            for (int i = 0; i < SERVICES.size(); i++) {
                Service service = SERVICES.get(i);
                RunningService api = running.get(i);
                String name = service.name();
                assertThat(api.get("/actuator/health/liveness", null).statusCode()).as(name).isEqualTo(200);
                assertThat(api.get("/actuator/prometheus", null).statusCode()).as(name).isEqualTo(401);
                assertThat(api.get("/actuator/prometheus", tokens.get(LabAccounts.LAB_READER)).statusCode()).as(name)
                        .isEqualTo(403);
                assertThat(api.get("/actuator/prometheus", tokens.get(LabAccounts.MONITORING)).statusCode()).as(name)
                        .isEqualTo(200);

                assertThat(api.get(service.view(), null).statusCode()).as(name).isEqualTo(401);

                // The API describes itself, to anyone: OpenAPI 3, its operations, the bearer tokens they need.
                HttpResponse<String> apiDocs = api.get("/v3/api-docs", null);
                assertThat(apiDocs.statusCode()).as(name + " OpenAPI document").isEqualTo(200);
                JsonNode document = JSON.readTree(apiDocs.body());
                assertThat(document.path("openapi").asString()).as(name).startsWith("3.");
                assertThat(document.path("info").path("title").asString()).as(name).contains(name);
                assertThat(document.path("paths").has(service.documented())).as(name + " documents "
                        + service.documented()).isTrue();
                assertThat(document.path("components").path("securitySchemes").path("bearer-jwt").path("scheme")
                        .asString()).as(name).isEqualTo("bearer");
                assertThat(document.path("paths").has("/actuator/prometheus")).as(name).isFalse();
                assertThat(apiDocs.body()).as("%s: the caller comes from the token; forwarding is internal", name)
                        .doesNotContain("\"caller\"").doesNotContain(StateQueries.FORWARDED_HEADER);
                for (String reader : List.of(LabAccounts.LAB_READER, LabAccounts.DEMO_PATHOLOGIST,
                        LabAccounts.OPERATOR)) {
                    HttpResponse<String> view = api.getWhen(service.view(), tokens.get(reader),
                            r -> r.statusCode() != 503);
                    assertThat(view.statusCode()).as(name + " as " + reader).isIn(200, 404);
                }
                for (String other : List.of(LabAccounts.MONITORING, LabAccounts.SERVICES)) {
                    assertThat(api.get(service.view(), tokens.get(other)).statusCode()).as(name + " as " + other)
                            .isEqualTo(403);
                }

                if (!name.equals("reporting")) {
                    // Nothing to post to: refused before anything is read, whoever asks, and without the path.
                    for (String path : List.of(service.view(), "/commands/anything")) {
                        assertThat(api.post(path, "{}", null).statusCode()).as(name).isEqualTo(401);
                        for (String token : tokens.values()) {
                            HttpResponse<String> command = api.post(path, "{}", token);
                            assertThat(command.statusCode()).as(name + " " + path).isIn(403, 405);
                            assertThat(command.body()).doesNotContain(path);
                        }
                    }
                }
            }
        } finally {
            running.forEach(RunningService::close);
        }
    }
}
