package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
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
import org.ntrklab.desk.DeskProperties;
import org.ntrklab.infra.RegistryAccess;
import org.ntrklab.platform.access.KafkaAccessPolicy;
import org.ntrklab.platform.catalogue.ServiceCatalogue;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes base (deploy/k8s/base) against the topic catalogue and the access policy: every topic
 * exists with the same partition count, every principal of {@link KafkaAccessPolicy#lab()} (but the demo-only
 * simulator) has a KafkaUser whose ACLs are exactly the policy's, each ntrk.* topic is writable by its one
 * writer only (docs/architecture.md, docs/security.md#kafka), every service
 * Deployment has probes on the health groups the services serve and resource limits, the services are
 * configured as OAuth2 resource servers, and the registry takes writes only with the identity provider's
 * tokens ({@link RegistryAccess}, the same issuer and roles claim as the services), which the services get
 * with a client whose secret is in a Secret. The sign-out desk runs like the services (probes, limits, the
 * same security context) but with no Kafka user, signs people in at the services' identity provider as its
 * public client, and its NetworkPolicies let it reach reporting, tat-metrics and the identity provider only.
 */
class DeploymentManifestsTest {

    static final Path BASE = Path.of(System.getProperty("ntrk.repository.root", "../.."), "deploy", "k8s", "base");
    private static final Topics CATALOGUE = Topics.production(12, (short) 3);
    private static final Set<String> SERVICES = Set.copyOf(KafkaAccessPolicy.SERVICES);
    /** Principals of the policy that get no KafkaUser: the simulator plays the LIMS in demonstrations only. */
    private static final Set<String> NOT_DEPLOYED = Set.of(KafkaAccessPolicy.SIMULATOR);
    /** The ConfigMap every service takes its settings from (envFrom), the registry its issuer and roles claim. */
    private static final String SERVICES_CONFIG = "ntrk-services";
    private static final String ISSUER_KEY = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI";
    private static final String ROLES_CLAIM_KEY = "NTRK_SECURITY_ROLES_CLAIM";
    private static final String REGISTRY_ROLES_CLAIM_PATH = "quarkus.oidc.roles.role-claim-path";
    /** The Secret the lab creates with the services' OAuth2 client secret for the registry. */
    private static final String SERVICES_OAUTH2_SECRET = "ntrk-services-oauth2";
    /** The sign-out desk: its Deployment, Service, container and NetworkPolicy are all named so. */
    static final String DESK = "desk";
    /** The desk's client registration id (its defaults), and the client id it has unless told otherwise. */
    static final String DESK_REGISTRATION = "ntrk-desk";
    static final int DESK_PORT = ServiceCatalogue.DESK.port();
    /** The registry's own topics (its KafkaSQL storage and events), beside the catalogue's. */
    static final List<String> REGISTRY_TOPICS = List.of("kafkasql-journal", "kafkasql-snapshots", "registry-events");

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
        // And no other: a topic renamed in the catalogue leaves no stale KafkaTopic behind.
        Set<String> expected = new TreeSet<>(REGISTRY_TOPICS);
        CATALOGUE.all().forEach(t -> expected.addAll(List.of(t.name(), t.deadLetterTopic())));
        SERVICES.forEach(service -> expected.add(Topics.serviceDeadLetterTopic(service)));
        assertThat(new TreeSet<>(partitions.keySet())).as("the KafkaTopics of %s", BASE).isEqualTo(expected);
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
    void theRegistryTakesWritesOnlyWithTokensOfTheServicesIssuerAsTheEmbeddedOneDoes() {
        Map<String, Object> data = map(servicesConfig(), "data");
        Map<String, Map<String, Object>> env = env(container(deployment("apicurio-registry")));
        String issuer = "https://issuer.invalid/ntrk-lab";
        RegistryAccess.properties(issuer).forEach((property, value) -> {
            String variable = RegistryAccess.environmentVariable(property);
            assertThat(env).as("registry setting %s", property).containsKey(variable);
            Map<String, Object> entry = env.get(variable);
            if (value.equals(issuer)) {
                // The issuer the services trust, read from the very key they read it from.
                assertThat(configMapKey(entry)).as(variable).isEqualTo(ISSUER_KEY);
            } else if (property.equals(REGISTRY_ROLES_CLAIM_PATH)) {
                // The services' roles claim, in Quarkus' notation: "/" between nested claims, not ".".
                String key = configMapKey(entry);
                assertThat(data).as("ConfigMap %s", SERVICES_CONFIG).containsKey(key);
                assertThat(data.get(key)).as("%s, the registry's %s", key, ROLES_CLAIM_KEY)
                        .isEqualTo(registryClaimPath((String) data.get(ROLES_CLAIM_KEY)));
            } else {
                assertThat(entry).as("registry setting %s", property).containsEntry("value", value)
                        .doesNotContainKey("valueFrom");
            }
        });
    }

    @Test
    void theRegistryRefusesToDeleteAnythingAsTheEmbeddedOneDoes() {
        Map<String, Map<String, Object>> env = env(container(deployment("apicurio-registry")));
        RegistryAccess.noDeletion().forEach((property, value) -> {
            String variable = RegistryAccess.environmentVariable(property);
            assertThat(env).as("registry setting %s", property).containsKey(variable);
            assertThat(env.get(variable)).as("registry setting %s", property).containsEntry("value", value);
        });
    }

    @Test
    void everyServiceSignsInToTheRegistryWithAClientWhoseSecretIsInASecret() {
        Map<String, Object> data = map(servicesConfig(), "data");
        assertThat((String) data.get("NTRK_REGISTRY_AUTH_TOKEN_URL")).startsWith("https://");
        assertThat((String) data.get("NTRK_REGISTRY_AUTH_CLIENT_ID")).isNotBlank();
        assertThat(data).doesNotContainKey("NTRK_REGISTRY_AUTH_CLIENT_SECRET");
        assertThat(kind("Secret")).as("the client secret is never in version control")
                .noneMatch(secret -> SERVICES_OAUTH2_SECRET.equals(name(secret)));
        for (String service : SERVICES) {
            Map<String, Object> container = container(deployment(service));
            for (String variable : List.of("NTRK_REGISTRY_AUTH_TOKEN_URL", "NTRK_REGISTRY_AUTH_CLIENT_ID")) {
                assertThat(configMapKey(source(container, variable))).as("%s of %s", variable, service)
                        .isEqualTo(variable);
            }
            Map<String, Object> secret = source(container, "NTRK_REGISTRY_AUTH_CLIENT_SECRET");
            assertThat(secret).as("NTRK_REGISTRY_AUTH_CLIENT_SECRET of %s: from a Secret, never a literal", service)
                    .doesNotContainKey("value").containsKey("valueFrom");
            Map<String, Object> ref = map(map(secret, "valueFrom"), "secretKeyRef");
            assertThat(ref).containsEntry("name", SERVICES_OAUTH2_SECRET).containsEntry("key", "client-secret");
            // Token endpoint, client id and secret go together: without the Secret the pod must not start.
            assertThat(ref.getOrDefault("optional", false)).isEqualTo(false);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExampleOverlaySetsOneIdentityProviderForTheServicesAndTheRegistry() throws IOException {
        Map<String, Object> overlay;
        try (Reader r = Files.newBufferedReader(BASE.resolveSibling("overlays").resolve("example")
                .resolve("kustomization.yaml"))) {
            overlay = new Yaml().load(r);
        }
        Map<String, Object> data = map(servicesConfig(), "data");
        Map<String, Object> config = patchedValues(overlay, "ConfigMap", SERVICES_CONFIG);
        config.keySet().forEach(path -> assertThat(data).as("the base's ConfigMap has %s", path)
                .containsKey(path.substring("/data/".length())));
        assertThat(config).containsKeys("/data/" + ISSUER_KEY, "/data/NTRK_REGISTRY_AUTH_TOKEN_URL");
        if (config.containsKey("/data/" + ROLES_CLAIM_KEY)) {
            assertThat(config.get("/data/QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH")).as("the registry's roles claim")
                    .isEqualTo(registryClaimPath((String) config.get("/data/" + ROLES_CLAIM_KEY)));
        }
        // The identity provider's address, the same in the services' and the registry's NetworkPolicy.
        Set<Object> idpRanges = new HashSet<>();
        for (String policy : List.of("lab-services", "apicurio-registry", DESK)) {
            Map<String, Object> patched = patchedValues(overlay, "NetworkPolicy", policy);
            assertThat(patched).as("overlay patches of NetworkPolicy %s", policy).hasSize(1);
            String path = patched.keySet().iterator().next();
            String[] parts = path.split("/");
            assertThat(parts).as(path).hasSize(8);
            Map<String, Object> base = kind("NetworkPolicy").stream().filter(p -> policy.equals(name(p)))
                    .findFirst().orElseThrow();
            Map<String, Object> rule = list(map(base, "spec"), parts[2]).get(Integer.parseInt(parts[3]));
            Map<String, Object> peer = list(rule, parts[4]).get(Integer.parseInt(parts[5]));
            assertThat(map(peer, "ipBlock")).as("%s of %s is an ipBlock", path, policy).containsKey("cidr");
            assertThat((List<Map<String, Object>>) rule.get("ports")).as("%s of %s: HTTPS", path, policy)
                    .anyMatch(port -> Integer.valueOf(443).equals(port.get("port")));
            idpRanges.add(patched.get(path));
        }
        assertThat(idpRanges).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExampleOverlayNamesAnImageOfYourOwnForEveryImageBuiltHere() throws IOException {
        Map<String, Object> overlay;
        try (Reader r = Files.newBufferedReader(BASE.resolveSibling("overlays").resolve("example")
                .resolve("kustomization.yaml"))) {
            overlay = new Yaml().load(r);
        }
        Set<String> renamed = new HashSet<>();
        for (Map<String, Object> image : (List<Map<String, Object>>) overlay.get("images")) {
            renamed.add((String) image.get("name"));
        }
        Set<String> built = new TreeSet<>();
        for (Map<String, Object> d : kind("Deployment")) {
            String image = (String) container(d).get("image");
            if (image.startsWith("ghcr.io/ntrk-lab-workflow/")) {
                built.add(image.substring(0, image.lastIndexOf(':')));
            }
        }
        assertThat(built).contains("ghcr.io/ntrk-lab-workflow/" + DESK).hasSize(SERVICES.size() + 1);
        assertThat(renamed).containsAll(built);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDeskRunsLikeTheServicesButWithNoKafkaUserNoStateAndNoMetrics() {
        Map<String, Object> desk = deployment(DESK);
        Map<String, Object> reporting = deployment("reporting");
        Map<String, Object> container = container(desk);
        assertThat(container).containsEntry("name", DESK);
        // The image Compose builds from services/desk, named as the services' are.
        assertThat(container.get("image")).isEqualTo(((String) container(reporting).get("image"))
                .replace("/reporting:", "/" + DESK + ":"));
        assertThat(list(container, "ports")).containsExactly(Map.of("name", "http", "containerPort", DESK_PORT));

        // The health groups the probes ask for exist: the desk's defaults enable them (not only on Kubernetes,
        // for the image's health check) and expose health.
        assertThat(path(container, "startupProbe")).isEqualTo("/actuator/health/liveness");
        assertThat(path(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");
        assertThat(path(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
        Binder defaults = deskBinder(Map.of());
        assertThat(defaults.bind("management.endpoint.health.probes.enabled", Boolean.class).orElse(false))
                .as("management.endpoint.health.probes.enabled in the desk's defaults").isTrue();
        assertThat(defaults.bind("management.endpoints.web.exposure.include", String[].class).get())
                .contains("health");
        assertThat(defaults.bind("server.port", Integer.class).get()).isEqualTo(DESK_PORT);
        assertThat(map(map(container, "resources"), "limits")).containsKeys("cpu", "memory");
        assertThat(map(map(container, "resources"), "requests")).containsKeys("cpu", "memory");

        // The services' security context, pod and container alike; a writable /tmp and nothing else.
        Map<String, Object> podSpec = map(map(map(desk, "spec"), "template"), "spec");
        assertThat(podSpec.get("securityContext"))
                .isEqualTo(map(map(map(reporting, "spec"), "template"), "spec").get("securityContext"));
        assertThat(container.get("securityContext")).isEqualTo(container(reporting).get("securityContext"));
        assertThat(map(container, "securityContext")).containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
        assertThat(list(container, "volumeMounts")).containsExactly(Map.of("name", "tmp", "mountPath", "/tmp"));
        assertThat(list(podSpec, "volumes")).singleElement()
                .satisfies(v -> assertThat(v).containsEntry("name", "tmp").containsKey("emptyDir"));

        // No Kafka, no registry, no secret: the desk is none of the services.
        assertThat(kind("KafkaUser")).noneMatch(u -> DESK.equals(name(u)));
        assertThat(container).doesNotContainKey("envFrom");
        assertThat(env(container).keySet()).noneMatch(v -> v.startsWith("SPRING_KAFKA") || v.startsWith("NTRK_REGISTRY")
                || v.startsWith("NTRK_STREAMS") || v.startsWith("NTRK_TOPICS"));
        assertThat(env(container).values()).noneMatch(e -> e.get("valueFrom") instanceof Map<?, ?> from
                && from.containsKey("secretKeyRef"));
        Map<String, Object> podLabels = (Map<String, Object>) map(map(map(desk, "spec"), "template"), "metadata")
                .get("labels");
        assertThat(podLabels).containsEntry("app.kubernetes.io/name", DESK)
                .doesNotContainEntry("app.kubernetes.io/component", "lab-service");
        assertThat(map(map(map(desk, "spec"), "template"), "metadata")).doesNotContainKey("annotations");

        // Its Service: the desk's port to the container's http port, selecting the desk's pods.
        Map<String, Object> service = kind("Service").stream().filter(x -> DESK.equals(name(x))).findFirst()
                .orElseThrow(() -> new AssertionError("no Service desk"));
        assertThat(map(service, "spec").get("selector"))
                .isEqualTo(map(map(desk, "spec"), "selector").get("matchLabels"));
        assertThat(podLabels).containsAllEntriesOf(map(map(service, "spec"), "selector"));
        assertThat(list(map(service, "spec"), "ports"))
                .containsExactly(Map.of("name", "http", "port", DESK_PORT, "targetPort", "http"));
    }

    @Test
    void theDeskSignsInAtTheServicesIdentityProviderAndCallsReportingAndTatMetricsByTheirServices() {
        Map<String, Object> container = container(deployment(DESK));
        // The issuer the services trust, from the very key they read it from.
        assertThat(configMapKey(source(container, "SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_NTRK_ISSUER_URI")))
                .isEqualTo(ISSUER_KEY);

        // What the desk binds from its environment over its own defaults.
        Map<String, String> environment = new HashMap<>();
        Map<String, Object> data = map(servicesConfig(), "data");
        env(container).forEach((variable, entry) -> environment.put(variable, entry.containsKey("value")
                ? String.valueOf(entry.get("value")) : String.valueOf(data.get(configMapKey(entry)))));
        Binder binder = deskBinder(environment);
        DeskProperties desk = checkDeskSignIn(binder, (String) data.get(ISSUER_KEY), DESK_REGISTRATION);
        assertThat(desk.reportingUrl()).isEqualTo(serviceUrl("reporting"));
        assertThat(desk.tatMetricsUrl()).isEqualTo(serviceUrl("tat-metrics"));
        assertThat(desk.loopbackAddress()).as("the desk is reached by a host name, not on a person's machine")
                .isFalse();
        // Behind the ingress controller: the redirect URI carries the public host and scheme, and the session
        // cookie travels over TLS only.
        assertThat(binder.bind("server.forward-headers-strategy", String.class).orElse(""))
                .isEqualToIgnoringCase("native");
        assertThat(binder.bind("server.servlet.session.cookie.secure", Boolean.class).orElse(false)).isTrue();
        binder.bind("ntrk.desk.zone", String.class).ifBound(ZoneId::of);
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

    // --- the desk's settings, as it binds them ------------------------------------------------------------

    /**
     * A binder over what the desk reads: the given environment variables (bound as Spring Boot binds the
     * process environment) above the desk's own defaults, ntrk-desk-defaults.yml. Values are taken as they
     * are: no placeholders are resolved.
     */
    static Binder deskBinder(Map<String, String> environment) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("ntrk-desk-defaults.yml"));
        Properties defaults = yaml.getObject();
        assertThat(defaults).as("the desk's defaults on the class path").isNotNull().isNotEmpty();
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new HashMap<>(environment)));
        sources.addLast(new PropertiesPropertySource("defaultProperties", defaults));
        return new Binder(ConfigurationPropertySources.from(sources));
    }

    /**
     * The desk's sign-in as bound: exactly one client registration, its own, a public client with PKCE at the
     * given issuer with the given client id, coming back to /desk/callback; and its typed settings.
     */
    static DeskProperties checkDeskSignIn(Binder binder, String issuer, String clientId) {
        OAuth2ClientProperties oauth2 = binder.bind("spring.security.oauth2.client", OAuth2ClientProperties.class)
                .orElseThrow(() -> new AssertionError("the desk has no OAuth2 client settings"));
        oauth2.validate();
        assertThat(oauth2.getRegistration().keySet()).as("client registrations: one, the desk's (an environment "
                + "variable naming the registration wrongly would add another)").containsExactly(DESK_REGISTRATION);
        OAuth2ClientProperties.Registration registration = oauth2.getRegistration().get(DESK_REGISTRATION);
        assertThat(registration.getClientId()).isEqualTo(clientId);
        assertThat(registration.getClientSecret()).as("a public client has no secret").isNull();
        assertThat(registration.getClientAuthenticationMethod()).isEqualTo("none");
        assertThat(registration.getAuthorizationGrantType()).isEqualTo("authorization_code");
        assertThat(registration.getRedirectUri()).isEqualTo("{baseUrl}/desk/callback");
        assertThat(registration.getScope()).contains("openid", "profile");
        assertThat(oauth2.getProvider()).containsOnlyKeys(registration.getProvider());
        assertThat(oauth2.getProvider().get(registration.getProvider()).getIssuerUri()).isEqualTo(issuer);
        return binder.bindOrCreate("ntrk.desk", DeskProperties.class);
    }

    /** A service's REST API inside the cluster: its Service's name and port, leading to its container's http port. */
    private static URI serviceUrl(String name) {
        Map<String, Object> service = kind("Service").stream().filter(x -> name.equals(name(x))).findFirst()
                .orElseThrow(() -> new AssertionError("no Service " + name));
        Map<String, Object> port = list(map(service, "spec"), "ports").get(0);
        assertThat(NetworkPoliciesTest.Pod.of(deployment(name)).namedPorts().get((String) port.get("targetPort")))
                .as("the port Service %s leads to", name).isEqualTo(port.get("port"));
        return URI.create("http://" + name + ":" + port.get("port"));
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

    /** The services' roles claim (a dotted path) as Quarkus' role-claim-path, whose parts are split by "/". */
    private static String registryClaimPath(String servicesClaim) {
        return servicesClaim.replace('.', '/');
    }

    private static Map<String, Object> servicesConfig() {
        return kind("ConfigMap").stream().filter(c -> SERVICES_CONFIG.equals(name(c))).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap " + SERVICES_CONFIG));
    }

    private static Map<String, Object> deployment(String name) {
        return kind("Deployment").stream().filter(d -> name.equals(name(d))).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        return list(map(map(map(deployment, "spec"), "template"), "spec"), "containers").get(0);
    }

    /** A container's env entries by name. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        Map<String, Map<String, Object>> env = new HashMap<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
            env.put((String) entry.get("name"), entry);
        }
        return env;
    }

    /**
     * Where a container's variable comes from, as an env entry: its own env entry if it has one (that wins),
     * else the last ConfigMap of its envFrom holding the key, as a configMapKeyRef.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> source(Map<String, Object> container, String variable) {
        Map<String, Map<String, Object>> env = env(container);
        if (env.containsKey(variable)) {
            return env.get(variable);
        }
        Map<String, Object> found = null;
        for (Map<String, Object> from : (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of())) {
            if (from.get("configMapRef") instanceof Map<?, ?> ref && from.get("prefix") == null) {
                String configMap = (String) ref.get("name");
                Map<String, Object> data = kind("ConfigMap").stream().filter(c -> configMap.equals(name(c)))
                        .findFirst().map(c -> (Map<String, Object>) c.get("data")).orElse(Map.of());
                if (data.containsKey(variable)) {
                    found = Map.of("name", variable, "valueFrom",
                            Map.of("configMapKeyRef", Map.of("name", configMap, "key", variable)));
                }
            }
        }
        assertThat(found).as("%s of container %s", variable, container.get("name")).isNotNull();
        return found;
    }

    /** The key an env entry reads from the services' ConfigMap (which must be the one it names). */
    private static String configMapKey(Map<String, Object> entry) {
        assertThat(entry).as("%s", entry.get("name")).doesNotContainKey("value");
        Map<String, Object> ref = map(map(entry, "valueFrom"), "configMapKeyRef");
        assertThat(ref).as("%s", entry.get("name")).containsEntry("name", SERVICES_CONFIG);
        assertThat(ref.getOrDefault("optional", false)).isEqualTo(false);
        return (String) ref.get("key");
    }

    /** The JSON-patch paths an overlay replaces in the resources {@code kind} named (or matched) by its target. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> patchedValues(Map<String, Object> overlay, String kind, String name) {
        Map<String, Object> values = new HashMap<>();
        for (Map<String, Object> patch : (List<Map<String, Object>>) overlay.getOrDefault("patches", List.of())) {
            Map<String, Object> target = (Map<String, Object>) patch.get("target");
            if (target == null || !kind.equals(target.get("kind"))
                    || !name.matches(String.valueOf(target.get("name")))) {
                continue;
            }
            for (Map<String, Object> op : (List<Map<String, Object>>) new Yaml().load((String) patch.get("patch"))) {
                if ("replace".equals(op.get("op"))) {
                    values.put((String) op.get("path"), op.get("value"));
                }
            }
        }
        return values;
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
