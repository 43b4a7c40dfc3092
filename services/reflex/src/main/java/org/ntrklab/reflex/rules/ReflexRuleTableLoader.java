package org.ntrklab.reflex.rules;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.ntrklab.events.RunFailureReason;
import org.ntrklab.platform.config.StrictYaml;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the reflex rule table from YAML (see {@code reflex-rules-default.yml}). A table with an unknown
 * key, route or failure reason, a code listed twice or an entry without a source is refused as a whole.
 */
public final class ReflexRuleTableLoader {

    public static final String DEFAULT_TABLE = "reflex-rules-default.yml";

    /** The YAML document. */
    record Document(String version, String description, Integer paediatricAgeBelow, Integer maxChainDepth,
            Integer maxRetestsPerAssay, Set<RunFailureReason> retestRunFailures, List<TumourTypeEntry> tumourTypes) {
    }

    private static final Set<String> DOCUMENT_KEYS = StrictYaml.keysOf(Document.class);
    private static final Set<String> ENTRY_KEYS = StrictYaml.keysOf(TumourTypeEntry.class);

    private ReflexRuleTableLoader() {
    }

    public static ReflexRuleTable load(InputStream yaml, String location) {
        String table = "Reflex rule table " + location;
        try (yaml) {
            JsonNode tree = StrictYaml.MAPPER.readTree(yaml);
            if (tree == null || tree.isMissingNode() || tree.isNull() || !tree.isObject()) {
                throw new IllegalArgumentException(table + " must be a map with version and tumour-types");
            }
            StrictYaml.requireKnownKeys(tree, DOCUMENT_KEYS, table + " (top level)");
            JsonNode entries = tree.get("tumour-types");
            if (entries != null && entries.isArray()) {
                for (int i = 0; i < entries.size(); i++) {
                    JsonNode entry = entries.get(i);
                    if (entry != null && entry.isObject()) {
                        JsonNode code = entry.get("code");
                        StrictYaml.requireKnownKeys(entry, ENTRY_KEYS, table + ", tumour type #" + (i + 1)
                                + (code == null ? "" : " (" + code.asString() + ")"));
                    }
                }
            }
            Document d = StrictYaml.MAPPER.treeToValue(tree, Document.class);
            if (d.tumourTypes() == null || d.tumourTypes().isEmpty()) {
                throw new IllegalArgumentException(table + " lists no tumour types");
            }
            return ReflexRuleTable.of(d.version(), required(d.paediatricAgeBelow(), "paediatric-age-below", table),
                    required(d.maxChainDepth(), "max-chain-depth", table),
                    required(d.maxRetestsPerAssay(), "max-retests-per-assay", table), d.retestRunFailures(),
                    d.tumourTypes());
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(table)) {
                throw e;
            }
            throw new IllegalArgumentException(table + ": " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(table + " is not valid: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(table + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static int required(Integer value, String key, String table) {
        if (value == null) {
            throw new IllegalArgumentException(table + " has no " + key);
        }
        return value;
    }

    public static ReflexRuleTable defaults() {
        InputStream in = ReflexRuleTableLoader.class.getClassLoader().getResourceAsStream(DEFAULT_TABLE);
        if (in == null) {
            throw new IllegalStateException(DEFAULT_TABLE + " is missing from the service's classpath");
        }
        return load(in, "classpath:" + DEFAULT_TABLE);
    }
}
