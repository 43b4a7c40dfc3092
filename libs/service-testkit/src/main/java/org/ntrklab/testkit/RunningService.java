package org.ntrklab.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.platform.serde.RegistrySettings;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One service application started in the test JVM exactly as in production (Spring Boot, its own web
 * port, Kafka Streams, its own Kafka principal and ACLs), pointed at the shared broker and registry and at
 * the test's own topics
 * ({@link TestNamespace#topicPrefix()}; build the matching topic catalogue with
 * {@code new Topics(ns.topicPrefix(), partitions, (short) 1)}), trusting the test JVM's identity provider
 * ({@link SharedIdentity}). {@link #get(String)} asks as a member of the lab and {@link #post(String, String)}
 * as a pathologist; the variants with a token ask with any other token, or with none.
 *
 */
public final class RunningService implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static RunningService start(Class<?> application, String serviceName, TestNamespace ns, int partitions,
            Map<String, String> extra) {
        SharedInfrastructure infra = SharedInfrastructure.get();
        String applicationId = ns.applicationId() + "-" + serviceName;
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("ntrk.service-name", applicationId);
        properties.put("spring.kafka.bootstrap-servers", infra.bootstrapServers());
        // Signed in as its own principal with only the ACLs the access policy grants, as in production.
        ServiceAccounts.service(serviceName, applicationId, ns, partitions).forEach((k, v) -> {
            if (!"bootstrap.servers".equals(k)) {
                properties.put("spring.kafka.properties." + k, String.valueOf(v));
            }
        });
        properties.put("ntrk.registry.url", infra.registryUrl());
        Map<String, String> registryClient = infra.registryClientProperties();
        properties.put("ntrk.registry.auth.token-url", registryClient.get(RegistrySettings.TOKEN_URL));
        properties.put("ntrk.registry.auth.client-id", registryClient.get(RegistrySettings.CLIENT_ID));
        properties.put("ntrk.registry.auth.client-secret", registryClient.get(RegistrySettings.CLIENT_SECRET));
        properties.put("ntrk.topics.prefix", ns.topicPrefix());
        properties.put("ntrk.topics.partitions", String.valueOf(partitions));
        properties.put("ntrk.topics.replication-factor", "1");
        properties.put("ntrk.streams.state-dir", ns.stateDir().toString());
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", SharedIdentity.get().issuerUri());
        // A test's own settings replace the defaults: a property given twice on the command line would
        // reach Spring as both values joined.
        properties.putAll(extra);
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new RunningService(new SpringApplicationBuilder(application).run(args.toArray(String[]::new)));
    }

    /**
     * One of several instances of a service: the same application id (so they share the partitions), its
     * own state directory, web port and {@code application.server} address, so that REST queries route.
     */
    public static RunningService instance(Class<?> application, String serviceName, TestNamespace ns, int partitions,
            int port, String instanceName) {
        return instance(application, serviceName, ns, partitions, port, instanceName, Map.of());
    }

    /** As {@link #instance(Class, String, TestNamespace, int, int, String)}, with further settings. */
    public static RunningService instance(Class<?> application, String serviceName, TestNamespace ns, int partitions,
            int port, String instanceName, Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>(extra);
        properties.put("server.port", String.valueOf(port));
        properties.put("ntrk.streams.state-dir", ns.stateDir().resolve(instanceName).toString());
        properties.put("ntrk.streams.properties.application.server", "localhost:" + port);
        return start(application, serviceName, ns, partitions, properties);
    }

    /** GET, retried while the answer is a 503 (instances still rebalancing) or not yet {@code ready}, as a client would. */
    public HttpResponse<String> getWhen(String path, java.util.function.Predicate<HttpResponse<String>> ready)
            throws InterruptedException {
        return getWhen(path, labToken(), ready);
    }

    /** As {@link #getWhen(String, java.util.function.Predicate)}, with the given access token (null: none). */
    public HttpResponse<String> getWhen(String path, String token,
            java.util.function.Predicate<HttpResponse<String>> ready) throws InterruptedException {
        HttpResponse<String> response = get(path, token);
        for (int attempt = 0; attempt < 60 && (response.statusCode() == 503 || !ready.test(response)); attempt++) {
            Thread.sleep(500);
            response = get(path, token);
        }
        return response;
    }

    /** GET on the service's own web port as a member of the lab (role {@code lab}); returns status and body. */
    public HttpResponse<String> get(String path) {
        return get(path, labToken());
    }

    /** GET with the given access token, or with none when it is null. */
    public HttpResponse<String> get(String path, String token) {
        try {
            return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        }
    }

    /** POST of a JSON body as the demo pathologist (role {@code pathologist}); returns status and body. */
    public HttpResponse<String> post(String path, String json) {
        return post(path, json, SharedIdentity.get().token(LabAccounts.DEMO_PATHOLOGIST));
    }

    /** POST of a JSON body with the given access token, or with none when it is null. */
    public HttpResponse<String> post(String path, String json, String token) {
        try {
            return http.send(request(path, token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        }
    }

    /** The service's own web address, e.g. {@code http://localhost:54321}. */
    public String baseUrl() {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static String labToken() {
        return SharedIdentity.get().token(LabAccounts.LAB_READER);
    }

    @Override
    public void close() {
        context.close();
    }
}
