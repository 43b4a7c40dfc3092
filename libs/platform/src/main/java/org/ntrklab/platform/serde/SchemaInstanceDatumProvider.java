package org.ntrklab.platform.serde;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;

/**
 * Apicurio's datum provider with its writers and readers cached by schema instance. The default provider
 * keys its caches by the schema's parsing fingerprint, which it recomputes, from the schema's canonical
 * text, for every record; for our envelopes (every event type of a topic in one union) that was the largest
 * single cost of a service's CPU time under load. A generated class's schema and a schema the registry
 * client has cached are the same instance on every call, so the instance is a safe key; anything else
 * still goes through the default provider.
 */
public class SchemaInstanceDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    /** Envelopes are few; the bound only guards against a caller that builds a new schema per record. */
    private static final int MAX_CACHED = 512;

    private final Map<WriterKey, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final Map<SchemaKey, DatumReader<T>> readers = new ConcurrentHashMap<>();

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        WriterKey key = new WriterKey(schema, data == null ? null : data.getClass());
        DatumWriter<T> writer = writers.get(key);
        if (writer == null) {
            writer = super.createDatumWriter(data, schema);
            if (writers.size() < MAX_CACHED) {
                writers.put(key, writer);
            }
        }
        return writer;
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        SchemaKey key = new SchemaKey(schema);
        DatumReader<T> reader = readers.get(key);
        if (reader == null) {
            reader = super.createDatumReader(schema);
            if (readers.size() < MAX_CACHED) {
                readers.put(key, reader);
            }
        }
        return reader;
    }

    /** A schema compared by identity: equal schemas built separately are different keys. */
    private record SchemaKey(Schema schema) {

        @Override
        public boolean equals(Object o) {
            return o instanceof SchemaKey k && k.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }

    /** A writer depends on the schema and on the kind of record written (specific or generic). */
    private record WriterKey(Schema schema, Class<?> type) {

        @Override
        public boolean equals(Object o) {
            return o instanceof WriterKey k && k.schema == schema && k.type == type;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(schema) + System.identityHashCode(type);
        }
    }
}
