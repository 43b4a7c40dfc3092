package org.ntrklab.desk.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.CfDnaResult;
import org.ntrklab.events.FishResult;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.RtPcrResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The corrected-result part of the correction form, drawn from the schema of the result the order's assay
 * produces: one plain control per field (a choice for a coded field, yes/no for a flag, rows for fusions),
 * and read back into the plain JSON reporting takes. A new field in a result schema appears here by itself.
 */
public final class ResultForm {

    /** Form parameters of the result start with this. */
    public static final String PREFIX = "result.";
    /**
     * Rows offered for repeated parts (fusions): every one reported, and one more to add one while there are
     * fewer than this many.
     */
    static final int MAX_ROWS = 4;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResultForm() {
    }

    /** The result record each assay produces (as reporting reads a correction of it). */
    public static Schema schema(String assay) {
        AssayType type;
        try {
            type = AssayType.valueOf(assay);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("no result form for assay " + assay);
        }
        return switch (type) {
            case PAN_TRK_IHC -> IhcResult.getClassSchema();
            case NTRK_FISH -> FishResult.getClassSchema();
            case RT_PCR -> RtPcrResult.getClassSchema();
            case CFDNA_NGS -> CfDnaResult.getClassSchema();
            default -> NgsResult.getClassSchema();
        };
    }

    /** The controls for a result of this schema, filled in with the current result (JSON, may be null). */
    public static List<ResultField> fields(Schema schema, String currentJson) {
        JsonNode current = parse(currentJson);
        List<ResultField> fields = new ArrayList<>();
        for (Schema.Field f : schema.getFields()) {
            JsonNode value = current == null ? null : unwrap(current.get(f.name()));
            Schema type = nonNull(f.schema());
            boolean required = !nullable(f.schema()) && type.getType() != Schema.Type.ARRAY;
            if (type.getType() == Schema.Type.ARRAY && type.getElementType().getType() == Schema.Type.RECORD) {
                int reported = value != null && value.isArray() ? value.size() : 0;
                // A reported row is never left out: a correction sent from the form would drop it.
                int rows = Math.max(reported, Math.min(MAX_ROWS, reported + 1));
                for (int row = 0; row < rows; row++) {
                    JsonNode element = value != null && value.isArray() ? value.get(row) : null;
                    for (Schema.Field sub : type.getElementType().getFields()) {
                        Schema subType = nonNull(sub.schema());
                        fields.add(field(PREFIX + f.name() + "." + row + "." + sub.name(), sub, subType,
                                !nullable(sub.schema()), element == null ? null : unwrap(element.get(sub.name())),
                                label(type.getElementType().getName()) + " " + (row + 1)));
                    }
                }
            } else {
                fields.add(field(PREFIX + f.name(), f, type, required, value, null));
            }
        }
        return fields;
    }

    private static ResultField field(String name, Schema.Field f, Schema type, boolean required, JsonNode value,
            String group) {
        String control;
        List<String> options = List.of();
        String text = value == null || value.isNull() ? null : value.isString() ? value.asString() : value.toString();
        switch (type.getType()) {
            case ENUM -> {
                control = "choice";
                options = type.getEnumSymbols();
            }
            case BOOLEAN -> {
                control = "yes-no";
                options = List.of("yes", "no");
                text = value == null || value.isNull() ? null
                        : value.isBoolean() ? (value.asBoolean() ? "yes" : "no") : value.asString();
            }
            case INT, LONG -> control = "number";
            case FLOAT, DOUBLE -> control = "decimal";
            case ARRAY -> {
                if (type.getElementType().getType() == Schema.Type.ENUM) {
                    control = "choices";
                    options = type.getElementType().getEnumSymbols();
                } else {
                    control = "lines";
                }
                List<String> items = new ArrayList<>();
                if (value != null && value.isArray()) {
                    value.forEach(v -> items.add(v.asString()));
                }
                text = String.join("choices".equals(control) ? "," : "\n", items);
            }
            default -> control = "text";
        }
        return new ResultField(name, label(f.name()), control, options, required, text, f.doc(), group);
    }

