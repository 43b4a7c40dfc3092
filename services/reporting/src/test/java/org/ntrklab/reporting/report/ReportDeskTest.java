package org.ntrklab.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ntrklab.events.AssayInterpretation.NEGATIVE;
import static org.ntrklab.events.AssayInterpretation.POSITIVE;
import static org.ntrklab.events.AssayType.DNA_NGS;
import static org.ntrklab.events.AssayType.PAN_TRK_IHC;
import static org.ntrklab.events.AssayType.RNA_NGS;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ntrklab.platform.cases.CaseContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AmpTier;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.TumourTypeRoute;
import org.ntrklab.events.ClinicalSuspicion;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.QcMetric;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcFinding;
import org.ntrklab.events.CorrectionKind;
import org.ntrklab.events.FusionCall;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.IhcStainingPattern;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.OrderReason;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.Priority;
import org.ntrklab.events.Recommendation;
import org.ntrklab.events.ReflexRecommended;
import org.ntrklab.events.ReflexSettled;
import org.ntrklab.events.ReportCommandRejection;
import org.ntrklab.events.ReportSignOutRequested;
import org.ntrklab.events.ResultCorrectionRequested;
import org.ntrklab.events.RevisionReason;
import org.ntrklab.events.SettledOrder;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.TriggeringResult;
import org.ntrklab.platform.cases.Decision;
import org.ntrklab.testkit.LabEvents;

/**
 * The report lifecycle of docs/reporting.md through the report desk, one accession at a time: drafted when every
 * ordered assay is terminal and no reflex is pending, FINAL at sign-out, AMENDED or CORRECTED versions after
 * that, never overwritten. Identifiers are synthetic pseudonyms.
 */
class ReportDeskTest {

    static final String ACC = "NT26-03-000001";
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final String PATHOLOGIST = "PATH-07";
    static final Duration RETENTION = Duration.ofDays(400);

    /** Drives one accession through the desk as the case runtime would, keeping what was written. */
    static final class Lab {
        private final ReportDesk desk;
        ReportCase state;
        final List<ReportOutput> written = new ArrayList<>();
        String lastOutcome;
        private int events;

        Lab(ReportDesk desk) {
            this.desk = desk;
        }

        /** The next input event: ids and event times follow one another, the same in every run. */
        ReportDesk.Cause next() {
            events++;
            return new ReportDesk.Cause("evt-" + events, T0.plus(Duration.ofMinutes(events)));
        }

        List<ReportOutput> accession() {
            return apply(desk.accessioned(state, ACC, next(), accessioned()));
        }

        List<ReportOutput> cancel() {
            return apply(desk.cancelled(state, ACC));
        }

        List<ReportOutput> order(String orderId, AssayType assay) {
            return apply(desk.ordered(state, ACC, AssayOrdered.newBuilder().setOrderId(orderId).setAssay(assay)
                    .setReason(assay == PAN_TRK_IHC ? OrderReason.INITIAL : OrderReason.REFLEX)
                    .setRuleId("RX-TEST").setRationale("test order").setReference("ESMO 2019")
                    .setPriority(Priority.ROUTINE).setChainDepth(assay == PAN_TRK_IHC ? 0 : 1)
                    .setTriggeredBy(assay == PAN_TRK_IHC ? null : TriggeringResult.newBuilder().setOrderId("ORD-I1")
                            .setAssay(PAN_TRK_IHC).setEventId("evt-trigger").build())
                    .build()));
        }

        List<ReportOutput> status(String orderId, AssayType assay, AssayState to, String reason) {
            return apply(desk.statusChanged(state, ACC, next(), AssayStatusChanged.newBuilder().setOrderId(orderId)
                    .setAssay(assay).setFromState(AssayState.IN_PROGRESS).setToState(to).setRunId("RUN-" + orderId)
                    .setReason(reason).build()));
        }

        List<ReportOutput> result(String orderId, AssayType assay, AssayInterpretation interpretation,
                Object details) {
            return apply(desk.resulted(state, ACC, next(), resultedEvent(orderId, assay, interpretation, details)));
        }

        List<ReportOutput> ihc(String orderId, AssayInterpretation interpretation) {
            return result(orderId, PAN_TRK_IHC, interpretation, ihcResult(interpretation));
        }

        List<ReportOutput> rna(String orderId, AssayInterpretation interpretation) {
            return result(orderId, RNA_NGS, interpretation, rnaResult(interpretation));
        }

        List<ReportOutput> qc(AssayType assay, QcVerdict verdict, QcFinding... findings) {
            return apply(desk.qcDecided(state, ACC, next(), QcDecided.newBuilder().setAssay(assay).setVerdict(verdict)
                    .setFindings(List.of(findings)).setRuleSetVersion("qc-test-1").build()));
        }

        List<ReportOutput> settled(ClinicalSuspicion suspicion, TumourTypeRoute route, SettledOrder... orders) {
            return apply(desk.settled(state, ACC, next(), ReflexSettled.newBuilder().setOrders(List.of(orders))
                    .setSuspicion(suspicion).setTumourTypeRoute(route).build()));
        }

        List<ReportOutput> settled(SettledOrder... orders) {
            return apply(desk.settled(state, ACC, next(), ReflexSettled.newBuilder().setOrders(List.of(orders))
                    .build()));
        }

        List<ReportOutput> advised(Recommendation recommendation, String ruleId) {
            return apply(desk.advised(state, ACC, next(), ReflexRecommended.newBuilder()
                    .setRecommendation(recommendation).setRuleId(ruleId).setRationale("test advice")
                    .setReference("ESMO 2019").build()));
        }

        List<ReportOutput> signOut(int version, String pathologist) {
            return signOut(next(), version, pathologist);
        }

        List<ReportOutput> signOut(ReportDesk.Cause cause, int version, String pathologist) {
            return apply(desk.signOut(state, ACC, cause, ReportSignOutRequested.newBuilder()
                    .setReportVersion(version).setPathologistRef(pathologist).build()));
        }

