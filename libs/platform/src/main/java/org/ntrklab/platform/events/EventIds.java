package org.ntrklab.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids of derived events. An id is a name-based UUID of the event that caused it and what was
 * derived, so reprocessing or replaying the same input gives the same ids and consumers can deduplicate
 * on {@code eventId}.
 */
public final class EventIds {

    private EventIds() {
    }

    /**
     * @param causationId eventId of the input event
     * @param derivation what this service derived from it, e.g. "accessioned" or "qc:RNA_NGS"
     */
    public static String derived(String causationId, String derivation) {
        return UUID.nameUUIDFromBytes((causationId + "|" + derivation).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * A stand-in causation id for a record that has no value, hence no eventId: its key and timestamp,
     * so that redelivery of the same record gives the same derived ids.
     */
    public static String ofRecordWithoutValue(String key, long recordTimestamp) {
        return derived(key + "@" + recordTimestamp, "empty");
    }
}
