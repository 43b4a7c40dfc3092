package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.accessioning.AccessioningApplication;
import org.ntrklab.assaytracking.AssayTrackingApplication;
import org.ntrklab.platform.serde.SchemaCatalogueRegistrar;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.reflex.ReflexApplication;
import org.ntrklab.reporting.ReportingApplication;
import org.ntrklab.sampleqc.SampleQcApplication;
import org.ntrklab.tatmetrics.TatMetricsApplication;
import org.ntrklab.testkit.RunningService;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;

/**
 * All six services started at the same moment against topics and subjects that do not exist yet, as on a
 * fresh installation: every one comes up (they create the same topics, register the same schemas and set
 * the same compatibility rules concurrently, and "already exists" is success), and the catalogue is
 * complete afterwards. Repeated, since a race shows only sometimes.
 */
class ConcurrentStartupTest {

    private static final int PARTITIONS = 2;

    @RepeatedTest(3)
    void allSixServicesStartTogetherOnAnEmptyBrokerAndRegistry(TestInfo info) throws Exception {
        TestNamespace ns = TestNamespace.of(info);
        Map<String, Class<?>> applications = new LinkedHashMap<>();
        applications.put("accessioning", AccessioningApplication.class);
        applications.put("sample-qc", SampleQcApplication.class);
        applications.put("reflex", ReflexApplication.class);
        applications.put("assay-tracking", AssayTrackingApplication.class);
        applications.put("reporting", ReportingApplication.class);
        applications.put("tat-metrics", TatMetricsApplication.class);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(applications.size());
        List<Future<RunningService>> starting = new ArrayList<>();
        List<RunningService> started = new ArrayList<>();
        try {
            applications.forEach((name, application) -> starting.add(pool.submit(() -> {
                go.await();
                return RunningService.start(application, name, ns, PARTITIONS, Map.of());
            })));
            go.countDown();
            List<Throwable> failures = new ArrayList<>();
            for (Future<RunningService> f : starting) {
                try {
                    started.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            assertThat(failures).as("services that failed to start").isEmpty();
            for (RunningService service : started) {
                assertThat(service.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
            }

            Topics topics = new Topics(ns.topicPrefix(), PARTITIONS, (short) 1);
            try (Admin admin = Admin.create(SharedInfrastructure.get().adminClientProperties())) {
                Set<String> existing = admin.listTopics().names().get();
                for (TopicSpec<?> topic : topics.all()) {
                    assertThat(existing).contains(topic.name(), topic.deadLetterTopic());
                }
            }
            HttpClient http = HttpClient.newHttpClient();
            for (TopicSpec<?> topic : topics.all()) {
                HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create(SharedInfrastructure.get()
                        .confluentCompatibleRegistryUrl() + "/config/" + topic.valueSubject())).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(config.body()).as(topic.valueSubject()).contains(SchemaCatalogueRegistrar.COMPATIBILITY);
            }
        } finally {
            started.forEach(RunningService::close);
            pool.shutdownNow();
        }
    }
}
