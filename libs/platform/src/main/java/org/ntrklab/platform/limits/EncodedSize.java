package org.ntrklab.platform.limits;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * An upper bound of a record's size in Avro binary encoding, computed without encoding it: services check
 * an output against the broker's record size limit before they write anything, so that an output that
 * could never be written is refused with its input instead of failing the transaction it is part of.
 */
public final class EncodedSize {

    /**
     * Largest record value the services write: below the broker's default {@code message.max.bytes}
     * (1,048,588) and the producer's {@code max.request.size} (1,048,576), with room for the key, headers
     * and batch overhead.
     */
    public static final int MAX_RECORD_BYTES = 1_000_000;

    /** A varint of a long takes at most 10 bytes; lengths, counts and union branches are varints. */
    private static final long VARINT = 10;

    private EncodedSize() {
    }

    /** At least as many bytes as the record's binary encoding takes (exact for pure ASCII text). */
    public static long atMost(IndexedRecord record) {
        long size = 0;
        for (Schema.Field field : record.getSchema().getFields()) {
            size += of(record.get(field.pos()), field.schema());
        }
        return size;
    }

    private static long of(Object value, Schema schema) {
        return switch (schema.getType()) {
            case NULL -> 0;
            case BOOLEAN -> 1;
            case INT, LONG, ENUM -> VARINT;
            case FLOAT -> 4;
            case DOUBLE -> 8;
            case FIXED -> ((GenericFixed) value).bytes().length;
            case BYTES -> VARINT + ((ByteBuffer) value).remaining();
            case STRING -> VARINT + utf8Length((CharSequence) value);
            case UNION -> VARINT + (value == null ? 0
                    : of(value, schema.getTypes().get(SpecificData.get().resolveUnion(schema, value))));
            case RECORD -> atMost((IndexedRecord) value);
            case ARRAY -> {
                long size = 2 * VARINT;
                for (Object item : (Collection<?>) value) {
                    size += of(item, schema.getElementType());
                }
                yield size;
            }
            case MAP -> {
                long size = 2 * VARINT;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    size += VARINT + utf8Length(e.getKey().toString()) + of(e.getValue(), schema.getValueType());
                }
                yield size;
            }
        };
    }

    private static long utf8Length(CharSequence s) {
        long bytes = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return bytes;
    }
}
