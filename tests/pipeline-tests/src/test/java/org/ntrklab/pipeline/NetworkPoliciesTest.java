package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ntrklab.pipeline.DeploymentManifestsTest.list;
import static org.ntrklab.pipeline.DeploymentManifestsTest.map;
import static org.ntrklab.pipeline.DeploymentManifestsTest.name;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntrklab.platform.access.KafkaAccessPolicy;
import org.ntrklab.platform.catalogue.ServiceCatalogue;

/**
 * The NetworkPolicies of the Kubernetes base, evaluated as a cluster would: a connection is allowed when the
 * sender's egress and the receiver's ingress both allow it (a pod selected by no policy of a direction is
 * open in that direction; the namespace's default-deny selects every pod). The pods are the base's
 * Deployments as written, Strimzi's pods with the labels Strimzi gives them, and stand-ins for the cluster's
 * DNS, Prometheus, ingress controller and a lab client system. Ingress to the Kafka pods is Strimzi's,
 * generated from the listeners' networkPolicyPeers, so those are checked instead.
 */
class NetworkPoliciesTest {

    private static final String NAMESPACE = "ntrk-lab";
    /** The placeholders of the base: documentation addresses (RFC 5737), which reach nothing. */
    private static final String IDP = "192.0.2.10";
    private static final String KUBERNETES_API = "192.0.2.1";
    private static final String ELSEWHERE = "203.0.113.7";

    private static final List<Map<String, Object>> POLICIES = new ArrayList<>();
    private static final Map<String, Pod> DEPLOYED = new HashMap<>();
    private static final Map<String, List<Map<String, Object>>> KAFKA_LISTENER_PEERS = new HashMap<>();

