package org.ntrklab.platform.serde;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers every topic's envelope schema under {@code <topic>-value} and sets that subject's
 * compatibility rule, so that an external producer (the LIMS, the bench, instruments) finds the schema to
 * write with before any of our services has written to its topic, and cannot register a breaking version.
 * Uses the registry's Confluent-compatible API, which a lab's own tooling uses too.
 *
 * <p>Idempotent and safe when many services and instances start at once on an empty registry: the same
 * schema text gets the same id every time, and a registration or rule setting that loses a race with
 * another instance (the registry answers 409 "already exists", or a transient error) is tried again and
 * counts as done once the registry holds what was asked. Only a real refusal (a schema incompatible with
 * the registered versions) or a registry that stays unavailable stops start-up, with the registry's reason.
 */
public final class SchemaCatalogueRegistrar {

    private static final Logger log = LoggerFactory.getLogger(SchemaCatalogueRegistrar.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ATTEMPTS = 10;

    /** Our build checks every schema against every released version, so the registry does the same. */
    public static final String COMPATIBILITY = "BACKWARD_TRANSITIVE";

    private final RegistryHttp http;

    public SchemaCatalogueRegistrar(RegistrySettings settings) {
        this.http = new RegistryHttp(settings);
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
        String path = "/subjects/" + RegistryHttp.encode(subject) + "/versions";
        String last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            RegistryHttp.Response response;
            try {
                response = http.post(path, body);
            } catch (RegistryUnavailableException e) {
                last = e.getMessage();
                pause(attempt);
                continue;
            }
            if (response.status() == 200) {
                try {
                    return JSON.readTree(response.body()).get("id").asInt();
                } catch (JacksonException | NullPointerException e) {
                    throw new IllegalStateException("unexpected registry answer for " + subject + ": "
                            + abbreviate(response.body()), e);
                }
            }
            if (isIncompatible(response)) {
                throw new IllegalStateException("registry refused the schema of " + subject + " as incompatible with"
                        + " its registered versions: " + abbreviate(response.body()));
            }
            refuseSignIn(subject, response, attempt);
            // 409 "already exists" from a concurrent first registration, or a passing server error
            last = "HTTP " + response.status() + " " + abbreviate(response.body());
            pause(attempt);
        }
        throw new IllegalStateException("registry did not register the schema of " + subject + " after " + ATTEMPTS
                + " attempts: " + last);
    }

    /**
     * Sets the subject's compatibility to {@link #COMPATIBILITY}. When setting it fails (another instance
     * creating the same rule at the same moment gets 409 "already exists"), the subject's rule is read back:
     * if it is what was asked, that is success.
     */
    void setCompatibility(String subject) {
        String path = "/config/" + RegistryHttp.encode(subject);
        String body = json(Map.of("compatibility", COMPATIBILITY));
        String last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                RegistryHttp.Response set = http.put(path, body);
                if (set.ok() || COMPATIBILITY.equals(currentCompatibility(path))) {
                    return;
                }
                refuseSignIn(subject, set, attempt);
                last = "HTTP " + set.status() + " " + abbreviate(set.body());
            } catch (RegistryUnavailableException e) {
                last = e.getMessage();
            }
            pause(attempt);
        }
        throw new IllegalStateException("registry refused compatibility " + COMPATIBILITY + " for " + subject
                + " after " + ATTEMPTS + " attempts: " + last);
    }

    private String currentCompatibility(String path) {
        RegistryHttp.Response response = http.get(path);
        if (!response.ok()) {
            return null;
        }
        try {
            JsonNode level = JSON.readTree(response.body()).get("compatibilityLevel");
            return level == null ? null : level.asString();
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * A refused sign-in is a configuration error that waiting does not mend: it stops start-up at once with
     * what to fix. (A 401 is tried once more, with a fresh token, in case the first had just expired.)
     */
    private static void refuseSignIn(String subject, RegistryHttp.Response response, int attempt) {
        if (response.status() == 403) {
            throw new IllegalStateException("registry refused to register " + subject + " (HTTP 403): the client in"
                    + " ntrk.registry.auth lacks the registry's writer role");
        }
        if (response.status() == 401 && attempt >= 2) {
            throw new IllegalStateException("registry refused to register " + subject + " (HTTP 401): it requires a"
                    + " sign-in; set ntrk.registry.auth.token-url, client-id and client-secret to a client with its"
                    + " writer role");
        }
    }

    private static boolean isIncompatible(RegistryHttp.Response response) {
        return response.status() == 409 && (response.body().contains("RuleViolation")
                || response.body().contains("ncompatible"));
    }

    /** Backs off with jitter, so instances that collided do not collide again in step. */
    private static void pause(int attempt) {
        long millis = Math.min(2_000, 50L << Math.min(attempt, 6)) + ThreadLocalRandom.current().nextLong(50);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering schemas", e);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static String json(Map<String, String> fields) {
        return JSON.writeValueAsString(fields);
    }
}
