package org.ntrklab.platform.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.ntrklab.platform.events.OutsideText;
import org.ntrklab.platform.limits.FieldLimits;
import org.ntrklab.platform.limits.FieldViolation;
import org.ntrklab.platform.serde.UnreadableRecord.Reason;
import org.ntrklab.platform.topics.TopicSpec;

/**
 * Reads a topic's records as its envelope type, and nothing else. Before decoding, it checks that the
 * record is framed as the registry frames it and that its schema id is a version of the topic's own subject
 * (a record of another topic's schema is refused as such, not decoded into the wrong type); after decoding,
 * that nothing is left over, that the result is the topic's envelope, and that its fields keep their limits
 * ({@link FieldLimits}: on topics written from outside only the envelope's identifying fields, the payload
 * being the intake rules' business; on the services' own topics every field). Any refusal is an
 * {@link UnreadableRecord} with a coded reason, which Kafka Streams hands to the dead-letter handler. The
 * registry being unavailable is not the record's fault: that is a {@link RegistryUnavailableException}, and
 * the record is retried.
 *
 * <p>Internal topics (Kafka Streams repartition topics) are read with the same deserializer: their records
 * were written by the service itself, under the internal topic's own subject, so only the subject check is
 * left out there.
 */
public final class EnvelopeDeserializer<V extends SpecificRecord> implements Deserializer<V> {

    private static final byte MAGIC = 0;
    private static final int HEADER_BYTES = 5;
    /** Readers are cached per writer schema id; a topic has few versions. */
    private static final int MAX_READERS = 256;
    private static final int MAX_REPORTED_VIOLATIONS = 5;

    private final TopicSpec<V> topic;
    private final SchemaDirectory directory;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<V>> readers = new ConcurrentHashMap<>();

    public EnvelopeDeserializer(TopicSpec<V> topic, SchemaDirectory directory) {
        AvroReadLimits.apply();
        this.topic = topic;
        this.directory = directory;
        this.readerSchema = SpecificData.get().getSchema(topic.valueType());
    }

    @Override
    public V deserialize(String sourceTopic, byte[] data) {
        return deserialize(sourceTopic, null, data);
    }

    @Override
    public V deserialize(String sourceTopic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return deserialize(sourceTopic, headers, (byte[]) null);
        }
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return deserialize(sourceTopic, headers, bytes);
    }

    @Override
    public V deserialize(String sourceTopic, Headers headers, byte[] data) {
        if (data == null) {
            if (topic.fromOutside()) {
                // answered with a rejection event naming the record's key, where the sender looks for answers
                return null;
            }
            throw new UnreadableRecord(Reason.TOMBSTONE, "a record without a value on " + topic.name()
                    + ", which only carries events");
        }
        if (data.length == 0) {
            throw new UnreadableRecord(Reason.EMPTY_VALUE, "the value has no bytes");
        }
        if (data.length < HEADER_BYTES || data[0] != MAGIC) {
            throw new UnreadableRecord(Reason.NOT_REGISTRY_FRAMED, "the value (" + data.length
                    + " bytes) does not start with the registry framing: magic byte 0 and a 4-byte schema id");
        }
        int schemaId = ByteBuffer.wrap(data, 1, 4).getInt();
        Schema writer;
        try {
            if (topic.name().equals(sourceTopic) && !directory.isVersionOf(schemaId, topic.valueSubject())) {
                throw new UnreadableRecord(Reason.FOREIGN_SCHEMA, "schema id " + schemaId + " is not a version of "
                        + topic.valueSubject() + describeSubjects(directory.knownSubjects(schemaId)));
            }
            writer = directory.writerSchema(schemaId);
        } catch (SchemaDirectory.UnknownSchemaId e) {
            throw new UnreadableRecord(Reason.UNKNOWN_SCHEMA_ID, e.getMessage());
        }
        if (writer.getType() != Schema.Type.RECORD || !writer.getFullName().equals(readerSchema.getFullName())) {
            throw new UnreadableRecord(Reason.WRONG_ENVELOPE, "schema id " + schemaId + " describes "
                    + OutsideText.quote(writer.getFullName()) + ", not the topic's envelope " + readerSchema.getFullName());
        }
        V value = decode(schemaId, writer, data);
        List<FieldViolation> violations = topic.fromOutside() ? FieldLimits.checkIdentity(value) : FieldLimits.check(value);
        if (!violations.isEmpty()) {
            throw new UnreadableRecord(Reason.FIELD_LIMITS, violations.stream().limit(MAX_REPORTED_VIOLATIONS)
                    .map(FieldViolation::detail).collect(Collectors.joining("; ")));
        }
        return value;
    }

    private V decode(int schemaId, Schema writer, byte[] data) {
        SpecificDatumReader<V> reader = readers.get(schemaId);
        if (reader == null) {
            reader = new SpecificDatumReader<>(writer, readerSchema);
            if (readers.size() < MAX_READERS) {
                readers.put(schemaId, reader);
            }
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, HEADER_BYTES, data.length - HEADER_BYTES, null);
        V value;
        try {
            value = reader.read(null, decoder);
        } catch (EOFException e) {
            throw new UnreadableRecord(Reason.TRUNCATED, "the value ends before the record does", e);
        } catch (IOException | RuntimeException e) {
            // Invalid lengths, union branches or enum indexes, lengths over Avro's read limits, broken UTF-8:
            // the bytes are the record's fault. Avro's messages name schema parts, never record content.
            throw new UnreadableRecord(Reason.MALFORMED_AVRO, "the value is not valid Avro for schema id " + schemaId
                    + " (" + e.getClass().getSimpleName() + ")", e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new UnreadableRecord(Reason.TRAILING_BYTES, "bytes follow the end of a complete record");
            }
        } catch (IOException e) {
            throw new UnreadableRecord(Reason.MALFORMED_AVRO, "the value could not be read to its end", e);
        }
        if (!topic.valueType().isInstance(value)) {
            throw new UnreadableRecord(Reason.WRONG_ENVELOPE, "decoded a " + value.getClass().getSimpleName()
                    + ", not a " + topic.valueType().getSimpleName());
        }
        return value;
    }

    private static String describeSubjects(Set<String> subjects) {
        if (subjects.isEmpty()) {
            return "";
        }
        return " (it is a version of " + subjects.stream().limit(3).map(OutsideText::quote)
                .collect(Collectors.joining(", ")) + (subjects.size() > 3 ? ", ..." : "") + ")";
    }
}
