package org.ntrklab.sampleqc.evaluation;

import java.time.Instant;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.events.SpecimenAccessioned;

/** What the QC desk decides on, read from ntrk.accessions and the bench's measurements. */
public sealed interface QcInput {

    /** The specimen was accessioned: its facts decide which assays it can be checked for. */
    record Accessioned(String eventId, Instant occurredAt, SpecimenAccessioned accession) implements QcInput {
    }

    /** The accession was cancelled: measurements still waiting for it are refused. */
    record Cancelled() implements QcInput {
    }

    /** A measurement filed under its accession (its key and fields have been checked). */
    record Measured(QcMeasurementEvent event) implements QcInput {
    }
}
