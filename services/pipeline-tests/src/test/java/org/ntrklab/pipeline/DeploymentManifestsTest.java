package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes base (deploy/k8s/base) against the topic catalogue: every topic exists with the same
 * partition count, each ntrk.* topic is writable by its one writer only (DESIGN.md §4 "single writer",
 * §6 "services need only their own ACLs"), the LIMS writes only the lab's input topics, a report consumer
 * only reads, and every service Deployment has probes on the health groups the services serve and
 * resource limits.
 */
class DeploymentManifestsTest {

    private static final Path BASE = Path.of(System.getProperty("ntrk.repository.root", "../.."), "deploy", "k8s", "base");
    private static final Topics CATALOGUE = Topics.production(12, (short) 3);
    private static final Set<String> SERVICES = Set.of("accessioning", "sample-qc", "assay-tracking", "reflex",
            "reporting", "tat-metrics");

    private static final List<Map<String, Object>> DOCUMENTS = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        try (Stream<Path> files = Files.walk(BASE)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                try (Reader r = Files.newBufferedReader(f)) {
                    for (Object doc : new Yaml().loadAll(r)) {
                        if (doc instanceof Map<?, ?> m) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> typed = (Map<String, Object>) m;
                            DOCUMENTS.add(typed);
                        }
                    }
                }
            }
        }
        assertThat(DOCUMENTS).isNotEmpty();
    }

    @Test
    void everyCatalogueTopicAndItsDeadLetterTopicExistWithOnePartitionCount() {
        Map<String, Integer> partitions = new HashMap<>();
        for (Map<String, Object> topic : kind("KafkaTopic")) {
            Map<String, Object> spec = map(topic, "spec");
            partitions.put((String) spec.get("topicName"), (Integer) spec.get("partitions"));
        }
        for (TopicSpec<?> t : CATALOGUE.all()) {
            assertThat(partitions).containsKey(t.name()).containsKey(t.name() + TopicSpec.DEAD_LETTER_SUFFIX);
        }
        Set<Integer> counts = new HashSet<>();
        CATALOGUE.all().forEach(t -> counts.add(partitions.get(t.name())));
        assertThat(counts).as("co-partitioned topics share one partition count").hasSize(1);
    }

    @Test
    void deadLetterTopicsTakeADeadLetterOfARecordAtTheBrokersLimit() {
        for (Map<String, Object> topic : kind("KafkaTopic")) {
            Map<String, Object> spec = map(topic, "spec");
            if (((String) spec.get("topicName")).endsWith(TopicSpec.DEAD_LETTER_SUFFIX)) {
                assertThat(map(spec, "config").get("max.message.bytes")).as("max.message.bytes of %s",
                        spec.get("topicName")).isEqualTo(TopicSpec.DEAD_LETTER_MAX_MESSAGE_BYTES);
            }
        }
    }

    @Test
    void eachNtrkTopicIsWritableByItsOneWriterOnly() {
        Map<String, Set<String>> writers = new HashMap<>();
        for (Map<String, Object> user : kind("KafkaUser")) {
            for (String topic : topicsWith(user, "Write")) {
                writers.computeIfAbsent(topic, k -> new HashSet<>()).add(name(user));
            }
        }
        for (TopicSpec<?> t : CATALOGUE.all()) {
            if (t.name().startsWith("ntrk.")) {
                assertThat(writers.get(t.name())).as("writers of %s", t.name()).containsExactly(t.writer());
            }
        }
    }

    @Test
    void theLimsWritesOnlyTheLabsInputTopicsAndAReportConsumerOnlyReads() {
        Map<String, Object> lims = user("lims");
        assertThat(topicsWith(lims, "Write")).containsExactlyInAnyOrder(CATALOGUE.limsSpecimenEvents().name(),
                CATALOGUE.qcMeasurements().name(), CATALOGUE.assayRuns().name());
        Map<String, Object> consumer = user("report-consumer");
        assertThat(topicsWith(consumer, "Write")).isEmpty();
        assertThat(topicsWith(consumer, "Read")).containsExactly(CATALOGUE.reports().name());
    }

    @Test
    void everyServiceHasAUserAndADeploymentWithProbesAndLimits() {
        Set<String> users = new HashSet<>();
        kind("KafkaUser").forEach(u -> users.add(name(u)));
        assertThat(users).containsAll(SERVICES);
        Set<String> deployed = new HashSet<>();
        for (Map<String, Object> d : kind("Deployment")) {
            if (!SERVICES.contains(name(d))) {
                continue;
            }
            deployed.add(name(d));
            Map<String, Object> container = list(map(map(map(d, "spec"), "template"), "spec"), "containers").get(0);
            assertThat(path(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");
            assertThat(path(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
            assertThat(map(map(container, "resources"), "limits")).containsKeys("cpu", "memory");
        }
        assertThat(deployed).isEqualTo(SERVICES);
    }

    private static List<Map<String, Object>> kind(String kind) {
        return DOCUMENTS.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static Map<String, Object> user(String name) {
        return kind("KafkaUser").stream().filter(u -> name.equals(name(u))).findFirst().orElseThrow();
    }

    private static String name(Map<String, Object> resource) {
        return (String) map(resource, "metadata").get("name");
    }

    /** Literal topic names on which the user is granted {@code operation}. */
    private static Set<String> topicsWith(Map<String, Object> user, String operation) {
        Set<String> topics = new HashSet<>();
        for (Map<String, Object> acl : list(map(map(user, "spec"), "authorization"), "acls")) {
            Map<String, Object> resource = map(acl, "resource");
            if ("topic".equals(resource.get("type")) && "literal".equals(resource.get("patternType"))
                    && ((List<?>) acl.get("operations")).contains(operation)) {
                topics.add((String) resource.get("name"));
            }
        }
        return topics;
    }

    private static String path(Map<String, Object> container, String probe) {
        return (String) map(map(container, probe), "httpGet").get("path");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        assertThat(m).containsKey(key);
        return (Map<String, Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        assertThat(m).containsKey(key);
        return (List<Map<String, Object>>) m.get(key);
    }
}
