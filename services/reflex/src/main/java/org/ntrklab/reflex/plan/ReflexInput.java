package org.ntrklab.reflex.plan;

import java.time.Instant;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.SpecimenAccessioned;

/**
 * What the reflex desk decides on, read from ntrk.accessions, ntrk.qc-decisions and ntrk.assay-status
 * (each keyed by its accession number, which has been checked).
 */
public sealed interface ReflexInput {

    /** The specimen was accessioned: its facts give the initial plan. */
    record Accessioned(String eventId, Instant occurredAt, SpecimenAccessioned accession) implements ReflexInput {
    }

    /** The accession was cancelled: pending intents are dropped. */
    record Cancelled() implements ReflexInput {
    }

    /** Sample-qc decided an assay's QC: intents waiting for it can be placed. */
    record QcDecided(String eventId, Instant occurredAt, org.ntrklab.events.QcDecided decision)
            implements ReflexInput {
    }

    /** An order was resulted: its interpretation may trigger a reflex. */
    record Resulted(String eventId, Instant occurredAt, AssayResulted result) implements ReflexInput {
    }

    /** An order changed state: a run failure, a cancellation or a QC block may trigger a reflex. */
    record StatusChanged(String eventId, Instant occurredAt, AssayStatusChanged status) implements ReflexInput {
    }
}
