package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ntrklab.desk.DeskProperties;
import org.ntrklab.platform.catalogue.ServiceCatalogue;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every file that cannot read the service catalogue ({@link ServiceCatalogue}) but repeats its names, ports
 * or metrics path, checked against it: the images' Dockerfiles, docker-compose.yml, the Kubernetes manifests,
 * both Prometheus configurations and the alert-rule tests, and the desk's own defaults. A mismatch names the
 * file, where in it, and the catalogue's value, so that changing a port means changing the catalogue and
 * then each file this test names. The services' own configuration files may not set name or port at all: the
 * applications take them from the catalogue.
 */
class SettingsSourceTest {

    private static final Path ROOT = Path.of(System.getProperty("ntrk.repository.root", "../..")).toAbsolutePath()
            .normalize();
    private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    private static final Path KUBERNETES = ROOT.resolve("deploy/k8s");
    private static final Path LOCAL_PROMETHEUS = ROOT.resolve("deploy/prometheus/prometheus.yml");
    private static final Path COMPOSE_PROMETHEUS = ROOT.resolve("deploy/compose/prometheus.yml");
    private static final Path ALERT_TESTS = ROOT.resolve("deploy/prometheus/tests");
    private static final String PUBLISHED_ON = "${NTRK_BIND_ADDRESS:-127.0.0.1}:";
    private static final String NAMED_PORT = "http";
    /** Where a pod forwards REST queries to another instance: its own address and web port. */
    private static final String APPLICATION_SERVER = "NTRK_STREAMS_PROPERTIES_APPLICATION_SERVER";
    /** A Prometheus label set, e.g. {job="reflex",instance="localhost:8184"}. */
    private static final Pattern LABEL_SET = Pattern.compile("\\{([^}]*)}");
    private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*\"([^\"]*)\"");
    /** host:port in a text, the host with a letter in it (not a time of day). */
    private static final Pattern HOST_AND_PORT = Pattern.compile("[A-Za-z0-9_.-]*[A-Za-z][A-Za-z0-9_.-]*:\\d+\\b");

    private final Mismatches mismatches = new Mismatches();

    @Test
    void eachImageIsBuiltWithItsNameAndPort() throws IOException {
        for (ServiceCatalogue s : ServiceCatalogue.deployables()) {
            Path dockerfile = ROOT.resolve("services").resolve(s.serviceName()).resolve("Dockerfile");
            List<String> instructions = ComposeFileTest.instructions(dockerfile);
            mismatches.expect(dockerfile, "ARG SERVICE", argument(instructions, "SERVICE"), s.serviceName(), s);
            mismatches.expect(dockerfile, "ARG PORT", argument(instructions, "PORT"), String.valueOf(s.port()), s);
            // Everything else takes the port from the ARG, so that it is written once per file.
            mismatches.require(dockerfile, instructions.contains("EXPOSE ${PORT}"), "EXPOSE ${PORT}", s);
            mismatches.require(dockerfile, instructions.stream().anyMatch(l -> l.startsWith("ENV ")
                    && l.contains("SERVER_PORT=${PORT}")), "ENV SERVER_PORT=${PORT}", s);
            mismatches.require(dockerfile, instructions.stream().anyMatch(l -> l.startsWith("HEALTHCHECK ")
                    && l.contains("http://localhost:${SERVER_PORT}" + ServiceCatalogue.READINESS_PATH)),
                    "HEALTHCHECK on http://localhost:${SERVER_PORT}" + ServiceCatalogue.READINESS_PATH, s);
            for (String line : instructions) {
                if (!line.startsWith("ARG PORT=")) {
                    catalogueNumbers(line).forEach(n -> mismatches.add(dockerfile, "\"" + line + "\" writes out "
                            + "the port " + n + " again; use ${PORT}, " + s.port() + " (" + source(s) + ")"));
                }
            }
        }
        mismatches.assertNone();
    }

    @Test
    @SuppressWarnings("unchecked")
    void composePublishesEachServiceOnItsPortAndCallsItThere() throws IOException {
        Map<String, Object> compose = load(COMPOSE);
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        for (ServiceCatalogue s : ServiceCatalogue.deployables()) {
            Map<String, Object> service = (Map<String, Object>) services.get(s.serviceName());
            if (service == null) {
                mismatches.add(COMPOSE, "no service " + s.serviceName() + " (" + source(s) + ")");
                continue;
            }
            String published = PUBLISHED_ON + s.port() + ":" + s.port();
            List<Object> ports = (List<Object>) service.getOrDefault("ports", List.of());
            mismatches.expect(COMPOSE, "services." + s.serviceName() + ".ports", ports, List.of(published), s);
            Object environment = service.get("environment");
            if (environment instanceof Map<?, ?> env && env.containsKey("SERVER_PORT")) {
                mismatches.expect(COMPOSE, "services." + s.serviceName() + ".environment.SERVER_PORT",
                        env.get("SERVER_PORT"), String.valueOf(s.port()), s);
            }
            strings(service.get("healthcheck"), "services." + s.serviceName() + ".healthcheck", (where, text) ->
                    portsAfter("localhost", text).forEach(p -> mismatches.expect(COMPOSE, where, p, s.port(), s)));
        }
        servicesAddressedByName(COMPOSE, compose);
        mismatches.assertNone();
    }

    @Test
    void kubernetesRunsEachServiceOnItsPortAndCallsItThere() throws IOException {
        List<Document> documents = documents(KUBERNETES);
        for (ServiceCatalogue s : ServiceCatalogue.deployables()) {
            Document deployment = find(documents, "Deployment", s.serviceName());
            Document service = find(documents, "Service", s.serviceName());
            if (deployment == null || service == null) {
                mismatches.add(KUBERNETES, "no Deployment and Service " + s.serviceName() + " (" + source(s) + ")");
                continue;
            }
            checkDeployment(deployment, s);
            checkService(service, s);
        }
        for (Document d : documents) {
            switch (d.kind()) {
                case "NetworkPolicy" -> checkNetworkPolicy(d);
                case "PodMonitor" -> checkPodMonitor(d);
                default -> {
                }
            }
            servicesAddressedByName(d.file(), d.yaml());
        }
        mismatches.assertNone();
    }

    @Test
    void prometheusScrapesEachServiceAtItsPortAndMetricsPath() throws IOException {
        checkScrapeConfig(LOCAL_PROMETHEUS, s -> "localhost");
        checkScrapeConfig(COMPOSE_PROMETHEUS, ServiceCatalogue::serviceName);
        // On one machine Prometheus takes its token from the lab stack's identity provider.
        Map<String, Object> local = load(LOCAL_PROMETHEUS);
        for (Map<String, Object> job : DeploymentManifestsTest.list(local, "scrape_configs")) {
            Object oauth2 = job.get("oauth2");
            if (oauth2 instanceof Map<?, ?> client && client.get("token_url") instanceof String url) {
                ServiceCatalogue idp = ServiceCatalogue.IDENTITY_PROVIDER;
                mismatches.expect(LOCAL_PROMETHEUS, "job " + job.get("job_name") + " oauth2.token_url port",
                        URI.create(url).getPort(), idp.port(), idp);
            }
        }
        mismatches.assertNone();
    }

    @Test
    void theAlertRuleTestsNameEachServiceAtItsPort() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(ALERT_TESTS)) {
            files = list.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted()
                    .toList();
        }
        assertThat(files).as("alert-rule tests in %s", ROOT.relativize(ALERT_TESTS)).isNotEmpty();
        for (Path file : files) {
            checkInstances(file, load(file), "");
        }
        mismatches.assertNone();
    }

    @Test
    void theDesksDefaultsNameTheCataloguesPorts() {
        DeskProperties desk = DeploymentManifestsTest.deskBinder(Map.of()).bindOrCreate("ntrk.desk",
                DeskProperties.class);
        Path properties = ROOT.resolve("services/desk/src/main/java/org/ntrklab/desk/DeskProperties.java");
        mismatches.expect(properties, "reportingUrl's default port", desk.reportingUrl().getPort(),
                ServiceCatalogue.REPORTING.port(), ServiceCatalogue.REPORTING);
        mismatches.expect(properties, "tatMetricsUrl's default port", desk.tatMetricsUrl().getPort(),
                ServiceCatalogue.TAT_METRICS.port(), ServiceCatalogue.TAT_METRICS);
        // By default the desk signs people in at the lab stack's identity provider.
        Path defaults = ROOT.resolve("services/desk/src/main/resources/ntrk-desk-defaults.yml");
        String issuer = DeploymentManifestsTest.deskBinder(Map.of())
                .bind("spring.security.oauth2.client.provider.ntrk.issuer-uri", String.class).get();
        mismatches.expect(defaults, "spring.security.oauth2.client.provider.ntrk.issuer-uri port",
                URI.create(issuer).getPort(), ServiceCatalogue.IDENTITY_PROVIDER.port(),
                ServiceCatalogue.IDENTITY_PROVIDER);
        mismatches.assertNone();
    }

    @Test
    void theServicesConfigurationFilesLeaveNameAndPortToTheCatalogue() throws IOException {
        Set<String> fromTheCatalogue = Set.of("server.port", "spring.application.name", "ntrk.service-name");
        for (ServiceCatalogue s : ServiceCatalogue.kafkaStreamsServices()) {
            Path resources = ROOT.resolve("services").resolve(s.serviceName()).resolve("src/main/resources");
            if (!Files.isDirectory(resources)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(resources)) {
                files = list.filter(p -> p.getFileName().toString().matches("application.*\\.(yml|yaml|properties)"))
                        .toList();
            }
            for (Path file : files) {
                Properties read = new Properties();
                if (file.toString().endsWith(".properties")) {
                    try (Reader r = Files.newBufferedReader(file)) {
                        read.load(r);
                    }
                } else {
                    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
                    yaml.setResources(new FileSystemResource(file));
                    read = yaml.getObject();
                }
                for (String key : fromTheCatalogue) {
                    if (read.containsKey(key)) {
                        mismatches.add(file, key + " is set here; the application takes it from " + source(s)
                                + ", " + s.defaultProperties().get(key));
                    }
                }
            }
        }
        mismatches.assertNone();
    }

    // --- Kubernetes -----------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private void checkDeployment(Document d, ServiceCatalogue s) {
        String where = "Deployment " + s.serviceName();
        Map<String, Object> template = DeploymentManifestsTest.map(DeploymentManifestsTest.map(d.yaml(), "spec"),
                "template");
        Map<String, Object> container = DeploymentManifestsTest.list(DeploymentManifestsTest.map(template, "spec"),
                "containers").get(0);
        Map<String, Object> http = ((List<Map<String, Object>>) container.getOrDefault("ports", List.of())).stream()
                .filter(p -> NAMED_PORT.equals(p.get("name"))).findFirst().orElse(Map.of());
        mismatches.expect(d.file(), where + ", containerPort of port " + NAMED_PORT, http.get("containerPort"),
                s.port(), s);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            if (container.get(probe) instanceof Map<?, ?> p && p.get("httpGet") instanceof Map<?, ?> get
                    && !NAMED_PORT.equals(get.get("port"))) {
                mismatches.expect(d.file(), where + ", " + probe + " port", get.get("port"), s.port(), s);
            }
        }
        Map<String, Object> annotations = (Map<String, Object>) ((Map<String, Object>) template
                .getOrDefault("metadata", Map.of())).getOrDefault("annotations", Map.of());
        if (s.kind() == ServiceCatalogue.Kind.KAFKA_STREAMS || annotations.containsKey("prometheus.io/port")) {
            mismatches.expect(d.file(), where + ", annotation prometheus.io/port",
                    annotations.get("prometheus.io/port"), String.valueOf(s.port()), s);
            mismatches.expect(d.file(), where + ", annotation prometheus.io/path",
                    annotations.get("prometheus.io/path"), ServiceCatalogue.METRICS_PATH, s);
        }
        for (Map<String, Object> env : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
            if (APPLICATION_SERVER.equals(env.get("name"))) {
                mismatches.expect(d.file(), where + ", env " + APPLICATION_SERVER, env.get("value"),
                        "$(POD_IP):" + s.port(), s);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void checkService(Document service, ServiceCatalogue s) {
        for (Map<String, Object> port : DeploymentManifestsTest.list(DeploymentManifestsTest.map(service.yaml(),
                "spec"), "ports")) {
            mismatches.expect(service.file(), "Service " + s.serviceName() + ", port " + port.get("name"),
                    port.get("port"), s.port(), s);
            if (!NAMED_PORT.equals(port.get("targetPort"))) {
                mismatches.expect(service.file(), "Service " + s.serviceName() + ", targetPort",
                        port.get("targetPort"), s.port(), s);
            }
        }
    }

    /**
     * A numeric port in a rule toward one of the lab's pods (egress to it, or ingress to the pods the policy
     * selects) must be that pod's; a named port needs no check.
     */
    @SuppressWarnings("unchecked")
    private void checkNetworkPolicy(Document policy) {
        Map<String, Object> spec = DeploymentManifestsTest.map(policy.yaml(), "spec");
        String name = "NetworkPolicy " + DeploymentManifestsTest.name(policy.yaml());
        List<ServiceCatalogue> selected = selected((Map<String, Object>) spec.get("podSelector"));
        for (Map<String, Object> rule : (List<Map<String, Object>>) spec.getOrDefault("ingress", List.of())) {
            selected.forEach(s -> numericPorts(rule).forEach(port -> mismatches.expect(policy.file(),
                    name + ", ingress to " + s.serviceName(), port, s.port(), s)));
        }
        for (Map<String, Object> rule : (List<Map<String, Object>>) spec.getOrDefault("egress", List.of())) {
            for (Map<String, Object> peer : (List<Map<String, Object>>) rule.getOrDefault("to", List.of())) {
                selected((Map<String, Object>) peer.get("podSelector")).forEach(s -> numericPorts(rule).forEach(
                        port -> mismatches.expect(policy.file(), name + ", egress to " + s.serviceName(), port,
                                s.port(), s)));
            }
        }
    }

    private void checkPodMonitor(Document monitor) {
        for (Map<String, Object> endpoint : DeploymentManifestsTest.list(DeploymentManifestsTest.map(monitor.yaml(),
                "spec"), "podMetricsEndpoints")) {
            mismatches.expect(monitor.file(), "PodMonitor endpoint path", endpoint.get("path"),
                    ServiceCatalogue.METRICS_PATH, null);
            mismatches.expect(monitor.file(), "PodMonitor endpoint port", endpoint.get("port"), NAMED_PORT, null);
        }
    }

    /** The lab's pods a selector picks by name (app.kubernetes.io/name, in matchLabels or an In expression). */
    @SuppressWarnings("unchecked")
    private static List<ServiceCatalogue> selected(Map<String, Object> selector) {
        if (selector == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        Object labels = selector.get("matchLabels");
        if (labels instanceof Map<?, ?> m && m.get("app.kubernetes.io/name") instanceof String n) {
            names.add(n);
        }
        for (Map<String, Object> e : (List<Map<String, Object>>) selector.getOrDefault("matchExpressions", List.of())) {
            if ("app.kubernetes.io/name".equals(e.get("key")) && "In".equals(e.get("operator"))) {
                ((List<Object>) e.get("values")).forEach(v -> names.add(String.valueOf(v)));
            }
        }
        return ServiceCatalogue.deployables().stream().filter(s -> names.contains(s.serviceName())).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> numericPorts(Map<String, Object> rule) {
        return ((List<Map<String, Object>>) rule.getOrDefault("ports", List.of())).stream().map(p -> p.get("port"))
                .filter(p -> p instanceof Integer).toList();
    }

    // --- Prometheus -----------------------------------------------------------------------------------------

    private void checkScrapeConfig(Path file, Function<ServiceCatalogue, String> host)
            throws IOException {
        Map<String, Map<String, Object>> jobs = new HashMap<>();
        for (Map<String, Object> job : DeploymentManifestsTest.list(load(file), "scrape_configs")) {
            jobs.put(String.valueOf(job.get("job_name")), job);
        }
        for (ServiceCatalogue s : ServiceCatalogue.kafkaStreamsServices()) {
            Map<String, Object> job = jobs.get(s.serviceName());
            if (job == null) {
                mismatches.add(file, "no scrape job " + s.serviceName() + " (" + source(s) + ")");
                continue;
            }
            String where = "job " + s.serviceName();
            mismatches.expect(file, where + ", metrics_path", job.get("metrics_path"), ServiceCatalogue.METRICS_PATH,
                    s);
            List<Object> targets = new ArrayList<>();
            for (Map<String, Object> config : DeploymentManifestsTest.list(job, "static_configs")) {
                targets.addAll(DeploymentManifestsTest.list(config, "targets"));
            }
            mismatches.expect(file, where + ", targets", targets, List.of(host.apply(s) + ":" + s.port()), s);
        }
    }

    /**
     * Every instance label of a service's series (a label set naming it by job or application, or an expected
     * alert's labels) has the service's port; an expected annotation quotes that instance.
     */
    @SuppressWarnings("unchecked")
    private void checkInstances(Path file, Object node, String where) {
        if (node instanceof Map<?, ?> map) {
            checkInstance(file, where, (Map<String, Object>) map);
            if (map.get("exp_labels") instanceof Map<?, ?> labels && labels.get("instance") instanceof String instance
                    && map.get("exp_annotations") instanceof Map<?, ?> annotations) {
                annotations.forEach((key, text) -> {
                    Matcher m = HOST_AND_PORT.matcher(String.valueOf(text));
                    while (m.find()) {
                        if (!m.group().equals(instance)) {
                            mismatches.add(file, where + ".exp_annotations." + key + " quotes " + m.group()
                                    + ", expected the alert's instance " + instance);
                        }
                    }
                });
            }
            map.forEach((k, v) -> checkInstances(file, v, where.isEmpty() ? String.valueOf(k) : where + "." + k));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkInstances(file, list.get(i), where + "[" + i + "]");
            }
        } else if (node instanceof String text) {
            Matcher sets = LABEL_SET.matcher(text);
            while (sets.find()) {
                Map<String, Object> labels = new HashMap<>();
                Matcher label = LABEL.matcher(sets.group(1));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                checkInstance(file, where + " " + sets.group(), labels);
            }
        }
    }

    private void checkInstance(Path file, String where, Map<String, Object> labels) {
        if (!(labels.get("instance") instanceof String instance) || instance.lastIndexOf(':') < 0) {
            return;
        }
        Object named = labels.containsKey("job") ? labels.get("job") : labels.get("application");
        ServiceCatalogue s = ServiceCatalogue.deployables().stream().filter(e -> e.serviceName().equals(named))
                .findFirst().orElse(null);
        if (s != null) {
            mismatches.expect(file, where + ", port of instance " + instance,
                    instance.substring(instance.lastIndexOf(':') + 1), String.valueOf(s.port()), s);
        }
    }

    // --- any file -------------------------------------------------------------------------------------------

    /**
     * Wherever a value addresses one of the lab's programs by name and port (http://reporting:8185, a
     * Prometheus target), the port is the catalogue's. A name followed by a version (desk:0.1.0) is an image.
     */
    private void servicesAddressedByName(Path file, Object yaml) {
        strings(yaml, "", (where, text) -> {
            if (where.endsWith(".image") || where.endsWith(".newTag")) {
                return;
            }
            for (ServiceCatalogue s : ServiceCatalogue.deployables()) {
                portsAfter(s.serviceName(), text).forEach(p -> mismatches.expect(file, where + " (\"" + text + "\")",
                        p, s.port(), s));
            }
        });
    }

    /** The ports written after {@code host:} in a text. */
    private static List<Integer> portsAfter(String host, String text) {
        Matcher m = Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(host) + ":(\\d+)(?![\\d.])").matcher(text);
        List<Integer> ports = new ArrayList<>();
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
        }
        return ports;
    }

    /** The catalogue's ports a text writes out. */
    private static List<Integer> catalogueNumbers(String text) {
        Matcher m = Pattern.compile("(?<!\\d)(\\d{4,5})(?!\\d)").matcher(text);
        List<Integer> found = new ArrayList<>();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (Arrays.stream(ServiceCatalogue.values()).anyMatch(s -> s.port() == n)) {
                found.add(n);
            }
        }
        return found;
    }

    /** Every string of a YAML tree, with its path (services.desk.environment.NTRK_DESK_REPORTING_URL). */
    private static void strings(Object node, String where, BiConsumer<String, String> each) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> strings(v, where.isEmpty() ? String.valueOf(k) : where + "." + k, each));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                strings(list.get(i), where + "[" + i + "]", each);
            }
        } else if (node instanceof String text) {
            each.accept(where, text);
        }
    }

    private static String argument(List<String> instructions, String name) {
        String prefix = "ARG " + name + "=";
        return instructions.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length())).orElse(null);
    }

    private static String source(ServiceCatalogue s) {
        return "ServiceCatalogue." + s.name();
    }

    private static Map<String, Object> load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return new Yaml().load(r);
        }
    }

    /** One YAML document of a Kubernetes manifest, with the file it is in. */
    private record Document(Path file, Map<String, Object> yaml) {

        String kind() {
            return String.valueOf(yaml.get("kind"));
        }
    }

    private static List<Document> documents(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<Document> documents = new ArrayList<>();
        for (Path file : files) {
            DeploymentManifestsTest.loadYaml(file).forEach(yaml -> documents.add(new Document(file, yaml)));
        }
        assertThat(documents).as("manifests under %s", ROOT.relativize(dir)).isNotEmpty();
        return documents;
    }

    private static Document find(List<Document> documents, String kind, String name) {
        return documents.stream().filter(d -> kind.equals(d.kind()) && name.equals(DeploymentManifestsTest.name(
                d.yaml()))).findFirst().orElse(null);
    }

    /** What differs from the catalogue, every difference of a test at once, each naming its file. */
    private static final class Mismatches {

        private final List<String> found = new ArrayList<>();

        void expect(Path file, String where, Object actual, Object expected, ServiceCatalogue s) {
            if (!Objects.equals(normal(actual), normal(expected))) {
                add(file, where + " is " + actual + ", expected " + expected + (s == null ? ""
                        : " (" + source(s) + ")"));
            }
        }

        void require(Path file, boolean present, String what, ServiceCatalogue s) {
            if (!present) {
                add(file, "no " + what + " (" + source(s) + ")");
            }
        }

        void add(Path file, String message) {
            found.add(ROOT.relativize(file.toAbsolutePath().normalize()) + ": " + message);
        }

        void assertNone() {
            assertThat(found).as("settings that differ from the service catalogue").isEmpty();
        }

        /** Numbers and lists compared as text, as YAML may give 8184 or "8184". */
        private static Object normal(Object value) {
            if (value instanceof List<?> list) {
                return list.stream().map(String::valueOf).toList();
            }
            return value == null ? null : String.valueOf(value);
        }
    }
}