        List<ReportOutput> correct(ResultCorrectionRequested command) {
            return correct(next(), command);
        }

        List<ReportOutput> correct(ReportDesk.Cause cause, ResultCorrectionRequested command) {
            return apply(desk.correct(state, ACC, cause, command));
        }

        List<ReportVersion> versions() {
            return state.versions();
        }

        private List<ReportOutput> apply(Decision<ReportCase, ReportOutput> step) {
            if (step.state() != null) {
                state = step.state();
            }
            lastOutcome = step.outcome();
            written.addAll(step.outputs());
            return step.outputs();
        }
    }

    // ---- events -------------------------------------------------------------------------------

    static SpecimenAccessioned accessioned() {
        AccessionEvent event = LabEvents.accessioned(ACC, "SP-0001", LabEvents.ffpeWorkUp()
                .setOrderId("ORD-0001").setPatientRef("PT-0001").build());
        return (SpecimenAccessioned) event.getPayload();
    }

    static AssayResulted resultedEvent(String orderId, AssayType assay, AssayInterpretation interpretation,
            Object details) {
        return AssayResulted.newBuilder().setOrderId(orderId).setAssay(assay).setRunId("RUN-" + orderId)
                .setInterpretation(interpretation).setResultDetails(details).build();
    }

    static IhcResult ihcResult(AssayInterpretation interpretation) {
        boolean stains = interpretation == POSITIVE || interpretation == AssayInterpretation.EQUIVOCAL;
        return IhcResult.newBuilder().setClone("EPR17341").setPercentPositiveTumourCells(stains ? 70.0 : 0.0)
                .setIntensity(stains ? 2 : 0).setPatterns(stains ? List.of(IhcStainingPattern.CYTOPLASMIC) : List.of())
                .setInternalControlOk(true).setCall(IhcCall.valueOf(interpretation.name())).build();
    }

    static FusionCall etv6Ntrk3() {
        return FusionCall.newBuilder().setFivePrimeGene("ETV6").setThreePrimeGene("NTRK3").setFivePrimeExon(5)
                .setThreePrimeExon(15).setInFrame(true).setKinaseDomainRetained(true).setSupportingReads(180).build();
    }

    static NgsResult rnaResult(AssayInterpretation interpretation) {
        return NgsResult.newBuilder().setPanel("RNA fusion panel")
                .setCall(interpretation == POSITIVE ? MolecularCall.FUSION_DETECTED
                        : interpretation == NEGATIVE ? MolecularCall.NO_FUSION_DETECTED : MolecularCall.FAILED)
                .setFusions(interpretation == POSITIVE ? List.of(etv6Ntrk3()) : List.of())
                .setMappedReads(5_200_000L).setRunQcPassed(true).build();
    }

    static SettledOrder settledOrder(String orderId, AssayType assay, AssayState state,
            AssayInterpretation interpretation) {
        return SettledOrder.newBuilder().setOrderId(orderId).setAssay(assay).setState(state)
                .setInterpretation(interpretation).build();
    }

    static SettledOrder resulted(String orderId, AssayType assay, AssayInterpretation interpretation) {
        return settledOrder(orderId, assay, AssayState.RESULTED, interpretation);
    }

    static ResultCorrectionRequested.Builder correction(String orderId, AssayType assay, Object correctedResult) {
        return ResultCorrectionRequested.newBuilder().setOrderId(orderId).setAssay(assay)
                .setKind(CorrectionKind.CORRECTION).setReason(RevisionReason.ANALYSIS_ERROR)
                .setExplanation("fusion call missed at first review").setPathologistRef("PATH-09")
                .setCorrectedResult(correctedResult);
    }

    // ---- assertions ---------------------------------------------------------------------------

    static ReportOutput.Drafted drafted(List<ReportOutput> out) {
        assertThat(out).hasSize(1).first().isInstanceOf(ReportOutput.Drafted.class);
        return (ReportOutput.Drafted) out.get(0);
    }

    static ReportOutput.Issued issued(List<ReportOutput> out) {
        assertThat(out).hasSize(1).first().isInstanceOf(ReportOutput.Issued.class);
        return (ReportOutput.Issued) out.get(0);
    }

    static ReportOutput.Rejected rejected(List<ReportOutput> out, ReportCommandRejection expected) {
        assertThat(out).hasSize(1).first().isInstanceOf(ReportOutput.Rejected.class);
        ReportOutput.Rejected r = (ReportOutput.Rejected) out.get(0);
        assertThat(r.rejection()).isEqualTo(expected);
        return r;
    }

    private final Lab lab = new Lab(new ReportDesk(new ReportInterpreter(), false, null, RETENTION));

    /** IHC negative screen on a lung adenocarcinoma, reflex settled on it: draft v1 NEGATIVE. */
    private ReportOutput.Drafted ihcNegativeDrafted() {
        lab.accession();
        lab.order("ORD-I1", PAN_TRK_IHC);
        lab.ihc("ORD-I1", NEGATIVE);
        return drafted(lab.settled(resulted("ORD-I1", PAN_TRK_IHC, NEGATIVE)));
    }

    /** RNA-NGS negative, reflex settled, signed out: FINAL v1 NEGATIVE. */
    private ReportOutput.Issued rnaNegativeFinal() {
        lab.accession();
        lab.order("ORD-R1", RNA_NGS);
        lab.rna("ORD-R1", NEGATIVE);
        drafted(lab.settled(resulted("ORD-R1", RNA_NGS, NEGATIVE)));
        return issued(lab.signOut(1, PATHOLOGIST));
    }

    // ---- retention --------------------------------------------------------------------------

    @Nested
    @DisplayName("Retention: a settled case is forgotten once idle for the retention period, an open one is kept")
    class Retention {

        private final ReportDesk desk = new ReportDesk(new ReportInterpreter(), false, null, RETENTION);
        private final long changed = T0.toEpochMilli();

