package org.ntrklab.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.Analyte;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.CancellationReason;
import org.ntrklab.events.ClinicalSuspicion;
import org.ntrklab.events.Decalcification;
import org.ntrklab.events.Fixative;
import org.ntrklab.events.NucleicAcidExtracted;
import org.ntrklab.events.Priority;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.SpecimenCancelled;
import org.ntrklab.events.SpecimenDescription;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.events.SpecimenType;
import org.ntrklab.events.TumorContentAssessed;
import org.ntrklab.events.TumourType;
import org.ntrklab.events.WorkRequest;
import org.ntrklab.events.WorkRequestType;

/**
 * Test events as a LIMS and a bench would send them, valid by default: a test changes only the fields
 * it is about. Patient references are synthetic pseudonyms.
 */
public final class LabEvents {

    /** Lab receipt of the default specimen. */
    public static final Instant RECEIVED_AT = Instant.parse("2026-03-02T08:00:00Z");
    /** The LIMS reports a receipt an hour after the specimen arrived. */
    public static final Duration REPORTING_DELAY = Duration.ofHours(1);

    private LabEvents() {
    }

    /** An FFPE block of a lung adenocarcinoma from an adult, fixed in formalin, not decalcified, for an NTRK work-up. */
    public static SpecimenReceived.Builder ffpeWorkUp() {
        return SpecimenReceived.newBuilder()
                .setOrderId("ORD-" + shortId())
                .setPatientRef("PSN-" + shortId())
                .setAgeYears(64)
                .setOrderingFacility("Synthetic General Hospital")
                .setTumourType(TumourType.newBuilder().setOncoTreeCode("LUAD").setText("Lung Adenocarcinoma").build())
                .setSpecimen(SpecimenDescription.newBuilder()
                        .setSpecimenType(SpecimenType.FFPE_BLOCK)
                        .setCollectedAt(RECEIVED_AT.minus(Duration.ofDays(5)))
                        .setReceivedAt(RECEIVED_AT)
                        .setFixative(Fixative.NEUTRAL_BUFFERED_FORMALIN)
                        .setFixationHours(24.0)
                        .setDecalcification(Decalcification.NONE)
                        .setBloodTubeType(null)
                        .build())
                .setWorkRequest(WorkRequest.newBuilder().setType(WorkRequestType.NTRK_FUSION_WORKUP).setAssays(List.of()).build())
                .setPriority(Priority.ROUTINE)
                .setClinicalSuspicion(ClinicalSuspicion.STANDARD)
                .setPriorOutsideResults(List.of())
                .setLabellingFlags(List.of());
    }

    /** Plasma in a blood tube, collected two days before receipt, for an NTRK work-up. */
    public static SpecimenReceived.Builder plasmaWorkUp(BloodTubeType tube) {
        return specimen(ffpeWorkUp(), s -> s.setSpecimenType(SpecimenType.PLASMA_CFDNA_TUBE)
                .setCollectedAt(RECEIVED_AT.minus(Duration.ofDays(2)))
                .setFixative(Fixative.NONE).setFixationHours(null).setDecalcification(Decalcification.NONE)
                .setBloodTubeType(tube));
    }

    /** Changes the specimen description of a receipt. */
    public static SpecimenReceived.Builder specimen(SpecimenReceived.Builder received,
            UnaryOperator<SpecimenDescription.Builder> change) {
        return received.setSpecimen(change.apply(SpecimenDescription.newBuilder(received.getSpecimen())).build());
    }

    public static SpecimenEvent received(String specimenId, SpecimenReceived received) {
        return received(specimenId, UUID.randomUUID().toString(), received);
    }

    public static SpecimenEvent received(String specimenId, String eventId, SpecimenReceived received) {
        return SpecimenEvent.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(received.getSpecimen().getReceivedAt().plus(REPORTING_DELAY))
                .setSpecimenId(specimenId)
                .setSource("test-lims")
                .setPayload(received)
                .build();
    }

    public static SpecimenEvent cancelled(String specimenId, String orderId, CancellationReason reason) {
        return SpecimenEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(RECEIVED_AT.plus(Duration.ofHours(3)))
                .setSpecimenId(specimenId)
                .setSource("test-lims")
                .setPayload(SpecimenCancelled.newBuilder().setOrderId(orderId).setReason(reason).build())
                .build();
    }

    /** The accession event accessioning writes for a valid receipt. */
    public static AccessionEvent accessioned(String accessionId, String specimenId, SpecimenReceived r) {
        SpecimenAccessioned payload = SpecimenAccessioned.newBuilder()
                .setSpecimenId(specimenId).setOrderId(r.getOrderId()).setPatientRef(r.getPatientRef())
                .setAgeYears(r.getAgeYears()).setOrderingFacility(r.getOrderingFacility())
                .setTumourType(r.getTumourType()).setSpecimen(r.getSpecimen()).setWorkRequest(r.getWorkRequest())
                .setPriority(r.getPriority()).setClinicalSuspicion(r.getClinicalSuspicion())
                .setPriorOutsideResults(r.getPriorOutsideResults())
                .build();
        return accessionEvent(accessionId, specimenId, r.getSpecimen().getReceivedAt().plus(REPORTING_DELAY), payload);
    }

    public static AccessionEvent accessionCancelled(String accessionId, String specimenId, String orderId) {
        return accessionEvent(accessionId, specimenId, RECEIVED_AT.plus(Duration.ofHours(3)), AccessionCancelled
                .newBuilder().setSpecimenId(specimenId).setOrderId(orderId)
                .setReason(CancellationReason.ORDER_WITHDRAWN).build());
    }

    private static AccessionEvent accessionEvent(String accessionId, String specimenId, Instant at, Object payload) {
        return AccessionEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(at)
                .setAccessionId(accessionId)
                .setSpecimenId(specimenId)
                .setSource("accessioning")
                .setPayload(payload)
                .build();
    }

    public static QcMeasurementEvent tumourContent(String accessionId, boolean cellsPresent, Double percent, Instant at) {
        return measurement(accessionId, at, TumorContentAssessed.newBuilder().setTumourCellsPresent(cellsPresent)
                .setTumourNucleiPercent(percent).setBlockId("A1").build());
    }

    public static QcMeasurementEvent extraction(String accessionId, Analyte analyte, double yieldNg, Double dv200,
            Double deltaCt, Instant at) {
        return measurement(accessionId, at, NucleicAcidExtracted.newBuilder().setAnalyte(analyte)
                .setExtractionId("EX-" + shortId()).setYieldNg(yieldNg).setDv200Percent(dv200).setFfpeDeltaCt(deltaCt)
                .build());
    }

    private static QcMeasurementEvent measurement(String accessionId, Instant at, Object payload) {
        return QcMeasurementEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(at)
                .setAccessionId(accessionId)
                .setSource("test-bench")
                .setPayload(payload)
                .build();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
