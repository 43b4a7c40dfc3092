package org.ntrklab.platform.limits;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * The limits every field of every event must keep, whoever wrote it: each text field has a
 * {@link FieldKind} (a maximum length and a character set), no list holds more than {@link #MAX_ITEMS}
 * items, no number is NaN or infinite, and no time lies at or after {@link #LATEST_PLAUSIBLE}. Values are
 * checked before anything is copied from them into an output event, a state store, a log line or a metric
 * label. Documented, field by field, in docs/field-limits.md.
 */
public final class FieldLimits {

    /** Most items a list field may hold (RT-PCR targets, fusions, prior results, limitations, ...). */
    public static final int MAX_ITEMS = 100;
    /** Event, collection and receipt times at or after this instant are data-entry or clock errors. */
    public static final Instant LATEST_PLAUSIBLE = Instant.parse("2200-01-01T00:00:00Z");

    /** Field name of every envelope's payload union: paths are written from inside it, as rejections name fields. */
    private static final String PAYLOAD = "payload";

    /** Kinds by field name, wherever the field occurs. */
    private static final Map<String, FieldKind> BY_NAME = Map.ofEntries(
            // envelope fields of every topic
            Map.entry("eventId", FieldKind.IDENTIFIER),
            Map.entry("accessionId", FieldKind.IDENTIFIER),
            Map.entry("specimenId", FieldKind.IDENTIFIER),
            Map.entry("source", FieldKind.IDENTIFIER),
            Map.entry("causationId", FieldKind.IDENTIFIER),
            // ids and references
            Map.entry("orderId", FieldKind.IDENTIFIER),
            Map.entry("patientRef", FieldKind.IDENTIFIER),
            Map.entry("runId", FieldKind.IDENTIFIER),
            Map.entry("instrumentId", FieldKind.IDENTIFIER),
            Map.entry("extractionId", FieldKind.IDENTIFIER),
            Map.entry("blockId", FieldKind.IDENTIFIER),
            Map.entry("pathologistRef", FieldKind.IDENTIFIER),
            Map.entry("signedOutBy", FieldKind.IDENTIFIER),
            // the authenticated sender of a command: the access token's subject
            Map.entry("subject", FieldKind.IDENTIFIER),
            Map.entry("rejectedEventId", FieldKind.IDENTIFIER),
            Map.entry("measurementEventId", FieldKind.IDENTIFIER),
            Map.entry("supersedesEventId", FieldKind.IDENTIFIER),
            Map.entry("ruleId", FieldKind.IDENTIFIER),
            Map.entry("ruleSetVersion", FieldKind.IDENTIFIER),
            Map.entry("command", FieldKind.IDENTIFIER),
            Map.entry("measurementType", FieldKind.IDENTIFIER),
            Map.entry("field", FieldKind.IDENTIFIER),
            Map.entry("reason", FieldKind.IDENTIFIER),
            Map.entry("measuredCategory", FieldKind.IDENTIFIER),
            // codes and names from the domain's vocabularies
            Map.entry("oncoTreeCode", FieldKind.IDENTIFIER),
            Map.entry("reportedOn", FieldKind.IDENTIFIER),
            Map.entry("fusion", FieldKind.IDENTIFIER),
            Map.entry("hgncName", FieldKind.IDENTIFIER),
            Map.entry("fivePrimeGene", FieldKind.IDENTIFIER),
            Map.entry("threePrimeGene", FieldKind.IDENTIFIER),
            Map.entry("fivePrimeTranscript", FieldKind.IDENTIFIER),
            Map.entry("threePrimeTranscript", FieldKind.IDENTIFIER),
            Map.entry("targets", FieldKind.IDENTIFIER),
            Map.entry("detectedTargets", FieldKind.IDENTIFIER),
            // display names
            Map.entry("text", FieldKind.NAME),
            Map.entry("orderingFacility", FieldKind.NAME),
            Map.entry("panel", FieldKind.NAME),
            Map.entry("clone", FieldKind.NAME),
            // people's display names, from their access tokens
            Map.entry("displayName", FieldKind.NAME),
            Map.entry("signedOutByName", FieldKind.NAME),
            // free text from people and instruments
            Map.entry("explanation", FieldKind.TEXT),
            Map.entry("revisionExplanation", FieldKind.TEXT),
            // text the services write
            Map.entry("detail", FieldKind.NARRATIVE),
            Map.entry("rationale", FieldKind.NARRATIVE),
            Map.entry("reference", FieldKind.NARRATIVE),
            Map.entry("threshold", FieldKind.NARRATIVE),
            Map.entry("concordance", FieldKind.NARRATIVE),
            Map.entry("limitations", FieldKind.NARRATIVE),
            Map.entry("interpretation", FieldKind.NARRATIVE),
            Map.entry("description", FieldKind.NARRATIVE),
            Map.entry("statement", FieldKind.NARRATIVE));

    /** Kinds of a field in one record type, where its name alone would give another kind. */
    private static final Map<String, FieldKind> BY_RECORD_AND_NAME = Map.of(
            // an instrument's own failure text, not ours
            "AssayRunFailed.detail", FieldKind.TEXT);

    private FieldLimits() {
    }

    /** The kind of a text field, or null when it has none (then it is not a catalogue field). */
    public static FieldKind kindOf(String recordName, String fieldName) {
        FieldKind kind = BY_RECORD_AND_NAME.get(recordName + "." + fieldName);
        return kind != null ? kind : BY_NAME.get(fieldName);
    }

    /** Every field of the event, payload included, outside its limits; empty when the event keeps them all. */
    public static List<FieldViolation> check(IndexedRecord event) {
        List<FieldViolation> violations = new ArrayList<>();
        walkRecord(event, "", true, true, violations);
        return violations;
    }

    /**
     * Only the envelope's own text fields (event id, case id, source, causation id): the fields without
     * which a record cannot even be named in a rejection.
     */
    public static List<FieldViolation> checkIdentity(IndexedRecord event) {
        List<FieldViolation> violations = new ArrayList<>();
        walkRecord(event, "", true, false, violations);
        return violations;
    }

    private static void walkRecord(IndexedRecord record, String path, boolean envelope, boolean deep,
            List<FieldViolation> out) {
        Schema schema = record.getSchema();
        for (Schema.Field field : schema.getFields()) {
            boolean payload = envelope && PAYLOAD.equals(field.name());
            if (!deep && (payload || !isText(field.schema()))) {
                continue;
            }
            String fieldPath = payload ? "" : path.isEmpty() ? field.name() : path + "." + field.name();
            walkValue(record.get(field.pos()), field.schema(), schema.getName(), field.name(), fieldPath, out);
        }
    }

    private static boolean isText(Schema schema) {
        return switch (schema.getType()) {
            case STRING -> true;
            case UNION -> schema.getTypes().stream().anyMatch(FieldLimits::isText);
            default -> false;
        };
    }

    private static void walkValue(Object value, Schema schema, String recordName, String fieldName, String path,
            List<FieldViolation> out) {
        if (value == null) {
            return;
        }
        switch (schema.getType()) {
            case UNION -> walkValue(value, schema.getTypes().get(SpecificData.get().resolveUnion(schema, value)),
                    recordName, fieldName, path, out);
            case RECORD -> walkRecord((IndexedRecord) value, path, false, true, out);
            case STRING -> {
                FieldKind kind = kindOf(recordName, fieldName);
                String problem = kind == null ? "is not a known text field" : kind.problemWith((CharSequence) value);
                if (problem != null) {
                    out.add(new FieldViolation(path, problem));
                }
            }
            case ARRAY -> {
                Collection<?> items = (Collection<?>) value;
                if (items.size() > MAX_ITEMS) {
                    out.add(new FieldViolation(path, "has " + items.size() + " items; at most " + MAX_ITEMS
                            + " are accepted"));
                    return;
                }
                int i = 0;
                for (Object item : items) {
                    walkValue(item, schema.getElementType(), recordName, fieldName, path + "[" + i++ + "]", out);
                }
            }
            case MAP -> {
                Map<?, ?> entries = (Map<?, ?>) value;
                if (entries.size() > MAX_ITEMS) {
                    out.add(new FieldViolation(path, "has " + entries.size() + " entries; at most " + MAX_ITEMS
                            + " are accepted"));
                    return;
                }
                for (Map.Entry<?, ?> e : entries.entrySet()) {
                    walkValue(e.getValue(), schema.getValueType(), recordName, fieldName, path + "{}", out);
                }
            }
            case DOUBLE, FLOAT -> {
                double d = ((Number) value).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    out.add(new FieldViolation(path, "is not a finite number"));
                }
            }
            case LONG -> {
                if (isTimestamp(schema)) {
                    Instant time = value instanceof Instant i ? i : Instant.ofEpochMilli((Long) value);
                    if (!time.isBefore(LATEST_PLAUSIBLE)) {
                        out.add(new FieldViolation(path, "lies in the year " + yearOf(time) + "; times from "
                                + LATEST_PLAUSIBLE + " on are not accepted"));
                    }
                }
            }
            case BYTES -> {
                if (((ByteBuffer) value).remaining() > FieldKind.TEXT.maxLength()) {
                    out.add(new FieldViolation(path, "is longer than " + FieldKind.TEXT.maxLength() + " bytes"));
                }
            }
            default -> {
                // enums, booleans and ints carry no text and no unbounded size; their ranges are domain rules
            }
        }
    }

    private static boolean isTimestamp(Schema schema) {
        LogicalType type = schema.getLogicalType();
        return type instanceof LogicalTypes.TimestampMillis;
    }

    private static long yearOf(Instant time) {
        return time.atZone(java.time.ZoneOffset.UTC).getYear();
    }
}
