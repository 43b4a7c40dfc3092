package org.ntrklab.platform.cases;

import java.time.Instant;
import java.util.function.Supplier;
import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.platform.events.RecordKeys;

/**
 * Reads ntrk.accessions the way every service downstream of accessioning does: a rejection, or a
 * cancellation before receipt, has no accession and is nothing to follow ("not_accessioned"); a record
 * keyed by another accession than its own is dead-lettered; an accession or a cancellation is an input
 * for the accession's case at the accession event's own time.
 */
public final class AccessionReadings {

    /** Builds the service's input for an accessioned specimen. */
    @FunctionalInterface
    public interface Accessioned<I> {
        I of(String eventId, Instant occurredAt, SpecimenAccessioned accession);
    }

    private AccessionReadings() {
    }

    /**
     * @param accessioned the input for an accession, or null for a service that follows cancellations only
     * @param cancelled the input for a cancellation
     */
    public static <I, O> Reading<I, O> read(String key, AccessionEvent event, Accessioned<I> accessioned,
            Supplier<I> cancelled) {
        String type = event.getPayload().getClass().getSimpleName();
        String accessionId = event.getAccessionId();
        if (accessionId == null) {
            return Reading.ignored(type, "not_accessioned");
        }
        RecordKeys.requireAccession(key, accessionId, "ntrk.accessions");
        long at = event.getOccurredAt().toEpochMilli();
        if (event.getPayload() instanceof SpecimenAccessioned a && accessioned != null) {
            return Reading.forCase(accessionId, accessioned.of(event.getEventId(), event.getOccurredAt(), a), type, at);
        }
        if (event.getPayload() instanceof AccessionCancelled) {
            return Reading.forCase(accessionId, cancelled.get(), type, at);
        }
        return Reading.ignored(type, "ignored");
    }
}
