package org.ntrklab.testkit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.OrderReason;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.Priority;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.ReflexSettled;
import org.ntrklab.events.ReportCommandEvent;
import org.ntrklab.events.ReportContent;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ReportSignOutRequested;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.events.SettledOrder;
import org.ntrklab.events.TriggeringResult;
import org.ntrklab.events.TumourType;

/**
 * Events of the later lifecycle topics (QC decisions, orders, assay status, reports) as the services
 * write them, for tests of services that consume them. Valid by default; times are given by the test.
 */
public final class LifecycleEvents {

    private LifecycleEvents() {
    }

    public static QcDecisionEvent qcDecided(String accessionId, AssayType assay, QcVerdict verdict, Instant at) {
        return QcDecisionEvent.newBuilder().setEventId(id()).setOccurredAt(at).setAccessionId(accessionId)
                .setSource("sample-qc").setPayload(QcDecided.newBuilder().setAssay(assay).setVerdict(verdict)
                        .setFindings(List.of()).setRuleSetVersion("test").build())
                .build();
    }

    /** An order; {@code triggeredByOrderId} non-null makes it a REFLEX order triggered by that order's result. */
    public static AssayOrderEvent ordered(String accessionId, String orderId, AssayType assay, String triggeredByOrderId,
            AssayType triggeringAssay, Instant at) {
        boolean reflex = triggeredByOrderId != null;
        return AssayOrderEvent.newBuilder().setEventId(id()).setOccurredAt(at).setAccessionId(accessionId)
                .setSource("reflex").setPayload(AssayOrdered.newBuilder()
                        .setOrderId(orderId).setAssay(assay)
                        .setReason(reflex ? OrderReason.REFLEX : OrderReason.INITIAL)
                        .setRuleId(reflex ? "REFLEX-TEST" : "INITIAL-TEST").setRationale("test order")
                        .setReference("test").setPriority(Priority.ROUTINE).setChainDepth(reflex ? 1 : 0)
                        .setTriggeredBy(reflex ? TriggeringResult.newBuilder().setOrderId(triggeredByOrderId)
                                .setAssay(triggeringAssay).setEventId(id()).build() : null)
                        .build())
                .build();
    }

    public static AssayStatusEvent statusChanged(String accessionId, String orderId, AssayType assay, AssayState to,
            Instant at) {
        return AssayStatusEvent.newBuilder().setEventId(id()).setOccurredAt(at).setAccessionId(accessionId)
                .setSource("assay-tracking").setPayload(AssayStatusChanged.newBuilder().setOrderId(orderId)
                        .setAssay(assay).setToState(to).build())
                .build();
    }

    /** A result: a pan-TRK IHC staining for IHC, an NGS call otherwise. */
    public static AssayStatusEvent resulted(String accessionId, String orderId, AssayType assay,
            AssayInterpretation interpretation, Instant at) {
        boolean positive = interpretation == AssayInterpretation.POSITIVE;
        Object details = assay == AssayType.PAN_TRK_IHC
                ? IhcResult.newBuilder().setClone("EPR17341").setPercentPositiveTumourCells(positive ? 60 : 0)
                        .setIntensity(positive ? 2 : 0).setPatterns(List.of()).setInternalControlOk(true)
                        .setCall(positive ? IhcCall.POSITIVE : IhcCall.NEGATIVE).build()
                : NgsResult.newBuilder().setPanel("test panel").setFusions(List.of()).setRunQcPassed(true)
                        .setCall(positive ? MolecularCall.FUSION_DETECTED : MolecularCall.NO_FUSION_DETECTED).build();
        return AssayStatusEvent.newBuilder().setEventId(id()).setOccurredAt(at).setAccessionId(accessionId)
                .setSource("assay-tracking").setPayload(AssayResulted.newBuilder().setOrderId(orderId).setAssay(assay)
                        .setRunId("RUN-" + orderId).setInterpretation(interpretation).setResultDetails(details).build())
                .build();
    }

    /** Reflex's announcement that the accession has nothing more to order: one order, resulted as given. */
    public static AssayOrderEvent settled(String accessionId, String orderId, AssayType assay,
            AssayInterpretation interpretation, Instant at) {
        return AssayOrderEvent.newBuilder().setEventId(id()).setOccurredAt(at).setAccessionId(accessionId)
                .setSource("reflex").setPayload(ReflexSettled.newBuilder().setOrders(List.of(SettledOrder.newBuilder()
                        .setOrderId(orderId).setAssay(assay).setState(AssayState.RESULTED)
                        .setInterpretation(interpretation).build())).build())
                .build();
    }

    /** A pathologist's sign-out of a drafted report version, as a command on lab.report-commands. */
    public static ReportCommandEvent signOut(String accessionId, int version, String pathologistRef, Instant at) {
        return ReportCommandEvent.newBuilder().setEventId(id()).setOccurredAt(at).setAccessionId(accessionId)
                .setSource("pathology-desk").setPayload(ReportSignOutRequested.newBuilder().setReportVersion(version)
                        .setPathologistRef(pathologistRef).build())
                .build();
    }

    public static ReportEvent finalReport(String accessionId, OverallCall call, Instant at) {
        return report(accessionId, ReportStatus.FINAL, 1, call, at);
    }

    public static ReportEvent report(String accessionId, ReportStatus status, int version, OverallCall call, Instant at) {
        ReportContent content = ReportContent.newBuilder().setOrderId("ORD-" + accessionId)
                .setSpecimenId("SP-" + accessionId).setPatientRef("PSN-TEST")
                .setTumourType(TumourType.newBuilder().setOncoTreeCode("LUAD").setText("Lung Adenocarcinoma").build())
                .setOverallCall(call).setFusions(List.of()).setAssays(List.of()).setLimitations(List.of())
                .setInterpretation("test report").build();
        return ReportEvent.newBuilder().setEventId(id()).setOccurredAt(at).setAccessionId(accessionId)
                .setSource("reporting").setPayload(ReportIssued.newBuilder().setVersion(version).setStatus(status)
                        .setContent(content).setSignedOutBy("pathologist-test")
                        .setSupersedesVersion(version > 1 ? version - 1 : null).build())
                .build();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
