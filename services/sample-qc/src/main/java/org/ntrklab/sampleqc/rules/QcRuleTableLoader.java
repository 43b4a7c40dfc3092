package org.ntrklab.sampleqc.rules;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a QC rule table from YAML (see {@code qc-rules-default.yml} for the format). A table with an
 * unknown field, metric or assay, or an inconsistent rule is refused as a whole with the line it failed
 * at: a lab must never run on a half-read table.
 */
public final class QcRuleTableLoader {

    /** The table shipped with the service. */
    public static final String DEFAULT_TABLE = "qc-rules-default.yml";

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // A key given twice in one rule is a mistake, never "the last one wins".
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private QcRuleTableLoader() {
    }

    /** The YAML document: a version, an optional description and the rules. */
    record Document(String version, String description, List<QcRule> rules) {
    }

    /**
     * @param location named in error messages
     */
    public static QcRuleTable load(InputStream yaml, String location) {
        try (yaml) {
            JsonNode tree = MAPPER.readTree(yaml);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new IllegalArgumentException("QC rule table " + location + " is empty");
            }
            checkKeys(tree, location);
            Document document = MAPPER.treeToValue(tree, Document.class);
            if (document.rules() == null || document.rules().isEmpty()) {
                throw new IllegalArgumentException("QC rule table " + location + " has no rules");
            }
            return new QcRuleTable(document.version(), document.rules());
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("QC rule table " + location)) {
                throw e;
            }
            throw new IllegalArgumentException("QC rule table " + location + ": " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("QC rule table " + location + " is not valid: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("QC rule table " + location + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Names a misspelt key before the rules are built: otherwise a typo in a required key (e.g.
     * {@code fail-bellow}) would surface as the rule's own complaint that the key is missing.
     */
    private static void checkKeys(JsonNode tree, String location) {
        if (!tree.isObject()) {
            throw new IllegalArgumentException("QC rule table " + location + " must be a map with version and rules");
        }
        unknown(tree, DOCUMENT_KEYS, "QC rule table " + location + " (top level)");
        JsonNode rules = tree.get("rules");
        if (rules != null && rules.isArray()) {
            for (int i = 0; i < rules.size(); i++) {
                JsonNode rule = rules.get(i);
                if (rule != null && rule.isObject()) {
                    JsonNode id = rule.get("id");
                    unknown(rule, RULE_KEYS, "QC rule table " + location + ", rule #" + (i + 1)
                            + (id == null ? "" : " (" + id.asString() + ")"));
                }
            }
        }
    }

    private static void unknown(JsonNode node, Set<String> known, String where) {
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "'; known keys: "
                        + known.stream().sorted().toList());
            }
        }
    }

    private static final Set<String> DOCUMENT_KEYS = keysOf(Document.class);
    private static final Set<String> RULE_KEYS = keysOf(QcRule.class);

    /** The YAML keys of a record: its component names in kebab case, as the mapper reads them. */
    private static Set<String> keysOf(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(c -> c.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    public static QcRuleTable defaults() {
        InputStream in = QcRuleTableLoader.class.getClassLoader().getResourceAsStream(DEFAULT_TABLE);
        if (in == null) {
            throw new IllegalStateException(DEFAULT_TABLE + " is missing from the service's classpath");
        }
        return load(in, "classpath:" + DEFAULT_TABLE);
    }
}