        @Test
        @DisplayName("Signed out and idle for the retention period: forgotten (the reports stay on ntrk.reports)")
        void settledCaseIsForgottenAfterRetention() {
            rnaNegativeFinal();
            ReportCase finalCase = lab.state.changedAt(changed);
            assertThat(finalCase.closed()).isTrue();
            assertThat(desk.housekeep(ACC, finalCase, CaseContext.at(changed + RETENTION.toMillis() - 1)).changesAnything())
                    .isFalse();
            assertThat(desk.housekeep(ACC, finalCase, CaseContext.at(changed + RETENTION.toMillis())).delete()).isTrue();
        }

        @Test
        @DisplayName("A draft awaiting sign-out is kept however long it waits")
        void openDraftIsKept() {
            ihcNegativeDrafted();
            ReportCase draft = lab.state.changedAt(changed);
            assertThat(draft.closed()).isFalse();
            assertThat(desk.housekeep(ACC, draft, CaseContext.at(changed + RETENTION.toMillis() * 3)).changesAnything())
                    .isFalse();
        }

        @Test
        @DisplayName("Every change restarts the clock; a case kept before changes were timed starts it at once")
        void changesAreTimed() {
            lab.accession();
            Decision<ReportCase, ReportOutput> decided = desk.decide(ACC, lab.state, new ReportInput.Cancelled(),
                    CaseContext.at(changed));
            assertThat(decided.state().lastChangeWallMillis()).isEqualTo(changed);
            Decision<ReportCase, ReportOutput> timed = desk.housekeep(ACC, lab.state.changedAt(0), CaseContext.at(changed));
            assertThat(timed.state().lastChangeWallMillis()).isEqualTo(changed);
        }
    }

    // ---- readiness ----------------------------------------------------------------------------

    @Nested
    @DisplayName("Testing that resumes, and cancelled accessions")
    class Resumed {

        @Test
        @DisplayName("A reflex order placed after the draft: its sign-out is refused until reflex settles again")
        void signOutRefusedWhileTestingContinues() {
            lab.accession();
            lab.order("ORD-I1", PAN_TRK_IHC);
            lab.ihc("ORD-I1", NEGATIVE);
            drafted(lab.settled(resulted("ORD-I1", PAN_TRK_IHC, NEGATIVE)));
            lab.order("ORD-R1", RNA_NGS);

            ReportOutput.Rejected r = rejected(lab.signOut(1, PATHOLOGIST), ReportCommandRejection.NOTHING_TO_SIGN_OUT);
            assertThat(r.detail()).contains("testing continues").contains("ORD-R1");
            assertThat(lab.state.latestIssued()).isNull();
        }

        @Test
        @DisplayName("A draft overtaken by a new order is no longer offered for sign-out")
        void overtakenDraftNotOffered() {
            lab.accession();
            lab.order("ORD-I1", PAN_TRK_IHC);
            lab.ihc("ORD-I1", NEGATIVE);
            drafted(lab.settled(resulted("ORD-I1", PAN_TRK_IHC, NEGATIVE)));
            assertThat(lab.state.readyForSignOut()).isNotNull();
            lab.order("ORD-R1", RNA_NGS);
            assertThat(lab.state.awaitingSignOut()).isNotNull();
            assertThat(lab.state.readyForSignOut()).isNull();
        }

        @Test
        @DisplayName("A result corrected before sign-out is named in the report: by whom and why")
        void correctionBeforeSignOutIsNamed() {
            lab.accession();
            lab.order("ORD-R1", RNA_NGS);
            lab.rna("ORD-R1", NEGATIVE);
            drafted(lab.settled(resulted("ORD-R1", RNA_NGS, NEGATIVE)));

            ReportOutput.Drafted v2 = drafted(lab.correct(correction("ORD-R1", RNA_NGS, rnaResult(POSITIVE)).build()));
            assertThat(v2.version().body().interpretation()).contains("The result of RNA-NGS (ORD-R1) was corrected by"
                    + " PATH-09 (ANALYSIS_ERROR: fusion call missed at first review).");
        }

        @Test
        @DisplayName("After a cancellation an issued report can still be corrected; nothing else is done for it")
        void correctionAfterCancellation() {
            rnaNegativeFinal();
            lab.cancel();

            ReportOutput.Issued i = issued(lab.correct(correction("ORD-R1", RNA_NGS, rnaResult(POSITIVE)).build()));
            assertThat(i.version().kind()).isEqualTo(VersionKind.CORRECTED);
            assertThat(i.version().body().overallCall()).isEqualTo(OverallCall.POSITIVE);
            rejected(lab.signOut(2, PATHOLOGIST), ReportCommandRejection.ACCESSION_CANCELLED);
        }
    }

    @Nested
    @DisplayName("Drafted only when every ordered assay is terminal and no reflex is pending (docs/reporting.md)")
    class Readiness {

        @Test
        @DisplayName("Nothing is drafted while orders are open and reflex has not settled")
        void nothingBeforeSettled() {
            assertThat(lab.accession()).isEmpty();
            assertThat(lab.order("ORD-I1", PAN_TRK_IHC)).isEmpty();
            assertThat(lab.status("ORD-I1", PAN_TRK_IHC, AssayState.IN_PROGRESS, null)).isEmpty();
            assertThat(lab.ihc("ORD-I1", NEGATIVE)).isEmpty();
            assertThat(lab.written).isEmpty();
        }

        @Test
        @DisplayName("Result before reflex settles -> the draft comes with ReflexSettled")
        void resultThenSettled() {
            lab.accession();
            lab.order("ORD-I1", PAN_TRK_IHC);
            assertThat(lab.ihc("ORD-I1", NEGATIVE)).isEmpty();

            ReportOutput.Drafted d = drafted(lab.settled(resulted("ORD-I1", PAN_TRK_IHC, NEGATIVE)));
            assertThat(d.version().version()).isEqualTo(1);
            assertThat(d.version().body().overallCall()).isEqualTo(OverallCall.NEGATIVE);
        }

