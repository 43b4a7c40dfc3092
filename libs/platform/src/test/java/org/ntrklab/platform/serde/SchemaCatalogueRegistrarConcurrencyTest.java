package org.ntrklab.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;

/**
 * Many instances registering the catalogue at the same moment on subjects that do not exist yet (as six
 * services and their replicas do on a fresh installation) all succeed, agree on every schema id, and leave
 * each subject at BACKWARD_TRANSITIVE. A lost race on the compatibility rule ("already exists") used to
 * abort start-up.
 */
class SchemaCatalogueRegistrarConcurrencyTest {

    private static final int INSTANCES = 8;

    @RepeatedTest(3)
    void instancesStartingTogetherAllRegisterTheCatalogue(TestInfo info) throws Exception {
        Topics topics = new Topics(TestNamespace.of(info).topicPrefix(), 1, (short) 1);
        RegistrySettings settings = RegistrySettings.of(SharedInfrastructure.get().registryUrl(),
                SharedInfrastructure.get().registryClientProperties());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        try {
            List<Future<Map<String, Integer>>> results = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return new SchemaCatalogueRegistrar(settings).registerAll(topics);
                }));
            }
            start.countDown();
            Map<String, Integer> first = results.get(0).get();
            for (Future<Map<String, Integer>> result : results) {
                assertThat(result.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        HttpClient http = HttpClient.newHttpClient();
        for (TopicSpec<?> topic : topics.all()) {
            HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create(
                    SharedInfrastructure.get().confluentCompatibleRegistryUrl() + "/config/" + topic.valueSubject()))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(config.body()).contains(SchemaCatalogueRegistrar.COMPATIBILITY);
        }
    }
}
