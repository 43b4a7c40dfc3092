package org.ntrklab.platform.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.ntrklab.platform.limits.EncodedSize;
import org.ntrklab.platform.serde.OversizedRecord;
import org.ntrklab.schemas.StateSchemas;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serde of a state record (a Java record) as Avro, in the schema kept for it in the schemas module
 * ({@code schemas/src/main/state/<Name>.avsc}). Each value carries its schema's fingerprint (Avro's
 * single-object encoding), so a value written under any released schema is read into today's record;
 * the schema is released and checked for compatibility with the event schemas, so a change that would
 * reset stored data (a renamed or removed field) fails the build.
 *
 * <p>The record class must match its declared schema exactly: a mismatch fails when the topology is built,
 * with the schema the class would need, so that a renamed component cannot silently write a new format.
 *
 * <p>State written as JSON by earlier versions of the services is still read (once: the next write of the
 * same case is Avro).
 */
public final class AvroStateSerde<T extends Record> implements Serde<T> {

    private static final JsonMapper LEGACY_JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    /** Avro's single-object encoding starts with these two bytes. */
    private static final byte MARKER_0 = (byte) 0xC3;

    private final Class<T> type;
    private final Schema schema;
    private final BinaryMessageEncoder<GenericRecord> encoder;
    private final BinaryMessageDecoder<GenericRecord> decoder;

    private AvroStateSerde(Class<T> type, Schema schema, Iterable<Schema> released) {
        this.type = type;
        this.schema = schema;
        SpecificData model = new SpecificData();
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        encoder = new BinaryMessageEncoder<>(model, schema);
        decoder = new BinaryMessageDecoder<>(model, schema);
        for (Schema old : released) {
            decoder.addSchema(old);
        }
    }

    /** The serde of {@code type}, whose schema is declared as {@code <simple name>.avsc} in the schemas module. */
    public static <T extends Record> AvroStateSerde<T> of(Class<T> type) {
        String name = StateSchemaOf.nameOf(type);
        Schema declared = StateSchemas.current(name);
        Schema derived = StateSchemaOf.of(type);
        if (!declared.equals(derived)) {
            throw new IllegalStateException("state class " + type.getName() + " does not match its declared schema "
                    + "schemas/src/main/state/" + name + ".avsc; a field renamed or removed resets stored data and "
                    + "fails the schema evolution check. The class needs:\n" + derived.toString(true));
        }
        return new AvroStateSerde<>(type, declared, StateSchemas.released(name));
    }

    /** The schema values are written in. */
    public Schema schema() {
        return schema;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            byte[] bytes;
            try {
                ByteBuffer buffer = encoder.encode(StateRecords.toAvro(value, schema));
                bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + " state: " + e.getMessage(), e);
            }
            // The store's changelog topic takes no larger record; refused here, the input that would have
            // grown the state so far is dead-lettered and the state stays as it was.
            if (bytes.length > EncodedSize.MAX_RECORD_BYTES) {
                throw new OversizedRecord(type.getSimpleName() + " state of " + bytes.length
                        + " bytes would exceed the limit of " + EncodedSize.MAX_RECORD_BYTES);
            }
            return bytes;
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] != MARKER_0) {
                return legacyJson(bytes);
            }
            try {
                return StateRecords.fromAvro(decoder.decode(bytes), type);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " state: " + e.getMessage(), e);
            }
        };
    }

    private T legacyJson(byte[] bytes) {
        try {
            return LEGACY_JSON.readValue(bytes, type);
        } catch (JacksonException e) {
            throw new SerializationException("cannot read " + type.getSimpleName() + " state: " + e.getOriginalMessage(), e);
        }
    }
}
