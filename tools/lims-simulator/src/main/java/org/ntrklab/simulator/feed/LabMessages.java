package org.ntrklab.simulator.feed;

import java.time.Instant;
import java.util.UUID;
import org.ntrklab.events.AssayRunCompleted;
import org.ntrklab.events.AssayRunEvent;
import org.ntrklab.events.AssayRunFailed;
import org.ntrklab.events.AssayRunStarted;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.CancellationReason;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.events.SpecimenCancelled;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.simulator.lab.RunOutcome;

/** The envelopes the LIMS, the bench, the instruments and the pathologist write, as each system names itself. */
final class LabMessages {

    static final String LIMS = "lims-simulator";
    static final String BENCH = "bench-simulator";
    static final String INSTRUMENT = "instrument-simulator";

    private LabMessages() {
    }

    static SpecimenEvent received(String specimenId, String eventId, SpecimenReceived receipt, Instant at) {
        return SpecimenEvent.newBuilder().setEventId(eventId).setOccurredAt(at).setSpecimenId(specimenId)
                .setSource(LIMS).setPayload(receipt).build();
    }

    static SpecimenEvent cancelled(String specimenId, String orderId, Instant at) {
        return SpecimenEvent.newBuilder().setEventId(newId()).setOccurredAt(at).setSpecimenId(specimenId)
                .setSource(LIMS).setPayload(SpecimenCancelled.newBuilder().setOrderId(orderId)
                        .setReason(CancellationReason.ORDER_WITHDRAWN).build())
                .build();
    }

    static QcMeasurementEvent measured(String accessionId, Object measurement, Instant at, String causationId) {
        return QcMeasurementEvent.newBuilder().setEventId(newId()).setOccurredAt(at).setAccessionId(accessionId)
                .setSource(BENCH).setCausationId(causationId).setPayload(measurement).build();
    }

    static AssayRunEvent started(String accessionId, String orderId, AssayType assay, String runId, Instant at,
            String causationId) {
        return run(accessionId, at, causationId, AssayRunStarted.newBuilder().setOrderId(orderId).setAssay(assay)
                .setRunId(runId).setInstrumentId(instrument(assay)).build());
    }

    /** The end of a run: its result, or why it failed. */
    static AssayRunEvent finished(String accessionId, String orderId, String runId, RunOutcome outcome, Instant at,
            String causationId) {
        Object payload = outcome.failed()
                ? AssayRunFailed.newBuilder().setOrderId(orderId).setAssay(outcome.assay()).setRunId(runId)
                        .setReason(outcome.failure()).setDetail(outcome.failureDetail()).build()
                : AssayRunCompleted.newBuilder().setOrderId(orderId).setAssay(outcome.assay()).setRunId(runId)
                        .setResultDetails(outcome.resultDetails()).build();
        return run(accessionId, at, causationId, payload);
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    private static AssayRunEvent run(String accessionId, Instant at, String causationId, Object payload) {
        return AssayRunEvent.newBuilder().setEventId(newId()).setOccurredAt(at).setAccessionId(accessionId)
                .setSource(INSTRUMENT).setCausationId(causationId).setPayload(payload).build();
    }

    /** Which bench or instrument runs an assay, for the run record. */
    private static String instrument(AssayType assay) {
        return switch (assay) {
            case PAN_TRK_IHC -> "STAINER-1";
            case NTRK_FISH -> "FISH-SCOPE-1";
            case RT_PCR -> "QPCR-1";
            case RNA_NGS, DNA_NGS -> "SEQ-1";
            case CFDNA_NGS -> "SEQ-2";
        };
    }
}
