package org.ntrklab.platform.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers every topic's envelope schema under {@code <topic>-value} and sets that subject's
 * compatibility rule, so that an external producer (the LIMS, the bench, instruments) finds the schema to
 * write with before any of our services has written to its topic, and cannot register a breaking version.
 * Registration is idempotent: the same schema text gets the same id every time. Uses the registry's
 * Confluent-compatible API, which a lab's own tooling uses too.
 */
public final class SchemaCatalogueRegistrar {

    private static final Logger log = LoggerFactory.getLogger(SchemaCatalogueRegistrar.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Our build checks every schema against every released version, so the registry does the same. */
    public static final String COMPATIBILITY = "BACKWARD_TRANSITIVE";

    private final RegistrySettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SchemaCatalogueRegistrar(RegistrySettings settings) {
        this.settings = settings;
    }

    /** Registers the envelope of every topic. @return schema id per subject */
    public Map<String, Integer> registerAll(Topics topics) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (TopicSpec<?> topic : topics.all()) {
            Schema schema = SpecificData.get().getSchema(topic.valueType());
            ids.put(topic.valueSubject(), register(topic.valueSubject(), schema));
            setCompatibility(topic.valueSubject());
        }
        log.info("Schema registry has the envelopes of {} topic(s) under compatibility {}", ids.size(), COMPATIBILITY);
        return ids;
    }

    /** Registers (or finds) one schema under a subject. @return its schema id */
    public int register(String subject, Schema schema) {
        String body = json(Map.of("schema", schema.toString()));
        HttpResponse<String> response = send(HttpRequest.newBuilder(subjectUri(subject, "/versions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("registry refused the schema of " + subject + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body()).get("id").asInt();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unexpected registry answer for " + subject + ": " + response.body(), e);
        }
    }

    private void setCompatibility(String subject) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create(settings.confluentUrl() + "/config/" + encode(subject)))
                .PUT(HttpRequest.BodyPublishers.ofString(json(Map.of("compatibility", COMPATIBILITY)))));
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("registry refused compatibility " + COMPATIBILITY + " for " + subject
                    + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        request.header("Content-Type", CONTENT_TYPE).header("Accept", CONTENT_TYPE).timeout(Duration.ofSeconds(30));
        String user = settings.clientProperties().get("apicurio.registry.auth.username");
        String password = settings.clientProperties().get("apicurio.registry.auth.password");
        if (user != null && password != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("schema registry at " + settings.confluentUrl() + " unreachable: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to the schema registry", e);
        }
    }

    private URI subjectUri(String subject, String suffix) {
        return URI.create(settings.confluentUrl() + "/subjects/" + encode(subject) + suffix);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String json(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