        @Test
        @DisplayName("Reflex settles before reporting sees the result -> the draft comes with the result")
        void settledThenResult() {
            lab.accession();
            lab.order("ORD-I1", PAN_TRK_IHC);
            assertThat(lab.settled(resulted("ORD-I1", PAN_TRK_IHC, NEGATIVE))).isEmpty();

            ReportOutput.Drafted d = drafted(lab.ihc("ORD-I1", NEGATIVE));
            assertThat(d.version().body().overallCall()).isEqualTo(OverallCall.NEGATIVE);
        }

        @Test
        @DisplayName("A settled that omits a newer reflex order -> no draft, until a settled lists it")
        void settledOmitsNewerOrder() {
            lab.accession();
            lab.order("ORD-I1", PAN_TRK_IHC);
            lab.ihc("ORD-I1", POSITIVE);
            lab.order("ORD-R1", RNA_NGS);
            assertThat(lab.settled(resulted("ORD-I1", PAN_TRK_IHC, POSITIVE))).isEmpty();
            assertThat(lab.rna("ORD-R1", POSITIVE)).isEmpty();

            ReportOutput.Drafted d = drafted(lab.settled(resulted("ORD-I1", PAN_TRK_IHC, POSITIVE),
                    resulted("ORD-R1", RNA_NGS, POSITIVE)));
            assertThat(d.version().body().overallCall()).isEqualTo(OverallCall.POSITIVE);
        }

        @Test
        @DisplayName("A settled whose interpretation differs from the one reporting holds -> no draft")
        void settledInterpretationDiffers() {
            lab.accession();
            lab.order("ORD-I1", PAN_TRK_IHC);
            lab.ihc("ORD-I1", NEGATIVE);

            assertThat(lab.settled(resulted("ORD-I1", PAN_TRK_IHC, POSITIVE))).isEmpty();
            assertThat(lab.state.versions()).isEmpty();
        }

        @Test
        @DisplayName("A settled whose state differs from the one reporting holds -> no draft")
        void settledStateDiffers() {
            lab.accession();
            lab.order("ORD-R1", RNA_NGS);
            lab.rna("ORD-R1", NEGATIVE);

            assertThat(lab.settled(settledOrder("ORD-R1", RNA_NGS, AssayState.RUN_FAILED, null))).isEmpty();
            assertThat(lab.state.versions()).isEmpty();
        }

        @Test
        @DisplayName("A settled listing an order reporting still holds open (IN_PROGRESS) -> no draft until its outcome arrives")
        void settledWhileOrderOpen() {
            lab.accession();
            lab.order("ORD-R1", RNA_NGS);
            lab.status("ORD-R1", RNA_NGS, AssayState.IN_PROGRESS, null);
            assertThat(lab.settled(settledOrder("ORD-R1", RNA_NGS, AssayState.RUN_FAILED, null))).isEmpty();

            ReportOutput.Drafted d = drafted(lab.status("ORD-R1", RNA_NGS, AssayState.RUN_FAILED, "LOW_MAPPED_READS"));
            assertThat(d.version().body().overallCall()).isEqualTo(OverallCall.FAILURE);
            assertThat(d.version().body().limitations()).anySatisfy(l -> assertThat(l).contains("LOW_MAPPED_READS"));
        }

        @Test
        @DisplayName("No order at all (every assay failed QC) with 'request a new specimen' advice -> FAILURE draft naming the advice")
        void noOrderFailureDraft() {
            lab.accession();
            assertThat(lab.advised(Recommendation.REQUEST_NEW_SPECIMEN, "RX-QC-ALL-FAILED")).isEmpty();

            ReportOutput.Drafted d = drafted(lab.settled());
            assertThat(d.version().body().overallCall()).isEqualTo(OverallCall.FAILURE);
            assertThat(d.version().body().interpretation()).contains("request a new specimen");
        }

        @Test
        @DisplayName("Nothing is drafted for a cancelled accession")
        void cancelledNotDrafted() {
            lab.accession();
            lab.order("ORD-I1", PAN_TRK_IHC);
            lab.ihc("ORD-I1", NEGATIVE);
            lab.cancel();

            assertThat(lab.settled(resulted("ORD-I1", PAN_TRK_IHC, NEGATIVE))).isEmpty();
        }
    }

    // ---- draft and sign-out -------------------------------------------------------------------

    @Nested
    @DisplayName("Draft and sign-out: FINAL at pathologist sign-out (docs/reporting.md)")
    class SignOut {

