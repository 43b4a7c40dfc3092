package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ntrklab.pipeline.DeploymentManifestsTest.DESK;
import static org.ntrklab.pipeline.DeploymentManifestsTest.DESK_PORT;
import static org.ntrklab.pipeline.DeploymentManifestsTest.DESK_REGISTRATION;
import static org.ntrklab.pipeline.DeploymentManifestsTest.list;
import static org.ntrklab.pipeline.DeploymentManifestsTest.map;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntrklab.desk.DeskProperties;
import org.ntrklab.infra.RegistryAccess;
import org.ntrklab.platform.access.KafkaAccessPolicy;
import org.ntrklab.platform.catalogue.ServiceCatalogue;
import org.ntrklab.platform.topics.Topics;
import org.springframework.boot.context.properties.bind.Binder;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml and the Kafka provisioning script it runs (deploy/compose/kafka-access.sh) against the
 * access policy and the topic catalogue: the script grants every principal exactly what
 * {@link KafkaAccessPolicy#lab()} grants for the catalogue the Compose services run with, creates every topic
 * as the services define it, and the file keeps the lab's installation closed by default: SASL and ACLs on
 * the broker, each container seeing only its own Kafka sign-in, ports on loopback, no default passwords, a
 * registry that deletes nothing, OAuth2 on the REST APIs and for Prometheus. The sign-out desk's container is
 * built like the services' but with no Kafka sign-in, signs people in at the services' identity provider as
 * its public client, and calls reporting and tat-metrics by their Compose names.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of(System.getProperty("ntrk.repository.root", "../.."));
    private static final Path SCRIPT = ROOT.resolve("deploy/compose/kafka-access.sh");
    private static final Pattern GRANT = Pattern.compile("grant\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(.+)");
    private static final Pattern TOPIC = Pattern.compile("topic\\s+(\\S+)\\s+(\\S+)((?:\\s+\\S+=\\S+)*)");
    private static final String PARTITIONS_VARIABLE = "\"$NTRK_TOPICS_PARTITIONS\"";
    private static final String LOOPBACK_BY_DEFAULT = "${NTRK_BIND_ADDRESS:-127.0.0.1}:";
    private static final String REGISTRY_PRINCIPAL = "apicurio-registry";
    /** The one-shot services that handle every principal's secrets; everyone else sees a sub-directory. */
    private static final Set<String> SECRET_KEEPERS = Set.of("kafka-secrets", "kafka-access");
    /** ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}: Compose's interpolation. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?:(:?[-?])([^}]*))?}");
    private static final String ISSUER_VARIABLE = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI";

    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;
    private static List<String> script;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        try (Reader r = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(r);
        }
        services = (Map<String, Map<String, Object>>) compose.get("services");
        script = Files.readAllLines(SCRIPT).stream().map(String::strip).toList();
    }

    /** The catalogue the Compose services run with: their partition count and replication factor. */
    private static Topics composeCatalogue() {
        Map<String, String> env = environment("accessioning");
        return Topics.production(Integer.parseInt(env.get("NTRK_TOPICS_PARTITIONS")),
                Short.parseShort(env.get("NTRK_TOPICS_REPLICATION_FACTOR")));
    }

    @Test
    void theServicesAndTheProvisioningUseOneTopicLayoutOfSixPartitions() {
        for (String service : withProvisioning(KafkaAccessPolicy.SERVICES)) {
            assertThat(environment(service)).as("topic layout of %s", service)
                    .containsEntry("NTRK_TOPICS_PARTITIONS", "6").containsEntry("NTRK_TOPICS_REPLICATION_FACTOR", "1");
        }
        for (String service : KafkaAccessPolicy.SERVICES) {
            assertThat(environment(service)).as("%s creates no topics: kafka-access does", service)
                    .containsEntry("NTRK_TOPICS_CREATE", "false");
        }
        assertThat(composeCatalogue().partitions()).isEqualTo(6);
    }

    @Test
    void theScriptGrantsEveryPrincipalExactlyWhatTheAccessPolicyGrants() throws IOException {
        Map<String, Set<String>> granted = scriptGrants();
        Map<String, Set<String>> policy = DeploymentManifestsTest
                .policyTuples(new KafkaAccessPolicy(Topics.production(6, (short) 1)).lab());
        Set<String> expectedPrincipals = new TreeSet<>(policy.keySet());
        expectedPrincipals.add(REGISTRY_PRINCIPAL);
        assertThat(granted.keySet()).isEqualTo(expectedPrincipals);
        for (String principal : policy.keySet()) {
            assertThat(granted.get(principal)).as("grants of %s in %s", principal, SCRIPT.getFileName())
                    .isEqualTo(policy.get(principal));
        }
        // The registry is not in the policy: it gets what its Kubernetes KafkaUser gets.
        Map<String, Object> registryUser = DeploymentManifestsTest.loadYaml(DeploymentManifestsTest.BASE).stream()
                .filter(d -> "KafkaUser".equals(d.get("kind")))
                .filter(d -> REGISTRY_PRINCIPAL.equals(DeploymentManifestsTest.name(d))).findFirst().orElseThrow();
        assertThat(granted.get(REGISTRY_PRINCIPAL)).isEqualTo(DeploymentManifestsTest.aclTuples(registryUser));
    }

    @Test
    void theScriptGivesEveryPrincipalAPasswordAndEachServiceItsSpringSignIn() {
        assertThat(words("SERVICES")).containsExactlyElementsOf(KafkaAccessPolicy.SERVICES);
        Set<String> others = new TreeSet<>(words("CLIENTS"));
        others.add(KafkaAccessPolicy.SIMULATOR);
        assertThat(others).isEqualTo(new TreeSet<>(KafkaAccessPolicy.PEOPLE_AND_SYSTEMS));
        assertThat(script).contains("PRINCIPALS=\"$SERVICES $CLIENTS simulator apicurio-registry\"");
        String text = String.join("\n", script);
        for (String property : List.of("spring.kafka.properties.security.protocol",
                "spring.kafka.properties.sasl.mechanism", "spring.kafka.properties.sasl.jaas.config")) {
            assertThat(text).as("the services' config tree").contains("\"$dir/" + property + "\"");
        }
        assertThat(text).contains("/dev/urandom").contains("if [ ! -s \"$SECRETS/passwords/$p\" ]");
    }

    @Test
    void theScriptCreatesEveryTopicAsTheServicesDefineIt() {
        Topics catalogue = composeCatalogue();
        List<NewTopic> wanted = new ArrayList<>(catalogue.newTopics());
        KafkaAccessPolicy.SERVICES.forEach(s -> wanted.add(catalogue.newServiceDeadLetterTopic(s)));
        Map<String, String> created = new TreeMap<>();
        for (String line : script) {
            Matcher m = TOPIC.matcher(line);
            if (m.matches()) {
                String partitions = m.group(2).equals(PARTITIONS_VARIABLE)
                        ? environment("kafka-access").get("NTRK_TOPICS_PARTITIONS") : m.group(2);
                Set<String> configs = new TreeSet<>(Arrays.asList(m.group(3).strip().split("\\s+")));
                created.put(m.group(1), partitions + " " + configs);
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (NewTopic t : wanted) {
            Set<String> configs = new TreeSet<>();
            t.configs().forEach((k, v) -> configs.add(k + "=" + v));
            expected.put(t.name(), t.numPartitions() + " " + configs);
        }
        for (String registryTopic : DeploymentManifestsTest.REGISTRY_TOPICS) {
            expected.put(registryTopic, "1 [cleanup.policy=delete, retention.ms=-1]");
        }
        assertThat(created).isEqualTo(expected);
    }

    @Test
    void theBrokerAuthenticatesEveryConnectionAndAllowsOnlyWhatAnAclGrants() {
        Map<String, String> env = environment("kafka");
        String protocols = env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP");
        for (String listener : protocols.split(",")) {
            assertThat(listener).endsWith(":SASL_PLAINTEXT");
        }
        assertThat(env).containsEntry("KAFKA_LISTENER_NAME_CLIENT_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
                .containsEntry("KAFKA_LISTENER_NAME_HOST_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
                .containsEntry("KAFKA_LISTENER_NAME_BROKER_SASL_ENABLED_MECHANISMS", "PLAIN")
                .containsEntry("KAFKA_LISTENER_NAME_CONTROLLER_SASL_ENABLED_MECHANISMS", "PLAIN")
                .containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                .containsEntry("KAFKA_SUPER_USERS", "User:admin")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        assertThat(env.get("KAFKA_OPTS")).contains("java.security.auth.login.config=/run/secrets/kafka/");
        assertThat(env.get("KAFKA_LISTENERS")).contains("CONTROLLER://127.0.0.1:");
        // The super user's password is in the secrets volume, never in the file.
        assertThat(env.values()).noneMatch(v -> v.contains("password"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachContainerSeesOnlyItsOwnKafkaSignIn() {
        Map<String, String> expected = new HashMap<>();
        KafkaAccessPolicy.SERVICES.forEach(s -> expected.put(s, "services/" + s));
        expected.put("kafka", "broker");
        expected.put("registry", "registry");
        expected.put("lims-simulator", "simulator");
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            String name = service.getKey();
            List<Map<String, Object>> mounts = secretMounts(service.getValue());
            if (SECRET_KEEPERS.contains(name)) {
                assertThat(mounts).as("%s mounts the whole volume", name).hasSize(1);
                continue;
            }
            if (!expected.containsKey(name)) {
                assertThat(mounts).as("%s has no Kafka sign-in", name).isEmpty();
                continue;
            }
            assertThat(mounts).as("secret mounts of %s", name).hasSize(1);
            Map<String, Object> mount = mounts.get(0);
            assertThat(mount).containsEntry("read_only", true).containsEntry("target", "/run/secrets/kafka");
            assertThat(map(mount, "volume")).containsEntry("subpath", expected.get(name));
        }
        for (String service : KafkaAccessPolicy.SERVICES) {
            assertThat(environment(service).get("SPRING_CONFIG_IMPORT")).contains("configtree:/run/secrets/kafka/");
            assertThat(dependsOn(service, "kafka-access")).isEqualTo("service_completed_successfully");
        }
        assertThat(dependsOn("kafka", "kafka-secrets")).isEqualTo("service_completed_successfully");
        assertThat(dependsOn("registry", "kafka-access")).isEqualTo("service_completed_successfully");
        assertThat(environment("registry").get("JDK_JAVA_OPTIONS"))
                .contains("java.security.auth.login.config=/run/secrets/kafka/");
        assertThat((List<Object>) services.get("lims-simulator").get("command")).contains("--command-config");
    }

    @Test
    void everyPublishedPortListensOnLoopbackUnlessTheLabSaysOtherwise() {
        int published = 0;
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            for (Object port : (List<?>) service.getValue().getOrDefault("ports", List.of())) {
                assertThat(port).as("a port of %s, in the short syntax", service.getKey()).isInstanceOf(String.class);
                assertThat((String) port).as("a port of %s", service.getKey()).startsWith(LOOPBACK_BY_DEFAULT);
                published++;
            }
        }
        assertThat(published).isGreaterThanOrEqualTo(10);
    }

    @Test
    void noPasswordHasADefault() {
        assertThat(environment("grafana")).containsEntry("GF_SECURITY_ADMIN_PASSWORD",
                "${GRAFANA_ADMIN_PASSWORD:?set GRAFANA_ADMIN_PASSWORD}");
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            environment(service.getKey()).forEach((key, value) -> {
                if (key.contains("PASSWORD") || key.contains("SECRET")) {
                    assertThat(value).as("%s of %s", key, service.getKey()).doesNotContain(":-");
                }
            });
        }
    }

    @Test
    void theRegistryRefusesToDeleteAnything() {
        Map<String, String> registry = environment("registry");
        RegistryAccess.noDeletion().forEach((property, value) -> assertThat(registry)
                .as("registry setting %s", property).containsEntry(RegistryAccess.environmentVariable(property), value));
        assertThat(registry).containsEntry("APICURIO_KAFKASQL_TOPIC_AUTO_CREATE", "false");
    }

    @Test
    void theRegistryTakesWritesOnlyWithTheLabsTokensAsTheEmbeddedOneDoesAndTheServicesSignIn() {
        Map<String, String> registry = environment("registry");
        RegistryAccess.properties("ISSUER").forEach((property, value) -> {
            String variable = RegistryAccess.environmentVariable(property);
            if (value.equals("ISSUER")) {
                assertThat(registry.get(variable)).startsWith("${NTRK_OAUTH2_ISSUER_URI:?");
            } else if (property.equals("quarkus.oidc.roles.role-claim-path")) {
                assertThat(registry.get(variable)).isEqualTo("${NTRK_OAUTH2_REGISTRY_ROLES_CLAIM:-roles}");
            } else {
                assertThat(registry).as("registry setting %s", property).containsEntry(variable, value);
            }
        });
        for (String service : KafkaAccessPolicy.SERVICES) {
            assertThat(environment(service).get("NTRK_REGISTRY_AUTH_TOKEN_URL")).as(service)
                    .startsWith("${NTRK_OAUTH2_TOKEN_URL:?");
            assertThat(environment(service)).containsKey("NTRK_REGISTRY_AUTH_CLIENT_ID");
            assertThat(environment(service).get("SPRING_CONFIG_IMPORT")).contains("configtree:/run/secrets/ntrk-registry/");
        }
        assertThat((String) map(map(compose, "secrets"), "services-client-secret").get("file"))
                .startsWith("${NTRK_SERVICES_CLIENT_SECRET_FILE:?");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDemoPathologistSignsOutThroughTheRestApiWithItsOwnToken() {
        List<Object> command = (List<Object>) services.get("lims-simulator").get("command");
        assertThat(command)
                .containsSubsequence("--reporting-url", "http://reporting:" + ServiceCatalogue.REPORTING.port())
                .containsSubsequence("--token-url", "${NTRK_OAUTH2_TOKEN_URL}")
                .containsSubsequence("--client-secret-file", "/run/secrets/demo-pathologist-client-secret");
        assertThat((List<Object>) services.get("lims-simulator").get("secrets")).contains("demo-pathologist-client-secret");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRestApisAcceptTokensOfTheLabsIssuerAndPrometheusScrapesWithOne() throws IOException {
        for (String service : KafkaAccessPolicy.SERVICES) {
            assertThat(environment(service).get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"))
                    .as("issuer of %s: required, no default", service).startsWith("${NTRK_OAUTH2_ISSUER_URI:?");
            assertThat(environment(service)).containsKey("NTRK_SECURITY_ROLES_CLAIM");
        }
        Map<String, Object> prometheus = services.get("prometheus");
        assertThat(environment("prometheus").get("NTRK_OAUTH2_TOKEN_URL")).startsWith("${NTRK_OAUTH2_TOKEN_URL:?");
        assertThat((List<Object>) prometheus.get("secrets")).contains("prometheus-client-secret");
        assertThat((String) map(map(compose, "secrets"), "prometheus-client-secret").get("file"))
                .startsWith("${NTRK_PROMETHEUS_CLIENT_SECRET_FILE:?");

        Map<String, Object> config;
        try (Reader r = Files.newBufferedReader(ROOT.resolve("deploy/compose/prometheus.yml"))) {
            config = new Yaml().load(r);
        }
        List<Map<String, Object>> jobs = list(config, "scrape_configs");
        Set<String> jobNames = new LinkedHashSet<>();
        for (Map<String, Object> job : jobs) {
            jobNames.add((String) job.get("job_name"));
            assertThat(map(job, "oauth2")).as("oauth2 of job %s", job.get("job_name"))
                    .containsEntry("client_secret_file", "/run/secrets/prometheus-client-secret")
                    .containsKeys("client_id", "token_url");
        }
        assertThat(jobNames).containsAll(KafkaAccessPolicy.SERVICES);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDeskIsBuiltAndPublishedLikeTheServicesWithNoKafkaSignIn() throws IOException {
        Map<String, Object> desk = services.get(DESK);
        assertThat(desk).as("the Compose service desk").isNotNull().containsEntry("build", "services/desk");
        for (String service : KafkaAccessPolicy.SERVICES) {
            assertThat(services.get(service).get("image")).as("image of %s, named as the desk's", service)
                    .isEqualTo(((String) desk.get("image")).replace("/" + DESK + ":", "/" + service + ":"));
        }
        assertThat((List<Object>) desk.get("ports")).containsExactly(LOOPBACK_BY_DEFAULT + DESK_PORT + ":" + DESK_PORT);
        assertThat(desk).containsEntry("restart", "unless-stopped").containsKey("mem_limit");
        assertThat(dependsOn(DESK, "reporting")).isEqualTo("service_healthy");
        assertThat(dependsOn(DESK, "tat-metrics")).isEqualTo("service_healthy");
        // None of the services' Kafka, registry or secrets: the desk only talks HTTP.
        assertThat(desk).doesNotContainKeys("secrets", "volumes", "profiles");
        assertThat(environment(DESK).keySet()).noneMatch(v -> v.startsWith("SPRING_KAFKA")
                || v.startsWith("NTRK_REGISTRY") || v.startsWith("NTRK_TOPICS") || v.equals("SPRING_CONFIG_IMPORT"));

        // The image: the services' Dockerfile but for name, port and the Kafka Streams state it does not have.
        Path deskDir = ROOT.resolve("services/desk");
        List<String> dockerfile = instructions(deskDir.resolve("Dockerfile"));
        List<String> reporting = instructions(ROOT.resolve("services/reporting/Dockerfile"));
        assertThat(dockerfile).contains("ARG SERVICE=" + DESK, "ARG PORT=" + DESK_PORT, "EXPOSE ${PORT}",
                "USER 10001:10001");
        for (String line : reporting) {
            if (line.startsWith("FROM") || line.startsWith("COPY") || line.startsWith("ENTRYPOINT")
                    || line.startsWith("ARG JAVA_IMAGE") || line.startsWith("ARG VERSION")) {
                assertThat(dockerfile).as("the desk's Dockerfile, as reporting's").contains(line);
            }
        }
        assertThat(dockerfile).noneMatch(l -> l.startsWith("VOLUME") || l.contains("NTRK_STREAMS_STATE_DIR"));
        String healthCheck = dockerfile.stream().filter(l -> l.startsWith("HEALTHCHECK")).findFirst().orElseThrow();
        assertThat(healthCheck).contains("http://localhost:${SERVER_PORT}/actuator/health/readiness");
        // The readiness group exists outside Kubernetes too, and the port is the desk's own.
        Binder defaults = DeploymentManifestsTest.deskBinder(Map.of());
        assertThat(defaults.bind("management.endpoint.health.probes.enabled", Boolean.class).orElse(false))
                .as("the desk's defaults enable the health probe groups").isTrue();
        assertThat(defaults.bind("server.port", Integer.class).get()).isEqualTo(DESK_PORT);
        // The build context lets in the runnable jar the COPY names, and nothing else.
        List<String> ignore = Files.readAllLines(deskDir.resolve(".dockerignore")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignore).first().isEqualTo("*");
        String jar = "target/ntrk-" + DESK + "-" + arg(dockerfile, "VERSION") + "-exec.jar";
        assertThat(ignore).filteredOn(l -> l.startsWith("!")).singleElement().satisfies(l -> assertThat(
                FileSystems.getDefault().getPathMatcher("glob:" + l.substring(1)).matches(Path.of(jar)))
                .as("%s lets %s in", l, jar).isTrue());
    }

    @Test
    void theDeskSignsInAtTheServicesIdentityProviderAndCallsReportingAndTatMetricsByTheirComposeNames() {
        Map<String, String> desk = environment(DESK);
        // The issuer the services trust, required in the same words.
        assertThat(desk.get("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_NTRK_ISSUER_URI"))
                .isEqualTo(environment("reporting").get(ISSUER_VARIABLE));
        assertThat(desk.get("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_NTRK_DESK_CLIENT_ID"))
                .isEqualTo("${NTRK_DESK_CLIENT_ID:-" + DESK_REGISTRATION + "}");

        // As the desk binds them once Compose has filled in the lab's settings, with defaults and with its own.
        String issuer = "https://idp.hospital.example/realms/lab";
        for (Map<String, String> settings : List.of(Map.of("NTRK_OAUTH2_ISSUER_URI", issuer),
                Map.of("NTRK_OAUTH2_ISSUER_URI", issuer, "NTRK_DESK_CLIENT_ID", "lab-desk",
                        "NTRK_DESK_ZONE", "Europe/Vienna", "NTRK_DESK_FORWARD_HEADERS_STRATEGY", "native",
                        "NTRK_DESK_COOKIE_SECURE", "true"))) {
            Map<String, String> resolved = new HashMap<>();
            desk.forEach((variable, value) -> resolved.put(variable, interpolate(value, settings)));
            Binder binder = DeploymentManifestsTest.deskBinder(resolved);
            DeskProperties properties = DeploymentManifestsTest.checkDeskSignIn(binder, issuer,
                    settings.getOrDefault("NTRK_DESK_CLIENT_ID", DESK_REGISTRATION));
            assertThat(properties.reportingUrl()).isEqualTo(serviceUrl("reporting"));
            assertThat(properties.tatMetricsUrl()).isEqualTo(serviceUrl("tat-metrics"));
            // A person's own machine by default (loopback): localhost is moved to 127.0.0.1, one redirect URI.
            assertThat(properties.loopbackAddress()).isTrue();
            assertThat(binder.bind("server.forward-headers-strategy", String.class).get())
                    .isEqualToIgnoringCase(settings.getOrDefault("NTRK_DESK_FORWARD_HEADERS_STRATEGY", "none"));
            assertThat(binder.bind("server.servlet.session.cookie.secure", Boolean.class).get())
                    .isEqualTo(Boolean.parseBoolean(settings.getOrDefault("NTRK_DESK_COOKIE_SECURE", "false")));
            binder.bind("ntrk.desk.zone", String.class).ifBound(zone -> {
                if (!zone.isBlank()) {
                    assertThat(ZoneId.of(zone)).isEqualTo(ZoneId.of(settings.get("NTRK_DESK_ZONE")));
                }
            });
        }
    }

    @Test
    void theImagesComposeBuildsAreTheOnesTheKubernetesBaseNames() throws IOException {
        Map<String, String> kubernetes = new HashMap<>();
        for (Map<String, Object> d : DeploymentManifestsTest.loadYaml(DeploymentManifestsTest.BASE)) {
            if ("Deployment".equals(d.get("kind"))) {
                Map<String, Object> container = list(map(map(map(d, "spec"), "template"), "spec"), "containers")
                        .get(0);
                kubernetes.put(DeploymentManifestsTest.name(d), (String) container.get("image"));
            }
        }
        List<String> built = new ArrayList<>(KafkaAccessPolicy.SERVICES);
        built.add(DESK);
        for (String service : built) {
            assertThat(interpolate((String) services.get(service).get("image"), Map.of()))
                    .as("image of %s", service).isEqualTo(kubernetes.get(service));
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------

    /**
     * A value as Compose interpolates it with these variables set (and no others); a required variable that
     * is missing fails, as Compose refuses to start.
     */
    static String interpolate(String value, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String set = variables.get(m.group(1));
            String operator = m.group(2) == null ? "" : m.group(2);
            boolean missing = operator.startsWith(":") ? set == null || set.isEmpty() : set == null;
            String replacement = switch (operator) {
                case "" -> set == null ? "" : set;
                case ":-", "-" -> missing ? m.group(3) : set;
                case ":?", "?" -> {
                    assertThat(missing).as("Compose refuses: %s", m.group(3)).isFalse();
                    yield set;
                }
                default -> throw new IllegalArgumentException(value);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    /** A Compose service's REST API on the Compose network: its name and the container port it publishes. */
    private static URI serviceUrl(String service) {
        String port = (String) ((List<?>) services.get(service).get("ports")).get(0);
        return URI.create("http://" + service + ":" + port.substring(port.lastIndexOf(':') + 1));
    }

    /** A Dockerfile's instructions, continuation lines joined, comments dropped. */
    static List<String> instructions(Path dockerfile) throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : Files.readAllLines(dockerfile)) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continued = line.endsWith("\\");
            current.append(continued ? line.substring(0, line.length() - 1).strip() + " " : line);
            if (!continued) {
                instructions.add(current.toString().replaceAll("\\s+", " ").strip());
                current.setLength(0);
            }
        }
        return instructions;
    }

    /** The default of a Dockerfile's ARG. */
    private static String arg(List<String> instructions, String name) {
        String prefix = "ARG " + name + "=";
        return instructions.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length())).orElseThrow(() -> new AssertionError("no ARG " + name));
    }


    /** The script's grants, each principal's as {@code "<type> <name> <pattern> <operation>"}. */
    private static Map<String, Set<String>> scriptGrants() {
        Map<String, Set<String>> grants = new TreeMap<>();
        for (String line : script) {
            Matcher m = GRANT.matcher(line);
            if (m.matches()) {
                Set<String> tuples = grants.computeIfAbsent(m.group(1), k -> new TreeSet<>());
                for (String operation : m.group(5).split("\\s+")) {
                    String tuple = m.group(2) + " " + m.group(4) + " " + m.group(3) + " " + operation;
                    assertThat(tuples.add(tuple)).as("granted once: %s %s", m.group(1), tuple).isTrue();
                }
            }
        }
        assertThat(grants).isNotEmpty();
        return grants;
    }

    /** The words of a shell assignment {@code NAME="a b c"} of the script. */
    private static List<String> words(String variable) {
        String prefix = variable + "=\"";
        String line = script.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        return List.of(line.substring(prefix.length(), line.length() - 1).split("\\s+"));
    }

    private static List<String> withProvisioning(List<String> names) {
        List<String> all = new ArrayList<>(names);
        all.add("kafka-access");
        return all;
    }

    /** A service's environment after YAML merges, every value as text. */
    private static Map<String, String> environment(String service) {
        Map<String, String> env = new HashMap<>();
        Object raw = services.get(service).get("environment");
        if (raw instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        }
        return env;
    }

    private static String dependsOn(String service, String dependency) {
        Map<String, Object> dependsOn = map(services.get(service), "depends_on");
        return (String) map(dependsOn, dependency).get("condition");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> secretMounts(Map<String, Object> service) {
        List<Map<String, Object>> mounts = new ArrayList<>();
        for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
            if (volume instanceof String s && s.startsWith("kafka-secrets:")) {
                mounts.add(Map.of("source", "kafka-secrets", "target", s.split(":")[1]));
            } else if (volume instanceof Map<?, ?> m && "kafka-secrets".equals(m.get("source"))) {
                mounts.add((Map<String, Object>) m);
            }
        }
        return mounts;
    }
}
