package org.ntrklab.reporting.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import tools.jackson.databind.JsonNode;

/**
 * Reads plain JSON, as any HTTP client or web form writes it, into an Avro record of our schemas: a nullable
 * field is its value or {@code null} (not Avro's {@code {"int": 5}}), an enum is its symbol, an optional field
 * may be left out and gets its default. Unknown fields are refused, so a misspelt one is not silently lost.
 *
 * <p>A refusal names the field by its path ({@code correctedResult.fusions[0].fivePrimeExon}) and the rule it
 * breaks, never the value sent.
 */
final class PlainJson {

    /** Longest text accepted in any string field; our free-text fields are far shorter. */
    static final int MAX_TEXT = 2_000;

    private PlainJson() {
    }

    /** The caller's JSON breaks a rule of the schema. */
    static final class Refused extends RuntimeException {
        Refused(String path, String rule) {
            super((path.isEmpty() ? "the body" : path) + ": " + rule);
        }
    }

    /** Reads {@code json} as a record of {@code schema}, as the generated class of that schema. */
    @SuppressWarnings("unchecked")
    static <T> T read(JsonNode json, Schema schema, String path) {
        Object generic = value(json, schema, path);
        return (T) SpecificData.get().deepCopy(schema, generic);
    }

    private static Object value(JsonNode json, Schema schema, String path) {
        switch (schema.getType()) {
            case RECORD:
                return record(json, schema, path);
            case UNION:
                return union(json, schema, path);
            case STRING:
                if (!json.isString()) {
                    throw new Refused(path, "must be text");
                }
                String text = json.asString();
                if (text.length() > MAX_TEXT) {
                    throw new Refused(path, "must be at most " + MAX_TEXT + " characters");
                }
                if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
                    throw new Refused(path, "must not contain control characters");
                }
                if (text.chars().anyMatch(PlainJson::invisibleOrReordering)) {
                    // What a reader sees must be what is stored: no bidi overrides, zero-width or separator
                    // characters, no broken surrogates.
                    throw new Refused(path, "must not contain invisible, direction-changing or malformed characters");
                }
                return text;
            case ENUM:
                if (!json.isString() || !schema.getEnumSymbols().contains(json.asString())) {
                    throw new Refused(path, "must be one of " + schema.getEnumSymbols());
                }
                return new GenericData.EnumSymbol(schema, json.asString());
            case BOOLEAN:
                if (!json.isBoolean()) {
                    throw new Refused(path, "must be true or false");
                }
                return json.asBoolean();
            case INT:
                if (!json.isIntegralNumber() || !json.canConvertToInt()) {
                    throw new Refused(path, "must be a whole number between " + Integer.MIN_VALUE + " and "
                            + Integer.MAX_VALUE);
                }
                return json.asInt();
            case LONG:
                if (!json.isIntegralNumber() || !json.canConvertToLong()) {
                    throw new Refused(path, "must be a whole number");
                }
                return json.asLong();
            case FLOAT:
            case DOUBLE:
                if (!json.isNumber() || !Double.isFinite(json.asDouble())) {
                    throw new Refused(path, "must be a number");
                }
                if (schema.getType() == Schema.Type.FLOAT) {
                    float f = (float) json.asDouble();
                    if (!Float.isFinite(f)) {
                        throw new Refused(path, "must be a number");
                    }
                    return f;
                }
                return json.asDouble();
            case ARRAY:
                if (!json.isArray()) {
                    throw new Refused(path, "must be a list");
                }
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < json.size(); i++) {
                    items.add(value(json.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                return new GenericData.Array<>(schema, items);
            default:
                throw new Refused(path, "is not a field this API accepts");
        }
    }

    private static boolean invisibleOrReordering(int c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE || type == Character.PRIVATE_USE || c == 0xFFFE || c == 0xFFFF;
    }

    private static Object record(JsonNode json, Schema schema, String path) {
        if (!json.isObject()) {
            throw new Refused(path, "must be an object (" + schema.getName() + ")");
        }
        GenericData.Record record = new GenericData.Record(schema);
        Map<String, Schema.Field> fields = new HashMap<>();
        schema.getFields().forEach(f -> fields.put(f.name(), f));
        for (Iterator<String> names = json.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.containsKey(name)) {
                // the name is the caller's: say how many fields there are, not which one
                throw new Refused(path, "has a field that " + schema.getName() + " does not have; its fields are "
                        + fields.keySet().stream().sorted().toList());
            }
        }
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            JsonNode given = json.get(field.name());
            if (given == null || given.isMissingNode()) {
                if (!field.hasDefaultValue()) {
                    throw new Refused(fieldPath, "is required");
                }
                record.put(field.pos(), GenericData.get().getDefaultValue(field));
            } else {
                record.put(field.pos(), value(given, field.schema(), fieldPath));
            }
        }
        return record;
    }

    private static Object union(JsonNode json, Schema schema, String path) {
        List<Schema> branches = schema.getTypes();
        boolean nullable = branches.stream().anyMatch(b -> b.getType() == Schema.Type.NULL);
        if (json.isNull()) {
            if (!nullable) {
                throw new Refused(path, "must not be null");
            }
            return null;
        }
        List<Schema> values = branches.stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
        if (values.size() != 1) {
            throw new Refused(path, "can only be read knowing which of " + values.size() + " types it is");
        }
        return value(json, values.get(0), path);
    }
}