    /**
     * The result the form describes, as plain JSON, or the problems found: each names the control in the
     * person's words, and says what it must be.
     */
    public static Read read(Schema schema, Map<String, List<String>> form) {
        ObjectNode result = NODES.objectNode();
        List<String> problems = new ArrayList<>();
        for (Schema.Field f : schema.getFields()) {
            Schema type = nonNull(f.schema());
            String name = PREFIX + f.name();
            if (type.getType() == Schema.Type.ARRAY && type.getElementType().getType() == Schema.Type.RECORD) {
                ArrayNode rows = result.putArray(f.name());
                for (int row : rows(form, name)) {
                    ObjectNode element = NODES.objectNode();
                    boolean any = false;
                    List<String> rowProblems = new ArrayList<>();
                    for (Schema.Field sub : type.getElementType().getFields()) {
                        String given = first(form, name + "." + row + "." + sub.name());
                        any |= given != null && !given.isBlank();
                        String where = label(type.getElementType().getName()) + " " + (row + 1) + ": "
                                + label(sub.name());
                        value(nonNull(sub.schema()), !nullable(sub.schema()), given, where, rowProblems)
                                .ifPresentOrElse(v -> element.set(sub.name(), v), () -> element.putNull(sub.name()));
                    }
                    // An empty row is one not used; a row begun must be complete.
                    if (any) {
                        rows.add(element);
                        problems.addAll(rowProblems);
                    }
                }
            } else if (type.getType() == Schema.Type.ARRAY) {
                ArrayNode items = result.putArray(f.name());
                List<String> given = form.getOrDefault(name, List.of());
                List<String> entries = type.getElementType().getType() == Schema.Type.ENUM ? given
                        : given.stream().flatMap(g -> g.lines()).toList();
                for (String entry : entries) {
                    if (entry.isBlank()) {
                        continue;
                    }
                    value(type.getElementType(), true, entry.strip(), label(f.name()), problems).ifPresent(items::add);
                }
            } else {
                value(type, !nullable(f.schema()), first(form, name), label(f.name()), problems)
                        .ifPresentOrElse(v -> result.set(f.name(), v), () -> result.putNull(f.name()));
            }
        }
        return new Read(problems.isEmpty() ? result : null, List.copyOf(problems));
    }

    /** The result as plain JSON, or why the form cannot be read. */
    public record Read(ObjectNode result, List<String> problems) {
    }

    private static Optional<JsonNode> value(Schema type, boolean required, String given, String label,
            List<String> problems) {
        if (given == null || given.isBlank()) {
            if (required) {
                problems.add(label + " is required");
            }
            return Optional.empty();
        }
        String text = given.strip();
        try {
            return Optional.<JsonNode>ofNullable(switch (type.getType()) {
                case INT -> NODES.numberNode(Integer.parseInt(text));
                case LONG -> NODES.numberNode(Long.parseLong(text));
                case FLOAT, DOUBLE -> {
                    double d = Double.parseDouble(text);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException();
                    }
                    yield NODES.numberNode(d);
                }
                case BOOLEAN -> {
                    if (!text.equals("yes") && !text.equals("no")) {
                        problems.add(label + " must be yes or no");
                        yield null;
                    }
                    yield NODES.booleanNode(text.equals("yes"));
                }
                case ENUM -> {
                    if (!type.getEnumSymbols().contains(text)) {
                        problems.add(label + " must be one of " + String.join(", ", type.getEnumSymbols()));
                        yield null;
                    }
                    yield NODES.stringNode(text);
                }
                default -> NODES.stringNode(text);
            });
        } catch (NumberFormatException e) {
            problems.add(label + (type.getType() == Schema.Type.INT || type.getType() == Schema.Type.LONG
                    ? " must be a whole number" : " must be a number"));
            return Optional.empty();
        }
    }

    /** "percentPositiveTumourCells" reads "Percent positive tumour cells". */
    static String label(String name) {
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** The rows of a repeated part the form has, in order: every one sent, however many the form offered. */
    private static java.util.SortedSet<Integer> rows(Map<String, List<String>> form, String name) {
        java.util.SortedSet<Integer> rows = new java.util.TreeSet<>();
        for (String key : form.keySet()) {
            if (key.startsWith(name + ".")) {
                String row = key.substring(name.length() + 1).split("\\.", 2)[0];
                if (row.matches("0|[1-9][0-9]{0,8}")) {
                    rows.add(Integer.parseInt(row));
                }
            }
        }
        return rows;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static boolean nullable(Schema schema) {
        return schema.getType() == Schema.Type.UNION
                && schema.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElse(schema);
    }

    /** A union value written the Avro way ({"int": 5}) reads as its plain value. */
    private static JsonNode unwrap(JsonNode node) {
        if (node != null && node.isObject() && node.size() == 1) {
            String branch = node.propertyNames().iterator().next();
            if (List.of("int", "long", "float", "double", "string", "boolean").contains(branch)) {
                return node.get(branch);
            }
        }
        return node;
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JsonMapper.shared().readTree(json);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