        @Test
        @DisplayName("Draft v1 is a DRAFT: unsigned, superseding nothing, timed and caused by the event that completed the case")
        void draftV1() {
            ReportOutput.Drafted d = ihcNegativeDrafted();

            ReportVersion v = d.version();
            assertThat(v.version()).isEqualTo(1);
            assertThat(v.kind()).isEqualTo(VersionKind.DRAFT);
            assertThat(v.signedOutBy()).isNull();
            assertThat(v.supersedes()).isNull();
            assertThat(v.revisionReason()).isNull();
            assertThat(v.body().orderId()).isEqualTo("ORD-0001");
            assertThat(v.body().patientRef()).isEqualTo("PT-0001");
            assertThat(v.body().specimenId()).isEqualTo("SP-0001");
            assertThat(v.body().tumourCode()).isEqualTo("LUAD");
            // the settled event was the third input with an event id (accession, result, settled)
            assertThat(d.causationId()).isEqualTo("evt-3");
            assertThat(d.occurredAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
            assertThat(v.occurredAt()).isEqualTo(d.occurredAt());
            assertThat(d.eventId()).isNotBlank().isNotEqualTo("evt-3");
            assertThat(lab.state.awaitingSignOut()).isEqualTo(v);
        }

        @Test
        @DisplayName("Sign-out of v1 -> Issued FINAL v1 with the drafted body, signed by the pathologist")
        void signOutIssuesFinal() {
            ReportOutput.Drafted d = ihcNegativeDrafted();

            ReportOutput.Issued i = issued(lab.signOut(1, PATHOLOGIST));
            ReportVersion v = i.version();
            assertThat(v.version()).isEqualTo(1);
            assertThat(v.kind()).isEqualTo(VersionKind.FINAL);
            assertThat(v.signedOutBy()).isEqualTo(PATHOLOGIST);
            assertThat(v.body()).isEqualTo(d.version().body());
            assertThat(v.supersedes()).isNull();
            assertThat(v.draftedAt()).isEqualTo(d.version().occurredAt());
            assertThat(v.occurredAt()).isEqualTo(i.occurredAt()).isAfter(d.occurredAt());
            assertThat(i.causationId()).isEqualTo("evt-4");
            assertThat(lab.state.latestIssued()).isEqualTo(v);
            assertThat(lab.state.awaitingSignOut()).isNull();
        }

        @Test
        @DisplayName("A redelivered sign-out (same command event id) -> nothing written, nothing changed")
        void redeliveredSignOut() {
            ihcNegativeDrafted();
            ReportDesk.Cause cmd = lab.next();
            issued(lab.signOut(cmd, 1, PATHOLOGIST));
            ReportCase before = lab.state;

            assertThat(lab.signOut(cmd, 1, PATHOLOGIST)).isEmpty();
            assertThat(lab.state).isEqualTo(before);
        }

        @Test
        @DisplayName("A second sign-out with another id -> Rejected NOTHING_TO_SIGN_OUT")
        void secondSignOutRejected() {
            ihcNegativeDrafted();
            issued(lab.signOut(1, PATHOLOGIST));
            int versions = lab.versions().size();

            ReportOutput.Rejected r = rejected(lab.signOut(1, "PATH-08"), ReportCommandRejection.NOTHING_TO_SIGN_OUT);
            assertThat(r.rejectedEventId()).isEqualTo("evt-5");
            assertThat(r.causationId()).isEqualTo("evt-5");
            assertThat(r.command()).isEqualTo("ReportSignOutRequested");
            assertThat(lab.versions()).hasSize(versions);
        }

        @Test
        @DisplayName("Sign-out naming v2 while v1 is the draft -> VERSION_NOT_CURRENT; v1 still awaits sign-out")
        void versionNotCurrent() {
            ihcNegativeDrafted();

            rejected(lab.signOut(2, PATHOLOGIST), ReportCommandRejection.VERSION_NOT_CURRENT);
            assertThat(lab.state.latestIssued()).isNull();
            assertThat(issued(lab.signOut(1, PATHOLOGIST)).version().kind()).isEqualTo(VersionKind.FINAL);
        }

        @Test
        @DisplayName("Sign-out before any draft -> NOTHING_TO_SIGN_OUT")
        void signOutBeforeDraft() {
            lab.accession();
            lab.order("ORD-I1", PAN_TRK_IHC);

            rejected(lab.signOut(1, PATHOLOGIST), ReportCommandRejection.NOTHING_TO_SIGN_OUT);
            assertThat(lab.versions()).isEmpty();
        }

        @Test
        @DisplayName("Sign-out for an accession reporting does not know -> UNKNOWN_ACCESSION")
        void unknownAccession() {
            ReportOutput.Rejected r = rejected(lab.signOut(1, PATHOLOGIST), ReportCommandRejection.UNKNOWN_ACCESSION);
            assertThat(r.command()).isEqualTo("ReportSignOutRequested");
            assertThat(lab.state).as("no case is kept for a command alone").isNull();
        }

        @Test
        @DisplayName("Sign-out of a cancelled accession -> ACCESSION_CANCELLED, even with a draft awaiting")
        void cancelledAccession() {
            ihcNegativeDrafted();
            lab.cancel();

            rejected(lab.signOut(1, PATHOLOGIST), ReportCommandRejection.ACCESSION_CANCELLED);
            assertThat(lab.state.latestIssued()).isNull();
        }

        @Test
        @DisplayName("Sign-out with a blank pathologist -> MISSING_FIELD, the draft stays unsigned")
        void blankPathologist() {
            ihcNegativeDrafted();

            rejected(lab.signOut(1, "  "), ReportCommandRejection.MISSING_FIELD);
            assertThat(lab.state.latestIssued()).isNull();
            assertThat(lab.state.awaitingSignOut()).isNotNull();
        }

        @Test
        @DisplayName("A redelivered rejected command is not rejected twice")
        void redeliveredRejection() {
            ihcNegativeDrafted();
            ReportDesk.Cause cmd = lab.next();
            rejected(lab.signOut(cmd, 2, PATHOLOGIST), ReportCommandRejection.VERSION_NOT_CURRENT);

            assertThat(lab.signOut(cmd, 2, PATHOLOGIST)).isEmpty();
        }

        @Test
        @DisplayName("Auto-sign-out (demos) -> Drafted and Issued FINAL in one step, signed by the configured id")
        void autoSignOut() {
            Lab auto = new Lab(new ReportDesk(new ReportInterpreter(), true, "AUTO", RETENTION));
            auto.accession();
            auto.order("ORD-I1", PAN_TRK_IHC);
            auto.ihc("ORD-I1", NEGATIVE);

            List<ReportOutput> out = auto.settled(resulted("ORD-I1", PAN_TRK_IHC, NEGATIVE));
            assertThat(out).hasSize(2);
            assertThat(out.get(0)).isInstanceOf(ReportOutput.Drafted.class);
            assertThat(out.get(1)).isInstanceOf(ReportOutput.Issued.class);
            ReportVersion draft = ((ReportOutput.Drafted) out.get(0)).version();
            ReportVersion v = ((ReportOutput.Issued) out.get(1)).version();
            assertThat(v.version()).isEqualTo(1);
            assertThat(v.kind()).isEqualTo(VersionKind.FINAL);
            assertThat(v.signedOutBy()).isEqualTo("AUTO");
            assertThat(v.body()).isEqualTo(draft.body());
            assertThat(out.get(0).eventId()).isNotEqualTo(out.get(1).eventId());
        }
    }

    // ---- corrections --------------------------------------------------------------------------

    @Nested
    @DisplayName("Corrected result after FINAL -> a new AMENDED/CORRECTED version with the reason; versions never overwritten (docs/reporting.md)")
    class Corrections {

