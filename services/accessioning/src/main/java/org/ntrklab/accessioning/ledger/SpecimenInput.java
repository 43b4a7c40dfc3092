package org.ntrklab.accessioning.ledger;

import java.time.Instant;
import org.ntrklab.events.SpecimenCancelled;
import org.ntrklab.events.SpecimenReceived;

/** A LIMS event filed under its specimen id, as the accession desk decides on it. */
public sealed interface SpecimenInput {

    String eventId();

    Instant occurredAt();

    record Received(String eventId, Instant occurredAt, SpecimenReceived receipt) implements SpecimenInput {
    }

    record Cancelled(String eventId, Instant occurredAt, SpecimenCancelled cancellation) implements SpecimenInput {
    }
}
