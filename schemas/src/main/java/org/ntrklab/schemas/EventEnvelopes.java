package org.ntrklab.schemas;

import java.util.List;
import org.apache.avro.Schema;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayRunEvent;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.events.ReportCommandEvent;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.events.TurnaroundEvent;

/**
 * The envelope schema of every topic. Each topic carries exactly one of these; the payload union inside
 * it lists the event types of that topic. The topic names themselves live in the platform's topic
 * catalogue, which refers to these classes.
 */
public final class EventEnvelopes {

    public static final List<Schema> ALL = List.of(
            SpecimenEvent.getClassSchema(),
            QcMeasurementEvent.getClassSchema(),
            AssayRunEvent.getClassSchema(),
            ReportCommandEvent.getClassSchema(),
            AccessionEvent.getClassSchema(),
            QcDecisionEvent.getClassSchema(),
            AssayOrderEvent.getClassSchema(),
            AssayStatusEvent.getClassSchema(),
            ReportEvent.getClassSchema(),
            TurnaroundEvent.getClassSchema());

    private EventEnvelopes() {
    }

    /** The payload branches of an envelope, in union order. */
    public static List<Schema> payloadTypes(Schema envelope) {
        return envelope.getField("payload").schema().getTypes();
    }
}
