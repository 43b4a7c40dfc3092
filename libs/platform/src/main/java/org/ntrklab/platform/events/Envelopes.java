package org.ntrklab.platform.events;

import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The record of an event on one of the lifecycle topics, whose envelopes all share the same fields
 * ({@code eventId, occurredAt, accessionId, source, causationId, payload}): keyed by the accession, at the
 * event's time as the record timestamp (the input's timestamp when the event time cannot be one).
 */
public final class Envelopes {

    private Envelopes() {
    }

    @SuppressWarnings("unchecked")
    public static <V extends SpecificRecord> Record<String, V> record(Class<V> envelope, String accessionId,
            String eventId, Instant occurredAt, String source, String causationId, Object payload,
            long inputTimestamp) {
        Schema schema = SpecificData.get().getSchema(envelope);
        // What the generated builder would check, checked before the event is counted writable.
        if (eventId == null || occurredAt == null || source == null || accessionId == null) {
            throw new IllegalArgumentException(schema.getName() + " needs an event id, a time, a source and an accession");
        }
        if (!(payload instanceof SpecificRecord p)
                || schema.getField("payload").schema().getIndexNamed(p.getSchema().getFullName()) == null) {
            throw new IllegalArgumentException(schema.getName() + " cannot carry "
                    + (payload == null ? "no payload" : payload.getClass().getSimpleName()));
        }
        V event = (V) SpecificData.get().newRecord(null, schema);
        event.put(schema.getField("eventId").pos(), eventId);
        event.put(schema.getField("occurredAt").pos(), occurredAt);
        event.put(schema.getField("accessionId").pos(), accessionId);
        event.put(schema.getField("source").pos(), source);
        event.put(schema.getField("causationId").pos(), causationId);
        event.put(schema.getField("payload").pos(), payload);
        return new Record<>(accessionId, event, EventTimes.recordTimestamp(occurredAt, inputTimestamp));
    }
}
