package org.ntrklab.platform.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that is not a readable event of its topic, with the coded reason. Thrown by the deserializer,
 * so the record goes to its topic's dead-letter topic with the reason in a header and the service moves on.
 */
public class UnreadableRecord extends SerializationException {

    /** Why a record cannot be read as an event of its topic. Values appear in the {@code ntrk.dlt.reason} header. */
    public enum Reason {
        /** A record without a value on a topic where every record must carry an event. */
        TOMBSTONE,
        /** A value of zero bytes. */
        EMPTY_VALUE,
        /** The value does not start with the registry framing (magic byte 0 and a 4-byte schema id). */
        NOT_REGISTRY_FRAMED,
        /** The registry has no schema with the record's schema id. */
        UNKNOWN_SCHEMA_ID,
        /** The schema id is a version of another subject than the topic's own: a record of another topic. */
        FOREIGN_SCHEMA,
        /** The writer schema is not a version of the topic's envelope, or decodes to another type. */
        WRONG_ENVELOPE,
        /** The value ends before the record does. */
        TRUNCATED,
        /** The bytes cannot be decoded with the writer schema (invalid lengths, union branches, enum symbols). */
        MALFORMED_AVRO,
        /** Bytes follow the end of a complete record. */
        TRAILING_BYTES,
        /** A field breaks its documented limits (length, characters, list size, finite numbers, plausible times). */
        FIELD_LIMITS
    }

    private final Reason reason;

    public UnreadableRecord(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public UnreadableRecord(Reason reason, String detail, Throwable cause) {
        super(reason + ": " + detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