        @Test
        @DisplayName("CORRECTION after FINAL -> Issued v2 CORRECTED superseding v1, reason and explanation carried, signed by the correcting pathologist")
        void correctionAfterFinal() {
            ReportOutput.Issued first = rnaNegativeFinal();
            List<ReportVersion> before = lab.versions();

            ReportOutput.Issued i = issued(lab.correct(correction("ORD-R1", RNA_NGS, rnaResult(POSITIVE)).build()));
            ReportVersion v2 = i.version();
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v2.kind()).isEqualTo(VersionKind.CORRECTED);
            assertThat(v2.supersedes()).isEqualTo(1);
            assertThat(v2.revisionReason()).isEqualTo(RevisionReason.ANALYSIS_ERROR);
            assertThat(v2.revisionExplanation()).isEqualTo("fusion call missed at first review");
            assertThat(v2.signedOutBy()).isEqualTo("PATH-09");
            assertThat(v2.body().overallCall()).isEqualTo(OverallCall.POSITIVE);
            assertThat(v2.body().fusions()).singleElement().satisfies(f -> {
                assertThat(f.hgncName()).isEqualTo("ETV6::NTRK3");
                assertThat(f.tier()).isEqualTo(AmpTier.TIER_I_LEVEL_A);
            });
            assertThat(v2.body().assays()).singleElement().satisfies(a -> assertThat(a.interpretation())
                    .isEqualTo(POSITIVE));

            // version 1 as issued is kept unchanged, FINAL and NEGATIVE
            assertThat(lab.versions()).startsWith(before.toArray(new ReportVersion[0]));
            assertThat(lab.versions()).hasSize(before.size() + 1);
            assertThat(lab.versions()).filteredOn(v -> v.version() == 1 && v.kind().issued())
                    .singleElement().satisfies(v1 -> {
                        assertThat(v1).isEqualTo(first.version());
                        assertThat(v1.kind()).isEqualTo(VersionKind.FINAL);
                        assertThat(v1.body().overallCall()).isEqualTo(OverallCall.NEGATIVE);
                    });
            assertThat(lab.state.latestIssued()).isEqualTo(v2);
        }

        @Test
        @DisplayName("AMENDMENT after FINAL -> Issued v2 AMENDED superseding v1")
        void amendmentAfterFinal() {
            rnaNegativeFinal();

            ReportOutput.Issued i = issued(lab.correct(correction("ORD-R1", RNA_NGS, rnaResult(POSITIVE))
                    .setKind(CorrectionKind.AMENDMENT).setReason(RevisionReason.REINTERPRETATION).build()));
            assertThat(i.version().version()).isEqualTo(2);
            assertThat(i.version().kind()).isEqualTo(VersionKind.AMENDED);
            assertThat(i.version().supersedes()).isEqualTo(1);
            assertThat(i.version().revisionReason()).isEqualTo(RevisionReason.REINTERPRETATION);
        }

        @Test
        @DisplayName("A correction redelivered (same command id) -> no second revision")
        void redeliveredCorrection() {
            rnaNegativeFinal();
            ReportDesk.Cause cmd = lab.next();
            ResultCorrectionRequested c = correction("ORD-R1", RNA_NGS, rnaResult(POSITIVE)).build();
            issued(lab.correct(cmd, c));

            assertThat(lab.correct(cmd, c)).isEmpty();
            assertThat(lab.versions()).extracting(ReportVersion::version).doesNotContain(3);
        }

        @Test
        @DisplayName("A correction before sign-out -> a new draft v2 with the corrected result, nothing issued")
        void correctionBeforeSignOut() {
            lab.accession();
            lab.order("ORD-R1", RNA_NGS);
            lab.rna("ORD-R1", NEGATIVE);
            drafted(lab.settled(resulted("ORD-R1", RNA_NGS, NEGATIVE)));

            ReportOutput.Drafted d = drafted(lab.correct(correction("ORD-R1", RNA_NGS, rnaResult(POSITIVE)).build()));
            assertThat(d.version().version()).isEqualTo(2);
            assertThat(d.version().kind()).isEqualTo(VersionKind.DRAFT);
            assertThat(d.version().body().overallCall()).isEqualTo(OverallCall.POSITIVE);
            assertThat(lab.state.latestIssued()).isNull();

            rejected(lab.signOut(1, PATHOLOGIST), ReportCommandRejection.VERSION_NOT_CURRENT);
            ReportOutput.Issued i = issued(lab.signOut(2, PATHOLOGIST));
            assertThat(i.version().kind()).isEqualTo(VersionKind.FINAL);
            assertThat(i.version().body().overallCall()).isEqualTo(OverallCall.POSITIVE);
        }

        @Test
        @DisplayName("Correction naming an order the accession does not have -> UNKNOWN_ORDER")
        void unknownOrder() {
            rnaNegativeFinal();

            rejected(lab.correct(correction("ORD-X9", RNA_NGS, rnaResult(POSITIVE)).build()),
                    ReportCommandRejection.UNKNOWN_ORDER);
        }

        @Test
        @DisplayName("Correction naming another assay than its order's -> ASSAY_MISMATCH")
        void assayMismatch() {
            rnaNegativeFinal();

            rejected(lab.correct(correction("ORD-R1", DNA_NGS, rnaResult(POSITIVE)).build()),
                    ReportCommandRejection.ASSAY_MISMATCH);
        }

        @Test
        @DisplayName("Correction of an order that has no result (RUN_FAILED) -> NOT_RESULTED")
        void notResulted() {
            lab.accession();
            lab.order("ORD-R1", RNA_NGS);
            lab.status("ORD-R1", RNA_NGS, AssayState.RUN_FAILED, "LOW_MAPPED_READS");
            drafted(lab.settled(settledOrder("ORD-R1", RNA_NGS, AssayState.RUN_FAILED, null)));
            issued(lab.signOut(1, PATHOLOGIST));

            rejected(lab.correct(correction("ORD-R1", RNA_NGS, rnaResult(POSITIVE)).build()),
                    ReportCommandRejection.NOT_RESULTED);
        }

