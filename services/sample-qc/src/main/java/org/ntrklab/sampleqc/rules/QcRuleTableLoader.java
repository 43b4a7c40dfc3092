package org.ntrklab.sampleqc.rules;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import org.ntrklab.platform.config.StrictYaml;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a QC rule table from YAML (see {@code qc-rules-default.yml} for the format). A table with an
 * unknown field, metric or assay, or an inconsistent rule is refused as a whole with the line it failed
 * at: a lab must never run on a half-read table.
 */
public final class QcRuleTableLoader {

    /** The table shipped with the service. */
    public static final String DEFAULT_TABLE = "qc-rules-default.yml";

    private static final YAMLMapper MAPPER = StrictYaml.MAPPER;

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
        StrictYaml.requireKnownKeys(node, known, where);
    }

    private static final Set<String> DOCUMENT_KEYS = StrictYaml.keysOf(Document.class);
    private static final Set<String> RULE_KEYS = StrictYaml.keysOf(QcRule.class);

    public static QcRuleTable defaults() {
        InputStream in = QcRuleTableLoader.class.getClassLoader().getResourceAsStream(DEFAULT_TABLE);
        if (in == null) {
            throw new IllegalStateException(DEFAULT_TABLE + " is missing from the service's classpath");
        }
        return load(in, "classpath:" + DEFAULT_TABLE);
    }
}
