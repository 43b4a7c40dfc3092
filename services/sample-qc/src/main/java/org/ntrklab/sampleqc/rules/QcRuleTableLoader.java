package org.ntrklab.sampleqc.rules;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import tools.jackson.core.JacksonException;
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
            Document document = MAPPER.readValue(yaml, Document.class);
            if (document == null) {
                throw new IllegalArgumentException("QC rule table " + location + " is empty");
            }
            if (document.rules() == null || document.rules().isEmpty()) {
                throw new IllegalArgumentException("QC rule table " + location + " has no rules");
            }
            return new QcRuleTable(document.version(), document.rules());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("QC rule table " + location + " is not valid: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("QC rule table " + location + " cannot be read: " + e.getMessage(), e);
        }
    }

    public static QcRuleTable defaults() {
        InputStream in = QcRuleTableLoader.class.getClassLoader().getResourceAsStream(DEFAULT_TABLE);
        if (in == null) {
            throw new IllegalStateException(DEFAULT_TABLE + " is missing from the service's classpath");
        }
        return load(in, "classpath:" + DEFAULT_TABLE);
    }
}