        @Test
        @DisplayName("Correction with a result of the wrong kind for the assay (IHC result for RNA-NGS) -> MALFORMED_RESULT")
        void wrongResultType() {
            rnaNegativeFinal();

            rejected(lab.correct(correction("ORD-R1", RNA_NGS, ihcResult(POSITIVE)).build()),
                    ReportCommandRejection.MALFORMED_RESULT);
        }

        @Test
        @DisplayName("Correction with a self-contradicting result (fusion detected, no fusion listed) -> MALFORMED_RESULT")
        void contradictoryResult() {
            rnaNegativeFinal();
            NgsResult contradictory = NgsResult.newBuilder(rnaResult(NEGATIVE)).setCall(MolecularCall.FUSION_DETECTED)
                    .build();

            rejected(lab.correct(correction("ORD-R1", RNA_NGS, contradictory).build()),
                    ReportCommandRejection.MALFORMED_RESULT);
        }

        @Test
        @DisplayName("Correction identical to the result it would replace -> RESULT_UNCHANGED, no new version")
        void unchanged() {
            rnaNegativeFinal();
            int versions = lab.versions().size();

            rejected(lab.correct(correction("ORD-R1", RNA_NGS, rnaResult(NEGATIVE)).build()),
                    ReportCommandRejection.RESULT_UNCHANGED);
            assertThat(lab.versions()).hasSize(versions);
        }

        @Test
        @DisplayName("Correction with a blank pathologist -> MISSING_FIELD")
        void blankPathologist() {
            rnaNegativeFinal();

            rejected(lab.correct(correction("ORD-R1", RNA_NGS, rnaResult(POSITIVE)).setPathologistRef("").build()),
                    ReportCommandRejection.MISSING_FIELD);
        }

        @Test
        @DisplayName("Correction for an unknown accession -> UNKNOWN_ACCESSION")
        void unknownAccession() {
            rejected(lab.correct(correction("ORD-R1", RNA_NGS, rnaResult(POSITIVE)).build()),
                    ReportCommandRejection.UNKNOWN_ACCESSION);
        }
    }

    // ---- further results after FINAL ----------------------------------------------------------

    @Nested
    @DisplayName("Further results after FINAL -> a new version, AMENDED at sign-out (docs/reporting.md)")
    class FurtherResults {

        @Test
        @DisplayName("A new reflex order after FINAL: no draft until settled again, then draft v2 superseding 1 (ADDITIONAL_INFORMATION); its sign-out -> AMENDED")
        void newOrderAfterFinal() {
            ihcNegativeDrafted();
            ReportOutput.Issued first = issued(lab.signOut(1, PATHOLOGIST));

            assertThat(lab.order("ORD-R1", RNA_NGS)).isEmpty();
            assertThat(lab.rna("ORD-R1", POSITIVE)).isEmpty();
            ReportOutput.Drafted d = drafted(lab.settled(resulted("ORD-I1", PAN_TRK_IHC, NEGATIVE),
                    resulted("ORD-R1", RNA_NGS, POSITIVE)));
            ReportVersion v2 = d.version();
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v2.kind()).isEqualTo(VersionKind.DRAFT);
            assertThat(v2.supersedes()).isEqualTo(1);
            assertThat(v2.revisionReason()).isEqualTo(RevisionReason.ADDITIONAL_INFORMATION);
            assertThat(v2.body().overallCall()).isEqualTo(OverallCall.POSITIVE);
            assertThat(v2.body().concordance()).contains("Discordant").contains("79.4%");

