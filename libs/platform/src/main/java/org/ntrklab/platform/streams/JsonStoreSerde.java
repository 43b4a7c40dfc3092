package org.ntrklab.platform.streams;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.ntrklab.platform.limits.EncodedSize;
import org.ntrklab.platform.serde.OversizedRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serde for a service's own state-store values (Java records) as JSON. State stores and their changelog
 * topics are private to one service, so they carry no registry schema; JSON keeps them readable when a
 * newer version of the service adds a field: unknown fields are ignored, and missing ones arrive as Java's
 * defaults (null, 0, false), which a record's compact constructor must turn into a safe value.
 */
public final class JsonStoreSerde<T> implements Serde<T> {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Class<T> type;

    public JsonStoreSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            byte[] bytes;
            try {
                bytes = MAPPER.writeValueAsBytes(value);
            } catch (JacksonException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + " state: " + e.getOriginalMessage(), e);
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
            try {
                return MAPPER.readValue(bytes, type);
            } catch (JacksonException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " state: " + e.getOriginalMessage(), e);
            }
        };
    }
}
