package org.ntrklab.platform.serde;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the registry says about a schema id: the writer schema, and the subjects it is a version of. Both
 * answers are cached, so a service asks once per id, not once per record. A record is checked against its
 * topic's subject before it is decoded: a correctly framed record of another topic's schema is refused as
 * such, instead of being decoded into the wrong type. One directory per registry is shared by every
 * deserializer of the JVM.
 */
public final class SchemaDirectory {

    private static final Map<String, SchemaDirectory> DIRECTORIES = new ConcurrentHashMap<>();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The caches hold only ids the registry knows; bounded all the same. */
    private static final int MAX_CACHED = 10_000;

    private final RegistryHttp http;
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<Integer, Set<String>> subjects = new ConcurrentHashMap<>();
    private volatile Trouble trouble;

    /** The registry's last failure to answer, until it answers again. */
    public record Trouble(Instant since, String problem) {
    }

    private SchemaDirectory(RegistrySettings settings) {
        this.http = new RegistryHttp(settings);
    }

    /** The directory of the registry these settings point at. */
    public static SchemaDirectory of(RegistrySettings settings) {
        return DIRECTORIES.computeIfAbsent(settings.confluentUrl() + "|" + settings.clientProperties().hashCode(),
                k -> new SchemaDirectory(settings));
    }

    /** Every directory in use, for health reporting. */
    public static Iterable<SchemaDirectory> all() {
        return DIRECTORIES.values();
    }

    /** Thrown when the registry has no schema with the id: the record's fault, so it is dead-lettered. */
    public static final class UnknownSchemaId extends Exception {
        UnknownSchemaId(int id) {
            super("the registry has no schema with id " + id);
        }
    }

    /**
     * @throws UnknownSchemaId when the registry does not know the id
     * @throws RegistryUnavailableException when the registry cannot answer now
     */
    public Schema writerSchema(int id) throws UnknownSchemaId {
        Schema cached = schemas.get(id);
        if (cached != null) {
            return cached;
        }
        RegistryHttp.Response response = call("/schemas/ids/" + id);
        if (response.status() == 404) {
            throw new UnknownSchemaId(id);
        }
        try {
            Schema schema = new Schema.Parser().parse(JSON.readTree(response.body()).get("schema").asString());
            if (schemas.size() >= MAX_CACHED) {
                schemas.clear();
            }
            schemas.put(id, schema);
            return schema;
        } catch (JacksonException | SchemaParseException | NullPointerException e) {
            // The registry answered 200 with something that is not an Avro schema: its problem, not the record's.
            throw new RegistryUnavailableException("the registry's answer for schema id " + id
                    + " holds no readable Avro schema", e);
        }
    }

    /**
     * Whether the schema id is a version of the subject. Only "yes" is cached: "no" and "unknown id" are
     * asked again every time, because a producer may register that very schema under the subject a moment
     * later (the registry shares one id between subjects with the same schema text), and a good record
     * must never be refused on a stale answer. A flood of foreign records costs one lookup each.
     *
     * @throws UnknownSchemaId when the registry does not know the id
     * @throws RegistryUnavailableException when the registry cannot answer now
     */
    public boolean isVersionOf(int id, String subject) throws UnknownSchemaId {
        Set<String> cached = subjects.get(id);
        if (cached != null && cached.contains(subject)) {
            return true;
        }
        RegistryHttp.Response response = call("/schemas/ids/" + id + "/versions");
        if (response.status() == 404) {
            throw new UnknownSchemaId(id);
        }
        Set<String> names = new LinkedHashSet<>();
        try {
            for (JsonNode version : JSON.readTree(response.body())) {
                names.add(version.get("subject").asString());
            }
        } catch (JacksonException | NullPointerException e) {
            throw new RegistryUnavailableException("the registry's answer for the subjects of schema id " + id
                    + " is not readable", e);
        }
        if (subjects.size() >= MAX_CACHED) {
            subjects.clear();
        }
        subjects.put(id, Set.copyOf(names));
        return names.contains(subject);
    }

    /** The subjects the id was last found in (for a rejection's detail), possibly empty. */
    public Set<String> knownSubjects(int id) {
        Set<String> cached = subjects.get(id);
        return cached == null ? Set.of() : cached;
    }

    /** The registry's current trouble, or null when its last answer was a good one. */
    public Trouble trouble() {
        return trouble;
    }

    /** Asks the registry for something cheap, to find out whether it answers again. @return true when it does */
    public boolean probe() {
        try {
            call("/subjects?limit=1");
            return true;
        } catch (RegistryUnavailableException e) {
            return false;
        }
    }

    private RegistryHttp.Response call(String path) {
        RegistryHttp.Response response;
        try {
            response = http.get(path);
        } catch (RegistryUnavailableException e) {
            noteTrouble(e.getMessage());
            throw e;
        }
        if (response.ok() || response.status() == 404) {
            trouble = null;
            return response;
        }
        String problem = "schema registry answered HTTP " + response.status() + " for " + path;
        noteTrouble(problem);
        throw new RegistryUnavailableException(problem);
    }

    private void noteTrouble(String problem) {
        Trouble current = trouble;
        trouble = new Trouble(current == null ? Instant.now() : current.since(), problem);
    }
}