    private static final Pod KAFKA = new Pod(NAMESPACE, Map.of("strimzi.io/cluster", "ntrk-kafka",
            "strimzi.io/kind", "Kafka", "strimzi.io/name", "ntrk-kafka-kafka", "strimzi.io/pool-name", "dual-role",
            "strimzi.io/broker-role", "true", "strimzi.io/controller-role", "true"), Map.of());
    private static final Pod ENTITY_OPERATOR = new Pod(NAMESPACE, Map.of("strimzi.io/cluster", "ntrk-kafka",
            "strimzi.io/kind", "Kafka", "strimzi.io/name", "ntrk-kafka-entity-operator"), Map.of());
    private static final Pod CLUSTER_OPERATOR = new Pod(NAMESPACE, Map.of("name", "strimzi-cluster-operator",
            "strimzi.io/kind", "cluster-operator"), Map.of());
    private static final Pod DNS = new Pod("kube-system", Map.of("k8s-app", "kube-dns"), Map.of("dns", 53));
    private static final Pod PROMETHEUS = new Pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus"),
            Map.of());
    private static final Pod INGRESS_CONTROLLER = new Pod("ingress-nginx",
            Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of());
    private static final Pod LAB_CLIENT = new Pod("hospital-integration",
            Map.of("app", "lims-adapter", "ntrk-lab-workflow/client", "true"), Map.of());
    private static final Pod UNLABELLED = new Pod(NAMESPACE, Map.of("run", "debug"), Map.of());

    @BeforeAll
    static void load() throws IOException {
        for (Map<String, Object> d : DeploymentManifestsTest.loadYaml(DeploymentManifestsTest.BASE)) {
            switch (String.valueOf(d.get("kind"))) {
                case "NetworkPolicy" -> POLICIES.add(d);
                case "Deployment" -> DEPLOYED.put(name(d), Pod.of(d));
                case "Kafka" -> {
                    for (Map<String, Object> listener : list(map(map(d, "spec"), "kafka"), "listeners")) {
                        @SuppressWarnings("unchecked")
                        List<Map<String, Object>> peers =
                                (List<Map<String, Object>>) listener.get("networkPolicyPeers");
                        KAFKA_LISTENER_PEERS.put(String.valueOf(listener.get("port")), peers);
                    }
                }
                default -> {
                }
            }
        }
        assertThat(POLICIES).isNotEmpty();
        assertThat(DEPLOYED).containsKeys(KafkaAccessPolicy.SERVICES.toArray(String[]::new))
                .containsKey("apicurio-registry");
    }

    @Test
    void everyDeploymentIsSelectedByTheDefaultDenyOfBothDirections() {
        Map<String, Object> deny = POLICIES.stream().filter(p -> "default-deny".equals(name(p))).findFirst()
                .orElseThrow();
        Map<String, Object> spec = map(deny, "spec");
        assertThat(policyTypes(deny)).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(spec).doesNotContainKeys("ingress", "egress");
        for (Map.Entry<String, Pod> d : DEPLOYED.entrySet()) {
            assertThat(selects(deny, d.getValue())).as("default-deny selects %s", d.getKey()).isTrue();
        }
        for (Pod strimzi : List.of(KAFKA, ENTITY_OPERATOR, CLUSTER_OPERATOR, UNLABELLED)) {
            assertThat(selects(deny, strimzi)).isTrue();
        }
        // Nothing else opens a pod that no role names.
        assertThat(canConnect(UNLABELLED, Target.pod(KAFKA), 9093, "TCP")).isFalse();
        assertThat(canConnect(UNLABELLED, Target.pod(DEPLOYED.get("reporting")), ServiceCatalogue.REPORTING.port(),
                "TCP")).isFalse();
        assertThat(canConnect(UNLABELLED, Target.ip(ELSEWHERE), 443, "TCP")).isFalse();
        assertThat(canConnect(DEPLOYED.get("reporting"), Target.pod(UNLABELLED), 8080, "TCP")).isFalse();
    }

    @Test
    void everyPodResolvesNames() {
        List<Pod> pods = new ArrayList<>(DEPLOYED.values());
        pods.addAll(List.of(KAFKA, ENTITY_OPERATOR, CLUSTER_OPERATOR));
        for (Pod pod : pods) {
            assertThat(egress(pod, Target.pod(DNS), 53, "UDP")).as("DNS over UDP from %s", pod).isTrue();
            assertThat(egress(pod, Target.pod(DNS), 53, "TCP")).as("DNS over TCP from %s", pod).isTrue();
        }
    }

    @Test
    void theServicesReachKafkaTheRegistryAndTheIdentityProviderAndNothingElse() {
        Pod registry = DEPLOYED.get("apicurio-registry");
        for (String service : KafkaAccessPolicy.SERVICES) {
            Pod pod = DEPLOYED.get(service);
            assertThat(egress(pod, Target.pod(KAFKA), 9093, "TCP")).as("%s -> Kafka TLS listener", service).isTrue();
            assertThat(kafkaListenerAdmits(9093, pod)).as("Kafka's TLS listener admits %s", service).isTrue();
            assertThat(canConnect(pod, Target.pod(registry), 8080, "TCP")).as("%s -> registry", service).isTrue();
            assertThat(egress(pod, Target.ip(IDP), 443, "TCP")).as("%s -> identity provider", service).isTrue();

            assertThat(egress(pod, Target.pod(KAFKA), 9092, "TCP")).as("%s -> plain listener", service).isFalse();
            assertThat(kafkaListenerAdmits(9092, pod)).isFalse();
            assertThat(egress(pod, Target.pod(KAFKA), 9091, "TCP")).as("%s -> replication port", service).isFalse();
            assertThat(egress(pod, Target.ip(ELSEWHERE), 443, "TCP")).as("%s -> the internet", service).isFalse();
            assertThat(egress(pod, Target.ip(KUBERNETES_API), 443, "TCP")).as("%s -> API server", service).isFalse();
        }
    }

    @Test
    void instancesOfOneServiceReachEachOtherOnTheWebPortAndNoOtherService() {
        for (String service : KafkaAccessPolicy.SERVICES) {
            Pod pod = DEPLOYED.get(service);
            int port = pod.namedPorts().get("http");
            assertThat(canConnect(pod, Target.pod(pod), port, "TCP")).as("%s -> another %s instance", service,
                    service).isTrue();
            for (String other : KafkaAccessPolicy.SERVICES) {
                if (!other.equals(service)) {
                    Pod target = DEPLOYED.get(other);
                    assertThat(canConnect(pod, Target.pod(target), target.namedPorts().get("http"), "TCP"))
                            .as("%s -> %s", service, other).isFalse();
                }
            }
            assertThat(canConnect(DEPLOYED.get("apicurio-registry"), Target.pod(pod), port, "TCP")).isFalse();
        }
    }

    @Test
    void prometheusAndTheIngressControllerReachTheServicesWebPortOnly() {
        for (String service : KafkaAccessPolicy.SERVICES) {
            Pod pod = DEPLOYED.get(service);
            int port = pod.namedPorts().get("http");
            assertThat(ingress(PROMETHEUS, pod, port, "TCP")).as("Prometheus -> %s", service).isTrue();
            assertThat(ingress(INGRESS_CONTROLLER, pod, port, "TCP")).as("ingress controller -> %s", service)
                    .isTrue();
            assertThat(ingress(PROMETHEUS, pod, port + 1000, "TCP")).isFalse();
            assertThat(ingress(LAB_CLIENT, pod, port, "TCP")).as("a lab client bypassing the ingress").isFalse();
        }
    }

    @Test
    void theRegistryReachesKafkaAndTheIdentityProviderAndServesTheServicesAndLabClients() {
        Pod registry = DEPLOYED.get("apicurio-registry");
        assertThat(egress(registry, Target.pod(KAFKA), 9093, "TCP")).isTrue();
        assertThat(kafkaListenerAdmits(9093, registry)).isTrue();
        assertThat(ingress(LAB_CLIENT, registry, 8080, "TCP")).isTrue();
        assertThat(ingress(PROMETHEUS, registry, 8080, "TCP")).isFalse();
        // The issuer's discovery document and signing keys, to check the tokens that writes need.
        assertThat(egress(registry, Target.ip(IDP), 443, "TCP")).as("registry -> identity provider").isTrue();

        assertThat(egress(registry, Target.ip(IDP), 80, "TCP")).as("registry -> identity provider, plain HTTP")
                .isFalse();
        assertThat(egress(registry, Target.ip(ELSEWHERE), 443, "TCP")).as("registry -> the internet").isFalse();
        assertThat(egress(registry, Target.ip(KUBERNETES_API), 443, "TCP")).as("registry -> API server").isFalse();
        assertThat(egress(registry, Target.pod(KAFKA), 9091, "TCP")).as("registry -> replication port").isFalse();
    }

    @Test
    void labClientsReachBothKafkaListenersAndOthersNeither() {
        assertThat(kafkaListenerAdmits(9092, LAB_CLIENT)).isTrue();
        assertThat(kafkaListenerAdmits(9093, LAB_CLIENT)).isTrue();
        for (Pod other : List.of(PROMETHEUS, INGRESS_CONTROLLER, UNLABELLED)) {
            assertThat(kafkaListenerAdmits(9092, other)).isFalse();
            assertThat(kafkaListenerAdmits(9093, other)).isFalse();
        }
    }

    @Test
    void strimzisPodsReachEachOtherAndTheKubernetesApi() {
        assertThat(egress(KAFKA, Target.pod(KAFKA), 9090, "TCP")).as("KRaft controller quorum").isTrue();
        assertThat(egress(KAFKA, Target.pod(KAFKA), 9091, "TCP")).as("replication").isTrue();
        assertThat(egress(KAFKA, Target.ip(ELSEWHERE), 443, "TCP")).isFalse();
        assertThat(egress(ENTITY_OPERATOR, Target.pod(KAFKA), 9091, "TCP")).isTrue();
        assertThat(egress(ENTITY_OPERATOR, Target.ip(KUBERNETES_API), 443, "TCP")).isTrue();
        for (int port : new int[] {9090, 9091, 8443}) {
            assertThat(egress(CLUSTER_OPERATOR, Target.pod(KAFKA), port, "TCP")).as("operator -> Kafka %s", port)
                    .isTrue();
        }
        assertThat(egress(CLUSTER_OPERATOR, Target.ip(KUBERNETES_API), 6443, "TCP")).isTrue();
    }

    @Test
    void theDeskReachesReportingTatMetricsAndTheIdentityProviderOnlyAndOnlyTheIngressControllerReachesIt() {
        String deskName = DeploymentManifestsTest.DESK;
        int deskPort = DeploymentManifestsTest.DESK_PORT;
        Pod desk = DEPLOYED.get(deskName);
        Pod reporting = DEPLOYED.get("reporting");
        int reportingPort = ServiceCatalogue.REPORTING.port();
        int tatMetricsPort = ServiceCatalogue.TAT_METRICS.port();
        assertThat(canConnect(desk, Target.pod(reporting), reportingPort, "TCP")).as("desk -> reporting").isTrue();
        assertThat(canConnect(desk, Target.pod(DEPLOYED.get("tat-metrics")), tatMetricsPort, "TCP"))
                .as("desk -> tat-metrics").isTrue();
        assertThat(egress(desk, Target.ip(IDP), 443, "TCP")).as("desk -> identity provider").isTrue();

        assertThat(egress(desk, Target.ip(IDP), 80, "TCP")).as("desk -> identity provider, plain HTTP").isFalse();
        assertThat(egress(desk, Target.ip(ELSEWHERE), 443, "TCP")).as("desk -> the internet").isFalse();
        assertThat(canConnect(desk, Target.pod(reporting), tatMetricsPort, "TCP")).as("desk -> reporting, another port")
                .isFalse();
        for (Map.Entry<String, Pod> d : DEPLOYED.entrySet()) {
            if (Set.of(deskName, "reporting", "tat-metrics").contains(d.getKey())) {
                continue;
            }
            for (int port : d.getValue().namedPorts().values()) {
                assertThat(canConnect(desk, Target.pod(d.getValue()), port, "TCP")).as("desk -> %s:%s", d.getKey(),
                        port).isFalse();
            }
            assertThat(canConnect(d.getValue(), Target.pod(desk), deskPort, "TCP")).as("%s -> desk", d.getKey())
                    .isFalse();
        }
        assertThat(egress(desk, Target.pod(KAFKA), 9093, "TCP")).as("desk -> Kafka").isFalse();
        assertThat(kafkaListenerAdmits(9093, desk) || kafkaListenerAdmits(9092, desk))
                .as("Kafka's listeners admit the desk").isFalse();
        assertThat(canConnect(reporting, Target.pod(desk), deskPort, "TCP")).as("reporting -> desk").isFalse();

        assertThat(ingress(INGRESS_CONTROLLER, desk, deskPort, "TCP")).as("ingress controller -> desk").isTrue();
        assertThat(ingress(INGRESS_CONTROLLER, desk, 8080, "TCP")).isFalse();
        assertThat(ingress(PROMETHEUS, desk, deskPort, "TCP")).as("Prometheus -> desk").isFalse();
        assertThat(ingress(LAB_CLIENT, desk, deskPort, "TCP")).as("lab client -> desk").isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void addressesOutsideTheClusterAreUnroutablePlaceholdersForTheOverlayToSet() {
        List<String> cidrs = new ArrayList<>();
        for (Map<String, Object> policy : POLICIES) {
            for (String direction : List.of("ingress", "egress")) {
                for (Map<String, Object> rule : rules(policy, direction)) {
                    Object peers = rule.get(direction.equals("egress") ? "to" : "from");
                    for (Map<String, Object> peer : peers == null ? List.<Map<String, Object>>of()
                            : (List<Map<String, Object>>) peers) {
                        if (peer.get("ipBlock") != null) {
                            cidrs.add((String) ((Map<String, Object>) peer.get("ipBlock")).get("cidr"));
                        }
                    }
                }
            }
        }
        assertThat(cidrs).isNotEmpty().allSatisfy(c -> {
            assertThat(Integer.parseInt(c.split("/")[1])).as(c).isGreaterThanOrEqualTo(24);
            assertThat(inCidr(c.split("/")[0], "192.0.2.0/24")).as("%s is in TEST-NET-1", c).isTrue();
        });
    }

    // --- a NetworkPolicy evaluator, enough for these manifests -------------------------------------------

    /** A pod: its namespace, labels and named container ports. */
    record Pod(String namespace, Map<String, String> labels, Map<String, Integer> namedPorts) {

        static Pod of(Map<String, Object> deployment) {
            Map<String, Object> template = map(map(deployment, "spec"), "template");
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) map(template, "metadata").get("labels");
            Map<String, Integer> ports = new HashMap<>();
            for (Map<String, Object> c : list(map(template, "spec"), "containers")) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> cp = (List<Map<String, Object>>) c.getOrDefault("ports", List.of());
                cp.stream().filter(p -> p.get("name") != null)
                        .forEach(p -> ports.put((String) p.get("name"), (Integer) p.get("containerPort")));
            }
            return new Pod(NAMESPACE, labels, ports);
        }

        Map<String, String> namespaceLabels() {
            return Map.of("kubernetes.io/metadata.name", namespace);
        }

        @Override
        public String toString() {
            return namespace + "/" + labels;
        }
    }

    /** Where a connection goes: a pod, or an address outside the cluster. */
    record Target(Pod pod, String ip) {

        static Target pod(Pod pod) {
            return new Target(pod, null);
        }

        static Target ip(String ip) {
            return new Target(null, ip);
        }
    }

    private static boolean canConnect(Pod from, Target to, int port, String protocol) {
        return egress(from, to, port, protocol) && (to.pod() == null || ingress(from, to.pod(), port, protocol));
    }

    /** Whether {@code from}'s egress policies let it open the connection. */
    private static boolean egress(Pod from, Target to, int port, String protocol) {
        List<Map<String, Object>> applying = applying(from, "Egress");
        if (applying.isEmpty()) {
            return true;
        }
        for (Map<String, Object> policy : applying) {
            for (Map<String, Object> rule : rules(policy, "egress")) {
                if (peersMatch(rule.get("to"), to) && portsMatch(rule.get("ports"), to.pod(), port, protocol)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code to}'s ingress policies accept a connection from {@code from}. */
    private static boolean ingress(Pod from, Pod to, int port, String protocol) {
        List<Map<String, Object>> applying = applying(to, "Ingress");
        if (applying.isEmpty()) {
            return true;
        }
        for (Map<String, Object> policy : applying) {
            for (Map<String, Object> rule : rules(policy, "ingress")) {
                if (peersMatch(rule.get("from"), Target.pod(from))
                        && portsMatch(rule.get("ports"), to, port, protocol)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Strimzi turns a listener's networkPolicyPeers into the Kafka pods' ingress for that port. */
    private static boolean kafkaListenerAdmits(int port, Pod from) {
        List<Map<String, Object>> peers = KAFKA_LISTENER_PEERS.get(String.valueOf(port));
        assertThat(peers).as("networkPolicyPeers of the listener on %s: without them Strimzi admits everyone", port)
                .isNotNull().isNotEmpty();
        return peersMatch(peers, Target.pod(from));
    }

    private static List<Map<String, Object>> applying(Pod pod, String type) {
        return POLICIES.stream().filter(p -> selects(p, pod))
                .filter(p -> policyTypes(p).contains(type)).toList();
    }

    private static boolean selects(Map<String, Object> policy, Pod pod) {
        return NAMESPACE.equals(pod.namespace())
                && selectorMatches(map(map(policy, "spec"), "podSelector"), pod.labels());
    }

    @SuppressWarnings("unchecked")
    private static List<String> policyTypes(Map<String, Object> policy) {
        Map<String, Object> spec = map(policy, "spec");
        if (spec.get("policyTypes") != null) {
            return (List<String>) spec.get("policyTypes");
        }
        return spec.containsKey("egress") ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules(Map<String, Object> policy, String direction) {
        Object rules = map(policy, "spec").get(direction);
        return rules == null ? List.of() : (List<Map<String, Object>>) rules;
    }

    /** An absent peer list means everyone; otherwise any one peer must match. */
    @SuppressWarnings("unchecked")
    private static boolean peersMatch(Object peers, Target target) {
        if (peers == null) {
            return true;
        }
        for (Map<String, Object> peer : (List<Map<String, Object>>) peers) {
            if (peer.get("ipBlock") != null) {
                Map<String, Object> block = (Map<String, Object>) peer.get("ipBlock");
                if (target.ip() != null && inCidr(target.ip(), (String) block.get("cidr"))
                        && ((List<String>) block.getOrDefault("except", List.of())).stream()
                                .noneMatch(e -> inCidr(target.ip(), e))) {
                    return true;
                }
                continue;
            }
            if (target.pod() == null) {
                continue;
            }
            Pod pod = target.pod();
            Map<String, Object> ns = (Map<String, Object>) peer.get("namespaceSelector");
            Map<String, Object> pods = (Map<String, Object>) peer.get("podSelector");
            boolean namespaceOk = ns == null ? NAMESPACE.equals(pod.namespace())
                    : selectorMatches(ns, pod.namespaceLabels());
            boolean podOk = pods == null || selectorMatches(pods, pod.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    /** An absent port list means every port; a named port is looked up on the receiving pod. */
    @SuppressWarnings("unchecked")
    private static boolean portsMatch(Object ports, Pod receiver, int port, String protocol) {
        if (ports == null) {
            return true;
        }
        for (Map<String, Object> p : (List<Map<String, Object>>) ports) {
            if (!protocol.equals(p.getOrDefault("protocol", "TCP"))) {
                continue;
            }
            Object wanted = p.get("port");
            if (wanted == null) {
                return true;
            }
            if (wanted instanceof Integer number) {
                int end = (Integer) p.getOrDefault("endPort", number);
                if (port >= number && port <= end) {
                    return true;
                }
            } else if (receiver != null && Integer.valueOf(port).equals(receiver.namedPorts().get(wanted))) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static boolean selectorMatches(Map<String, Object> selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        Map<String, Object> matchLabels = (Map<String, Object>) selector.getOrDefault("matchLabels", Map.of());
        for (Map.Entry<String, Object> e : matchLabels.entrySet()) {
            if (!String.valueOf(e.getValue()).equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (Map<String, Object> expr : (List<Map<String, Object>>) selector.getOrDefault("matchExpressions",
                List.of())) {
            String value = labels.get((String) expr.get("key"));
            List<String> values = (List<String>) expr.getOrDefault("values", List.of());
            boolean ok = switch ((String) expr.get("operator")) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("operator " + expr.get("operator"));
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean inCidr(String ip, String cidr) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (ipv4(ip) & mask) == (ipv4(parts[0]) & mask);
    }

    private static long ipv4(String address) {
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }
}
