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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntrklab.platform.access.KafkaAccessPolicy;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes base (deploy/k8s/base) against the topic catalogue and the access policy: every topic
 * exists with the same partition count, every principal of {@link KafkaAccessPolicy#lab()} (but the demo-only
 * simulator) has a KafkaUser whose ACLs are exactly the policy's, each ntrk.* topic is writable by its one
 * writer only (DESIGN.md §4 "single writer", §6 "services need only their own ACLs"), every service
 * Deployment has probes on the health groups the services serve and resource limits, and the services are
 * configured as OAuth2 resource servers.
 */
class DeploymentManifestsTest {

    static final Path BASE = Path.of(System.getProperty("ntrk.repository.root", "../.."), "deploy", "k8s", "base");
    private static final Topics CATALOGUE = Topics.production(12, (short) 3);
    private static final Set<String> SERVICES = Set.copyOf(KafkaAccessPolicy.SERVICES);
    /** Principals of the policy that get no KafkaUser: the simulator plays the LIMS in demonstrations only. */
    private static final Set<String> NOT_DEPLOYED = Set.of(KafkaAccessPolicy.SIMULATOR);

    private static final List<Map<String, Object>> DOCUMENTS = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        DOCUMENTS.addAll(loadYaml(BASE));
        assertThat(DOCUMENTS).isNotEmpty();
    }

    /** Every YAML document under {@code dir}. */
    static List<Map<String, Object>> loadYaml(Path dir) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader r = Files.newBufferedReader(f)) {
                    for (Object doc : new Yaml().loadAll(r)) {
                        if (doc instanceof Map<?, ?> m) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> typed = (Map<String, Object>) m;
                            documents.add(typed);
                        }
                    }
                }
            }
        }
        return documents;
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
        for (String service : SERVICES) {
            assertThat(partitions).containsKey(Topics.serviceDeadLetterTopic(service));
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
    void everyPrincipalOfTheAccessPolicyHasAKafkaUserWithExactlyItsAcls() {
        Map<String, List<AclBinding>> policy = new KafkaAccessPolicy(CATALOGUE).lab();
        Set<String> users = kind("KafkaUser").stream().map(DeploymentManifestsTest::name).collect(Collectors.toSet());
        Set<String> expected = new TreeSet<>(policy.keySet());
        expected.removeAll(NOT_DEPLOYED);
        assertThat(users).containsAll(expected).doesNotContainAnyElementsOf(NOT_DEPLOYED);
        for (String principal : expected) {
            Map<String, Object> user = user(principal);
            assertThat(map(map(user, "spec"), "authentication").get("type")).isEqualTo("scram-sha-512");
            assertThat(aclTuples(user)).as("ACLs of KafkaUser %s", principal)
                    .isEqualTo(policyTuples(policy.get(principal)));
        }
    }

    @Test
    void eachNtrkTopicIsWritableByItsOneWriterOnly() {
        Map<String, Set<String>> writers = new HashMap<>();
        for (Map<String, Object> user : kind("KafkaUser")) {
            for (String tuple : aclTuples(user)) {
                String[] t = tuple.split(" ");
                if (t[0].equals("topic") && t[2].equals("literal") && Set.of("Write", "All").contains(t[3])) {
                    writers.computeIfAbsent(t[1], k -> new HashSet<>()).add(name(user));
                }
            }
        }
        for (TopicSpec<?> t : CATALOGUE.all()) {
            if (t.name().startsWith("ntrk.")) {
                assertThat(writers.get(t.name())).as("writers of %s", t.name()).containsExactly(t.writer());
            }
        }
    }

    @Test
    void theLimsTheBenchAndTheInstrumentsEachWriteOneTopicAndAReportConsumerOnlyReads() {
        assertThat(aclTuples(user("lims"))).containsExactlyInAnyOrder(
                "topic lims.specimen-events literal Write", "topic lims.specimen-events literal Describe");
        assertThat(aclTuples(user("bench"))).containsExactlyInAnyOrder(
                "topic lab.qc-measurements literal Write", "topic lab.qc-measurements literal Describe");
        assertThat(aclTuples(user("instruments"))).containsExactlyInAnyOrder(
                "topic lab.assay-runs literal Write", "topic lab.assay-runs literal Describe");
        assertThat(aclTuples(user("report-consumer"))).noneMatch(t -> t.endsWith(" Write") || t.endsWith(" All"));
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

    @Test
    void theServicesAcceptAccessTokensOfTheConfiguredIssuerOnly() {
        Map<String, Object> config = kind("ConfigMap").stream().filter(c -> "ntrk-services".equals(name(c)))
                .findFirst().orElseThrow();
        Map<String, Object> data = map(config, "data");
        assertThat((String) data.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI")).startsWith("https://");
        assertThat((String) data.get("NTRK_SECURITY_ROLES_CLAIM")).isNotBlank();
        for (Map<String, Object> d : kind("Deployment")) {
            if (SERVICES.contains(name(d))) {
                Map<String, Object> container = list(map(map(map(d, "spec"), "template"), "spec"), "containers")
                        .get(0);
                assertThat(list(container, "envFrom")).as("envFrom of %s", name(d))
                        .anyMatch(e -> e.get("configMapRef") instanceof Map<?, ?> ref
                                && "ntrk-services".equals(ref.get("name")));
            }
        }
    }

    @Test
    void prometheusScrapesWithAnOAuth2ClientWhoseCredentialsAreInASecret() throws IOException {
        Path podMonitor = BASE.resolveSibling("components").resolve("pod-monitor");
        Map<String, Object> monitor = loadYaml(podMonitor).stream().filter(d -> "PodMonitor".equals(d.get("kind")))
                .findFirst().orElseThrow();
        for (Map<String, Object> endpoint : list(map(monitor, "spec"), "podMetricsEndpoints")) {
            Map<String, Object> oauth2 = map(endpoint, "oauth2");
            assertThat(map(map(oauth2, "clientId"), "secret")).containsKeys("name", "key");
            assertThat(map(oauth2, "clientSecret")).containsKeys("name", "key");
            assertThat((String) oauth2.get("tokenUrl")).startsWith("https://");
        }
    }

    /**
     * A KafkaUser's ACLs as {@code "<type> <name> <pattern> <operation>"}, one per operation, in Strimzi's
     * spelling (topic, group, transactionalId, cluster; literal, prefix).
     */
    static Set<String> aclTuples(Map<String, Object> user) {
        Set<String> tuples = new TreeSet<>();
        for (Map<String, Object> acl : list(map(map(user, "spec"), "authorization"), "acls")) {
            Map<String, Object> resource = map(acl, "resource");
            assertThat(acl.getOrDefault("type", "allow")).as("ACL type").isEqualTo("allow");
            assertThat(acl.getOrDefault("host", "*")).as("ACL host").isEqualTo("*");
            String pattern = (String) resource.getOrDefault("patternType", "literal");
            String name = resource.get("type").equals("cluster") ? "kafka-cluster" : (String) resource.get("name");
            for (Object operation : (List<?>) acl.get("operations")) {
                tuples.add(resource.get("type") + " " + name + " " + pattern + " " + operation);
            }
        }
        return tuples;
    }

    /** The policy's bindings of one principal, in the same form as {@link #aclTuples}. */
    static Set<String> policyTuples(List<AclBinding> bindings) {
        Set<String> tuples = new TreeSet<>();
        for (AclBinding b : bindings) {
            assertThat(b.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
            assertThat(b.entry().host()).isEqualTo("*");
            tuples.add(strimziType(b.pattern().resourceType()) + " " + b.pattern().name() + " "
                    + strimziPattern(b.pattern().patternType()) + " " + strimziOperation(b.entry().operation()));
        }
        return tuples;
    }

    /** Each principal's policy tuples, for other deployment tests. */
    static Map<String, Set<String>> policyTuples(Map<String, List<AclBinding>> policy) {
        Map<String, Set<String>> all = new TreeMap<>();
        policy.forEach((principal, bindings) -> all.put(principal, policyTuples(bindings)));
        return all;
    }

    static String strimziType(ResourceType type) {
        return switch (type) {
            case TOPIC -> "topic";
            case GROUP -> "group";
            case TRANSACTIONAL_ID -> "transactionalId";
            case CLUSTER -> "cluster";
            default -> throw new IllegalArgumentException("no KafkaUser resource type for " + type);
        };
    }

    static String strimziPattern(PatternType pattern) {
        return switch (pattern) {
            case LITERAL -> "literal";
            case PREFIXED -> "prefix";
            default -> throw new IllegalArgumentException("no KafkaUser pattern type for " + pattern);
        };
    }

    /** Strimzi's spelling of an operation: READ is Read, IDEMPOTENT_WRITE is IdempotentWrite. */
    static String strimziOperation(AclOperation operation) {
        return Stream.of(operation.name().toLowerCase(Locale.ROOT).split("_"))
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining());
    }

    private static List<Map<String, Object>> kind(String kind) {
        return DOCUMENTS.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static Map<String, Object> user(String name) {
        return kind("KafkaUser").stream().filter(u -> name.equals(name(u))).findFirst()
                .orElseThrow(() -> new AssertionError("no KafkaUser " + name));
    }

    static String name(Map<String, Object> resource) {
        return (String) map(resource, "metadata").get("name");
    }

    private static String path(Map<String, Object> container, String probe) {
        return (String) map(map(container, probe), "httpGet").get("path");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        assertThat(m).containsKey(key);
        return (Map<String, Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        assertThat(m).containsKey(key);
        return (List<Map<String, Object>>) m.get(key);
    }
}
