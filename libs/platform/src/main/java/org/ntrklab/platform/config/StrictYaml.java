package org.ntrklab.platform.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reading of lab-maintained rule tables (QC thresholds, reflex routing): kebab-case keys, and anything
 * doubtful refused rather than guessed, because a lab must never run on a half-read table.
 */
public final class StrictYaml {

    public static final YAMLMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // A key given twice in one entry is a mistake, never "the last one wins".
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictYaml() {
    }

    /** The YAML keys of a record: its component names in kebab case, as {@link #MAPPER} reads them. */
    public static Set<String> keysOf(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(c -> c.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Names a misspelt key before the table is built: otherwise a typo in a required key would surface as
     * the entry's own complaint that the key is missing.
     *
     * @param where named in the error, e.g. "QC rule table x.yml, rule #3"
     */
    public static void requireKnownKeys(JsonNode node, Set<String> known, String where) {
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "'; known keys: "
                        + known.stream().sorted().toList());
            }
        }
    }
}
