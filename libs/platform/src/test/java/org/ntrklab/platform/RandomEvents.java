package org.ntrklab.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;

/**
 * Random but schema-valid events, so that every payload type of every topic is exercised without a
 * hand-written sample that would drift from the schemas.
 */
final class RandomEvents {

    private RandomEvents() {
    }

    /** A random envelope of {@code envelopeSchema} whose payload is a random record of {@code payloadSchema}. */
    static <V extends SpecificRecord> V envelopeWith(Schema envelopeSchema, Schema payloadSchema, long seed) {
        GenericData.Record envelope = (GenericData.Record) first(envelopeSchema, seed);
        envelope.put("payload", first(payloadSchema, seed + 1));
        envelope.put("eventId", java.util.UUID.nameUUIDFromBytes(Long.toString(seed).getBytes()).toString());
        return toSpecific(envelopeSchema, envelope);
    }

    private static Object first(Schema schema, long seed) {
        Iterator<Object> it = new RandomData(schema, 1, seed).iterator();
        return plausibleTimes(it.next(), schema);
    }

    /**
     * Random longs are times anywhere in 292 million years; every event keeps its times before 2200
     * (FieldLimits), so timestamps are folded into 2000-2100, deterministically.
     */
    private static Object plausibleTimes(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        switch (schema.getType()) {
            case RECORD -> {
                GenericData.Record record = (GenericData.Record) value;
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), plausibleTimes(record.get(field.pos()), field.schema()));
                }
                return record;
            }
            case UNION -> {
                return plausibleTimes(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
            }
            case ARRAY -> {
                @SuppressWarnings("unchecked")
                java.util.List<Object> items = (java.util.List<Object>) value;
                items.replaceAll(item -> plausibleTimes(item, schema.getElementType()));
                return items;
            }
            case LONG -> {
                if (schema.getLogicalType() instanceof org.apache.avro.LogicalTypes.TimestampMillis) {
                    return EPOCH_2000 + Math.floorMod((Long) value, CENTURY_MILLIS);
                }
                return value;
            }
            default -> {
                return value;
            }
        }
    }

    private static final long EPOCH_2000 = 946_684_800_000L;
    private static final long CENTURY_MILLIS = 100L * 365 * 24 * 3600 * 1000;

    @SuppressWarnings("unchecked")
    private static <V> V toSpecific(Schema schema, GenericData.Record generic) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericData.Record>(schema).write(generic, encoder);
            encoder.flush();
            return (V) new SpecificDatumReader<>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