            ReportOutput.Issued i = issued(lab.signOut(2, "PATH-08"));
            assertThat(i.version().version()).isEqualTo(2);
            assertThat(i.version().kind()).isEqualTo(VersionKind.AMENDED);
            assertThat(i.version().supersedes()).isEqualTo(1);
            assertThat(i.version().revisionReason()).isEqualTo(RevisionReason.ADDITIONAL_INFORMATION);
            assertThat(i.version().signedOutBy()).isEqualTo("PATH-08");
            assertThat(lab.versions()).contains(first.version());
        }
    }

    // ---- idempotency and determinism ----------------------------------------------------------

    @Nested
    @DisplayName("Same input, same report; replay gives the same ids (docs/reporting.md)")
    class Idempotency {

        @Test
        @DisplayName("A duplicate AssayResulted (same content, new event id) -> no new version, before or after sign-out")
        void duplicateResult() {
            ihcNegativeDrafted();
            assertThat(lab.ihc("ORD-I1", NEGATIVE)).isEmpty();
            assertThat(lab.versions()).hasSize(1);

            issued(lab.signOut(1, PATHOLOGIST));
            int versions = lab.versions().size();
            assertThat(lab.ihc("ORD-I1", NEGATIVE)).isEmpty();
            assertThat(lab.versions()).hasSize(versions);
        }

        @Test
        @DisplayName("A duplicate of the original AssayResulted after a correction was issued -> no new version; the CORRECTED version stands")
        void duplicateResultAfterCorrection() {
            rnaNegativeFinal();
            ReportVersion corrected = issued(lab.correct(correction("ORD-R1", RNA_NGS, rnaResult(POSITIVE)).build()))
                    .version();
            int versions = lab.versions().size();

            assertThat(lab.rna("ORD-R1", NEGATIVE)).isEmpty();
            assertThat(lab.versions()).hasSize(versions);
            assertThat(lab.state.latest()).isEqualTo(corrected);
        }

        @Test
        @DisplayName("A duplicate of the original AssayResulted after a correction before sign-out -> no new draft; the corrected draft stays current")
        void duplicateResultAfterCorrectionBeforeSignOut() {
            lab.accession();
            lab.order("ORD-R1", RNA_NGS);
            lab.rna("ORD-R1", NEGATIVE);
            drafted(lab.settled(resulted("ORD-R1", RNA_NGS, NEGATIVE)));
            ReportVersion v2 = drafted(lab.correct(correction("ORD-R1", RNA_NGS, rnaResult(POSITIVE)).build()))
                    .version();

            assertThat(lab.rna("ORD-R1", NEGATIVE)).isEmpty();
            assertThat(lab.state.awaitingSignOut()).isEqualTo(v2);
        }

        @Test
        @DisplayName("A duplicate ReflexSettled, SpecimenAccessioned, AssayOrdered or status -> nothing new")
        void duplicateFacts() {
            ihcNegativeDrafted();

            assertThat(lab.settled(resulted("ORD-I1", PAN_TRK_IHC, NEGATIVE))).isEmpty();
            assertThat(lab.accession()).isEmpty();
            assertThat(lab.order("ORD-I1", PAN_TRK_IHC)).isEmpty();
            assertThat(lab.versions()).hasSize(1);
        }

        @Test
        @DisplayName("A duplicate advice note -> nothing new")
        void duplicateAdvice() {
            lab.accession();
            lab.advised(Recommendation.REQUEST_NEW_SPECIMEN, "RX-QC-ALL-FAILED");
            drafted(lab.settled());

            assertThat(lab.advised(Recommendation.REQUEST_NEW_SPECIMEN, "RX-QC-ALL-FAILED")).isEmpty();
            assertThat(lab.versions()).hasSize(1);
        }

        @Test
        @DisplayName("The same inputs give the same event ids; ids differ between derived events")
        void deterministicIds() {
            List<ReportOutput> a = runCorrectedCase(new Lab(new ReportDesk(new ReportInterpreter(), false, null, RETENTION)));
            List<ReportOutput> b = runCorrectedCase(new Lab(new ReportDesk(new ReportInterpreter(), false, null, RETENTION)));

            assertThat(a).hasSize(3);
            assertThat(a).isEqualTo(b);
            assertThat(a).extracting(ReportOutput::eventId).doesNotHaveDuplicates()
                    .doesNotContainAnyElementsOf(a.stream().map(ReportOutput::causationId).toList());
        }

        private List<ReportOutput> runCorrectedCase(Lab l) {
            l.accession();
            l.order("ORD-R1", RNA_NGS);
            l.rna("ORD-R1", NEGATIVE);
            l.settled(resulted("ORD-R1", RNA_NGS, NEGATIVE));
            l.signOut(1, PATHOLOGIST);
            l.correct(correction("ORD-R1", RNA_NGS, rnaResult(POSITIVE)).build());
            return l.written;
        }
    }

    @Nested
    @DisplayName("Sample-QC decisions and reflex's pre-test facts reach the report")
    class QcAndPreTest {

        private QcFinding tumourCaveat() {
            return QcFinding.newBuilder().setRuleId("QC-RNA-TUMOUR").setMetric(QcMetric.TUMOUR_NUCLEI_PERCENT)
                    .setMeasuredValue(15.0).setThresholdValue(20.0).setThreshold("FAIL if < 10; PASS_WITH_CAVEAT if < 20")
                    .setVerdict(QcVerdict.PASS_WITH_CAVEAT).setRationale("low tumour content")
                    .setReference("F1CDx minimum 20%").build();
        }

        @Test
        @DisplayName("A caveat decided before the order is in the first draft; the same decision again changes nothing")
        void caveatInTheDraft() {
            lab.accession();
            lab.qc(RNA_NGS, QcVerdict.PASS_WITH_CAVEAT, tumourCaveat());
            lab.order("ORD-R1", RNA_NGS);
            lab.rna("ORD-R1", NEGATIVE);
            ReportOutput.Drafted d = drafted(lab.settled(resulted("ORD-R1", RNA_NGS, NEGATIVE)));

            assertThat(d.version().body().qcLimitations()).singleElement().satisfies(q -> {
                assertThat(q.ruleId()).isEqualTo("QC-RNA-TUMOUR");
                assertThat(q.orderId()).isEqualTo("ORD-R1");
                assertThat(q.ruleSetVersion()).isEqualTo("qc-test-1");
            });
            assertThat(lab.qc(RNA_NGS, QcVerdict.PASS_WITH_CAVEAT, tumourCaveat())).isEmpty();
            assertThat(lab.lastOutcome).isEqualTo("duplicate");
        }

        @Test
        @DisplayName("A caveat decided after the draft (a re-assessment) redrafts the report with it")
        void lateCaveatRedrafts() {
            lab.accession();
            lab.qc(RNA_NGS, QcVerdict.PASS);
            lab.order("ORD-R1", RNA_NGS);
            lab.rna("ORD-R1", NEGATIVE);
            drafted(lab.settled(resulted("ORD-R1", RNA_NGS, NEGATIVE)));
            ReportOutput.Drafted v2 = drafted(lab.qc(RNA_NGS, QcVerdict.PASS_WITH_CAVEAT, tumourCaveat()));

            assertThat(v2.version().version()).isEqualTo(2);
            assertThat(v2.version().body().limitations()).anySatisfy(l -> assertThat(l).contains("QC-RNA-TUMOUR"));
        }

        @Test
        @DisplayName("Reflex's HIGH suspicion for a high-prevalence type makes a DNA-only negative INCONCLUSIVE (ESMO 2019)")
        void preTestFromReflex() {
            lab.accession();
            lab.order("ORD-D1", DNA_NGS);
            lab.result("ORD-D1", DNA_NGS, NEGATIVE, NgsResult.newBuilder().setPanel("DNA panel")
                    .setCall(MolecularCall.NO_FUSION_DETECTED).setRunQcPassed(true).build());
            ReportOutput.Drafted d = drafted(lab.settled(ClinicalSuspicion.HIGH, TumourTypeRoute.HIGH_PREVALENCE,
                    resulted("ORD-D1", DNA_NGS, NEGATIVE)));

            assertThat(d.version().body().overallCall()).isEqualTo(OverallCall.INCONCLUSIVE);
            assertThat(d.version().body().ruleSetVersion()).isEqualTo(ReportInterpreter.RULE_SET_VERSION);
        }
    }
}
