package org.ntrklab.reflex;

import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.platform.cases.AccessionReadings;
import org.ntrklab.platform.cases.Reading;
import org.ntrklab.platform.events.RecordKeys;
import org.ntrklab.reflex.plan.ReflexInput;
import org.ntrklab.reflex.plan.ReflexOutput;

/**
 * Reads reflex's input records into the desk's inputs. All three topics are written by our services keyed
 * by accession: a record keyed otherwise is dead-lettered.
 */
final class ReflexInputs {

    private ReflexInputs() {
    }

    /** Accessions and cancellations, at the accession event's own time. */
    static Reading<ReflexInput, ReflexOutput> accession(String key, AccessionEvent event, long timestamp) {
        return AccessionReadings.read(key, event, ReflexInput.Accessioned::new, ReflexInput.Cancelled::new);
    }

    static Reading<ReflexInput, ReflexOutput> qcDecision(String key, QcDecisionEvent event, long timestamp) {
        String accessionId = RecordKeys.requireAccession(key, event.getAccessionId(), "ntrk.qc-decisions");
        String type = event.getPayload().getClass().getSimpleName();
        if (event.getPayload() instanceof QcDecided decided) {
            return Reading.forCase(accessionId, new ReflexInput.QcDecided(event.getEventId(), event.getOccurredAt(),
                    decided), type, timestamp);
        }
        return Reading.ignored(type, "ignored");
    }

    static Reading<ReflexInput, ReflexOutput> assayStatus(String key, AssayStatusEvent event, long timestamp) {
        String accessionId = RecordKeys.requireAccession(key, event.getAccessionId(), "ntrk.assay-status");
        Object payload = event.getPayload();
        String type = payload.getClass().getSimpleName();
        if (payload instanceof AssayResulted resulted) {
            return Reading.forCase(accessionId, new ReflexInput.Resulted(event.getEventId(), event.getOccurredAt(),
                    resulted), type, timestamp);
        }
        if (payload instanceof AssayStatusChanged changed) {
            return Reading.forCase(accessionId, new ReflexInput.StatusChanged(event.getEventId(),
                    event.getOccurredAt(), changed), type, timestamp);
        }
        return Reading.ignored(type, "ignored");
    }
}
