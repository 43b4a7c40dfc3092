package org.ntrklab.reflex.plan;

import java.time.Instant;
import java.util.List;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.ClinicalSuspicion;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.RunFailureReason;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.events.TumourType;
import org.ntrklab.events.WorkRequest;
import org.ntrklab.events.WorkRequestType;
import org.ntrklab.platform.cases.CaseContext;
import org.ntrklab.reflex.rules.ReflexRuleTableLoader;
import org.ntrklab.testkit.LabEvents;

/** Accessions, QC verdicts and results for reflex desk tests, built on the testkit's valid defaults. */
final class Cases {

    static final Instant AT = LabEvents.RECEIVED_AT.plusSeconds(3600);
    static final String ACC = "NT26-01-000001";

    private Cases() {
    }

    static ReflexDesk desk() {
        return new ReflexDesk(new ReflexPolicy(ReflexRuleTableLoader.defaults()), java.time.Duration.ofDays(30));
    }

    /** The case runtime's context at wall-clock time {@code now}: reflex uses no sequence. */
    static CaseContext at(long now) {
        return CaseContext.at(now);
    }

    /** An adult FFPE work-up of the given OncoTree code with standard suspicion. */
    static SpecimenReceived.Builder tissue(String oncoTreeCode) {
        return LabEvents.ffpeWorkUp().setTumourType(TumourType.newBuilder().setOncoTreeCode(oncoTreeCode)
                .setText("tumour " + oncoTreeCode).build());
    }

    static SpecimenAccessioned accessioned(SpecimenReceived.Builder received) {
        return (SpecimenAccessioned) LabEvents.accessioned(ACC, "SP-1", received.build()).getPayload();
    }

    static SpecimenReceived.Builder highSuspicion(SpecimenReceived.Builder b) {
        return b.setClinicalSuspicion(ClinicalSuspicion.HIGH);
    }

    static SpecimenReceived.Builder explicit(SpecimenReceived.Builder b, AssayType... assays) {
        return b.setWorkRequest(WorkRequest.newBuilder().setType(WorkRequestType.EXPLICIT_ASSAYS)
                .setAssays(List.of(assays)).build());
    }

    static QcDecided qc(AssayType assay, QcVerdict verdict) {
        return QcDecided.newBuilder().setAssay(assay).setVerdict(verdict).setFindings(List.of())
                .setRuleSetVersion("test").build();
    }

    static AssayResulted result(String orderId, AssayType assay, AssayInterpretation interpretation) {
        // Reflex acts on the normalised interpretation; the details only need to be a valid record.
        IhcResult details = IhcResult.newBuilder().setClone("EPR17341").setPercentPositiveTumourCells(0)
                .setIntensity(0).setInternalControlOk(true).setCall(IhcCall.NEGATIVE).build();
        return AssayResulted.newBuilder().setOrderId(orderId).setAssay(assay).setRunId("RUN-" + orderId)
                .setInterpretation(interpretation).setResultDetails(details).build();
    }

    static AssayStatusChanged runFailed(String orderId, AssayType assay, RunFailureReason reason) {
        return AssayStatusChanged.newBuilder().setOrderId(orderId).setAssay(assay).setFromState(AssayState.IN_PROGRESS)
                .setToState(AssayState.RUN_FAILED).setRunId("RUN-" + orderId).setReason(reason.name()).build();
    }
}
