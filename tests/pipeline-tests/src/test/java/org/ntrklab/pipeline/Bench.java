package org.ntrklab.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ntrklab.events.AssayRunCompleted;
import org.ntrklab.events.AssayRunEvent;
import org.ntrklab.events.AssayRunFailed;
import org.ntrklab.events.AssayRunStarted;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.CfDnaResult;
import org.ntrklab.events.FusionCall;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.IhcStainingPattern;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.RunFailureReason;

/** Run events and instrument results as the bench and the sequencers write them to lab.assay-runs. */
final class Bench {

    private Bench() {
    }

    static AssayRunEvent started(String accessionId, String orderId, AssayType assay, String runId, Instant at) {
        return run(accessionId, at, AssayRunStarted.newBuilder().setOrderId(orderId).setAssay(assay).setRunId(runId)
                .setInstrumentId("BENCH-1").build());
    }

    static AssayRunEvent completed(String accessionId, String orderId, AssayType assay, String runId, Object details,
            Instant at) {
        return run(accessionId, at, AssayRunCompleted.newBuilder().setOrderId(orderId).setAssay(assay).setRunId(runId)
                .setResultDetails(details).build());
    }

    static AssayRunEvent failed(String accessionId, String orderId, AssayType assay, String runId,
            RunFailureReason reason, Instant at) {
        return run(accessionId, at, AssayRunFailed.newBuilder().setOrderId(orderId).setAssay(assay).setRunId(runId)
                .setReason(reason).setDetail("run QC").build());
    }

    /** A pan-TRK IHC stain with the EPR17341 clone and a working internal control. */
    static IhcResult ihc(IhcCall call) {
        boolean stained = call == IhcCall.POSITIVE || call == IhcCall.EQUIVOCAL;
        return IhcResult.newBuilder().setClone("EPR17341").setPercentPositiveTumourCells(stained ? 40 : 0)
                .setIntensity(call == IhcCall.POSITIVE ? 2 : call == IhcCall.EQUIVOCAL ? 1 : 0)
                .setPatterns(stained ? List.of(IhcStainingPattern.CYTOPLASMIC) : List.of())
                .setInternalControlOk(true).setCall(call).build();
    }

    /** An NGS fusion call, 5' partner first, e.g. ETV6 exon 5 :: NTRK3 exon 15. */
    static FusionCall fusion(String fivePrime, int fivePrimeExon, String threePrime, int threePrimeExon) {
        return FusionCall.newBuilder().setFivePrimeGene(fivePrime).setThreePrimeGene(threePrime)
                .setFivePrimeExon(fivePrimeExon).setThreePrimeExon(threePrimeExon).setInFrame(true)
                .setKinaseDomainRetained(true).setSupportingReads(412).setUniqueMolecules(96).build();
    }

    static NgsResult ngs(String panel, FusionCall... fusions) {
        return NgsResult.newBuilder().setPanel(panel)
                .setCall(fusions.length > 0 ? MolecularCall.FUSION_DETECTED : MolecularCall.NO_FUSION_DETECTED)
                .setFusions(List.of(fusions)).setMappedReads(3_200_000L).setRunQcPassed(true).build();
    }

    static CfDnaResult cfDnaNotDetected() {
        return CfDnaResult.newBuilder().setPanel("cfDNA panel").setCall(MolecularCall.NO_FUSION_DETECTED)
                .setFusions(List.of()).setCfDnaInputNg(30.0).build();
    }

    private static AssayRunEvent run(String accessionId, Instant at, Object payload) {
        return AssayRunEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                .setAccessionId(accessionId).setSource("test-bench").setPayload(payload).build();
    }
}
