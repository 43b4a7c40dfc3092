package org.ntrklab.assaytracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.assaytracking.tracking.AssayCase;
import org.ntrklab.assaytracking.tracking.AssayDesk;
import org.ntrklab.assaytracking.tracking.BenchResults;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AssayEventRejected;
import org.ntrklab.events.AssayEventRejection;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayRunCompleted;
import org.ntrklab.events.AssayRunEvent;
import org.ntrklab.events.AssayRunStarted;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.streams.TopologyHarness;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.LifecycleEvents;
import org.ntrklab.testkit.TestNamespace;

/**
 * The assay-tracking topology under TopologyTestDriver with the real registry serdes: a run from QC to
 * result, misfiled and empty run records, cancellation, and the open-order gauge.
 */
class AssayTrackingTopologyTest {

    private static final String ACCESSION = "NT26-00-000311";
    private static final String ORDER = "ORD-311-RNA";
    private static final String RUN = "RUN-2026-0304-NS2";
    private static final Instant BENCH = LabEvents.RECEIVED_AT.plus(Duration.ofHours(20));

    private Topics topics;
    private TopologyHarness harness;
    private TopologyTestDriver driver;
    private TestInputTopic<String, AssayOrderEvent> orders;
    private TestInputTopic<String, QcDecisionEvent> qcDecisions;
    private TestInputTopic<String, AccessionEvent> accessions;
    private TestInputTopic<String, AssayRunEvent> runs;
    private TestOutputTopic<String, AssayStatusEvent> status;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void start(TestInfo info) {
        meters = new SimpleMeterRegistry();
        harness = TopologyHarness.start(TestNamespace.of(info), (t, serdes) -> AssayTrackingTopology.topology(t, serdes,
                new AssayDesk(Duration.ofDays(400)), new AssayTrackingMetrics(meters), Duration.ofMinutes(10)),
                LabEvents.RECEIVED_AT);
        topics = harness.topics();
        driver = harness.driver();
        orders = harness.input(topics.assayOrders());
        qcDecisions = harness.input(topics.qcDecisions());
        accessions = harness.input(topics.accessions());
        runs = harness.input(topics.assayRuns());
        status = harness.output(topics.assayStatus());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void anRnaNgsOrderGoesFromQcToAPositiveResult() {
        qc(QcVerdict.PASS, BENCH);
        order(BENCH.plus(Duration.ofMinutes(5)));
        run(ACCESSION, started(), BENCH.plus(Duration.ofHours(2)));
        NgsResult fusion = BenchResults.ngsEtv6Ntrk3();
        AssayRunEvent completion = run(ACCESSION, completed(fusion), BENCH.plus(Duration.ofHours(30)));

        List<TestRecord<String, AssayStatusEvent>> out = status.readRecordsToList();

        assertThat(out).extracting(TestRecord::key).containsOnly(ACCESSION);
        assertThat(out).extracting(r -> r.value().getAccessionId()).containsOnly(ACCESSION);
        assertThat(out).extracting(r -> r.value().getSource()).containsOnly("assay-tracking");
        assertThat(out).hasSize(5);
        assertThat(out.subList(0, 4)).extracting(r -> (AssayStatusChanged) r.value().getPayload())
                .extracting(AssayStatusChanged::getOrderId, AssayStatusChanged::getFromState,
                        AssayStatusChanged::getToState)
                .containsExactly(tuple(ORDER, null, AssayState.ORDERED),
                        tuple(ORDER, AssayState.ORDERED, AssayState.READY),
                        tuple(ORDER, AssayState.READY, AssayState.IN_PROGRESS),
                        tuple(ORDER, AssayState.IN_PROGRESS, AssayState.RESULTED));
        assertThat(out.get(4).value().getPayload()).isInstanceOfSatisfying(AssayResulted.class, r -> {
            assertThat(r.getOrderId()).isEqualTo(ORDER);
            assertThat(r.getAssay()).isEqualTo(AssayType.RNA_NGS);
            assertThat(r.getRunId()).isEqualTo(RUN);
            assertThat(r.getInterpretation()).isEqualTo(AssayInterpretation.POSITIVE);
            assertThat(r.getResultDetails()).isEqualTo(fusion);
        });
        assertThat(out.get(4).value().getCausationId()).isEqualTo(completion.getEventId());
        assertThat(out).extracting(r -> r.value().getEventId()).doesNotHaveDuplicates();
        assertThat(caseState().orders().get(ORDER).state()).isEqualTo(AssayState.RESULTED);
    }

    @Test
    void aRunRecordKeyedByAnotherAccessionIsRejectedUnderItsOwnAccession() {
        qc(QcVerdict.PASS, BENCH);
        order(BENCH);
        status.readRecordsToList();

        AssayRunEvent misfiled = run("NT26-00-000999", started(), BENCH.plus(Duration.ofHours(1)));

        TestRecord<String, AssayStatusEvent> rejected = status.readRecord();
        assertThat(rejected.key()).isEqualTo(ACCESSION);
        assertThat(rejected.value().getAccessionId()).isEqualTo(ACCESSION);
        assertThat(rejected.value().getPayload()).isInstanceOfSatisfying(AssayEventRejected.class, r -> {
            assertThat(r.getRejection()).isEqualTo(AssayEventRejection.WRONG_KEY);
            assertThat(r.getRejectedEventId()).isEqualTo(misfiled.getEventId());
            assertThat(r.getOrderId()).isEqualTo(ORDER);
            assertThat(r.getRunId()).isEqualTo(RUN);
        });
        assertThat(status.isEmpty()).isTrue();
        // The misfiled run did not start the order.
        assertThat(caseState().orders().get(ORDER).state()).isEqualTo(AssayState.READY);
    }

    @Test
    void aRunRecordWithoutAValueIsRejectedAsMissingField() {
        long timestamp = BENCH.toEpochMilli();
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(topics.assayRuns().name(), new StringSerializer(),
                new ByteArraySerializer());

        raw.pipeInput(ACCESSION, null, timestamp);

        TestRecord<String, AssayStatusEvent> rejected = status.readRecord();
        assertThat(rejected.key()).isEqualTo(ACCESSION);
        assertThat(rejected.value().getAccessionId()).isEqualTo(ACCESSION);
        assertThat(rejected.value().getPayload()).isInstanceOfSatisfying(AssayEventRejected.class, r -> {
            assertThat(r.getRejection()).isEqualTo(AssayEventRejection.MISSING_FIELD);
            assertThat(r.getRejectedEventId()).isEqualTo(EventIds.ofRecordWithoutValue(ACCESSION, timestamp));
            assertThat(r.getOrderId()).isNull();
        });
        assertThat(status.isEmpty()).isTrue();
        assertThat(caseState()).isNull();
    }

    @Test
    void cancellingTheAccessionCancelsTheRunningAssayAndRefusesItsLateResult() {
        qc(QcVerdict.PASS, BENCH);
        order(BENCH);
        run(ACCESSION, started(), BENCH.plus(Duration.ofHours(1)));
        status.readRecordsToList();

        AccessionEvent cancellation = LabEvents.accessionCancelled(ACCESSION, "SP-311", "ORD-LIMS-311");
        accessions.pipeInput(ACCESSION, cancellation, cancellation.getOccurredAt());

        TestRecord<String, AssayStatusEvent> cancelled = status.readRecord();
        assertThat(cancelled.key()).isEqualTo(ACCESSION);
        assertThat(cancelled.value().getCausationId()).isEqualTo(cancellation.getEventId());
        assertThat(cancelled.value().getPayload()).isInstanceOfSatisfying(AssayStatusChanged.class, s -> {
            assertThat(s.getOrderId()).isEqualTo(ORDER);
            assertThat(s.getFromState()).isEqualTo(AssayState.IN_PROGRESS);
            assertThat(s.getToState()).isEqualTo(AssayState.CANCELLED);
            assertThat(s.getReason()).isEqualTo("ACCESSION_CANCELLED");
        });
        assertThat(status.isEmpty()).isTrue();

        AssayRunEvent late = run(ACCESSION, completed(BenchResults.ngsEtv6Ntrk3()), BENCH.plus(Duration.ofHours(30)));

        TestRecord<String, AssayStatusEvent> refused = status.readRecord();
        assertThat(refused.key()).isEqualTo(ACCESSION);
        assertThat(refused.value().getPayload()).isInstanceOfSatisfying(AssayEventRejected.class, r -> {
            assertThat(r.getRejection()).isEqualTo(AssayEventRejection.ORDER_CANCELLED);
            assertThat(r.getRejectedEventId()).isEqualTo(late.getEventId());
            assertThat(r.getOrderId()).isEqualTo(ORDER);
        });
        assertThat(status.isEmpty()).isTrue();
        assertThat(caseState().orders().get(ORDER).state()).isEqualTo(AssayState.CANCELLED);
    }

    @Test
    void theOpenAssayGaugeFollowsTheRunAndMisfiledRecordsAreCounted() {
        qc(QcVerdict.PASS, BENCH);
        order(BENCH);
        assertThat(open("READY")).isEqualTo(1.0);

        run(ACCESSION, started(), BENCH.plus(Duration.ofHours(1)));
        assertThat(open("IN_PROGRESS")).isEqualTo(1.0);
        assertThat(open("READY")).isEqualTo(0.0);

        run(ACCESSION, completed(BenchResults.ngsEtv6Ntrk3()), BENCH.plus(Duration.ofHours(30)));
        assertThat(open("IN_PROGRESS")).isEqualTo(0.0);
        assertThat(open("ORDERED") + open("READY") + open("BLOCKED_QC")).isEqualTo(0.0);

        run("NT26-00-000999", started(), BENCH.plus(Duration.ofHours(31)));
        assertThat(meters.get("ntrk.assay.event.rejections").tag("rejection", "WRONG_KEY").counter().count())
                .isEqualTo(1.0);
        assertThat(meters.get("ntrk.assay.event.rejections").tag("rejection", "ORDER_CANCELLED").counter().count())
                .isEqualTo(0.0);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private double open(String state) {
        return meters.get("ntrk.assays.open").tag("assay", "RNA_NGS").tag("state", state).gauge().value();
    }

    private void qc(QcVerdict verdict, Instant at) {
        QcDecisionEvent decision = LifecycleEvents.qcDecided(ACCESSION, AssayType.RNA_NGS, verdict, at);
        qcDecisions.pipeInput(ACCESSION, decision, at);
    }

    private void order(Instant at) {
        AssayOrderEvent order = LifecycleEvents.ordered(ACCESSION, ORDER, AssayType.RNA_NGS, null, null, at);
        orders.pipeInput(ACCESSION, order, at);
    }

    /** Pipes a run event for this case's accession under {@code key}, as an instrument would write it. */
    private AssayRunEvent run(String key, Object payload, Instant at) {
        AssayRunEvent event = AssayRunEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                .setAccessionId(ACCESSION).setSource("nextseq-2").setPayload(payload).build();
        runs.pipeInput(key, event, at);
        return event;
    }

    private static AssayRunStarted started() {
        return AssayRunStarted.newBuilder().setOrderId(ORDER).setAssay(AssayType.RNA_NGS).setRunId(RUN)
                .setInstrumentId("NEXTSEQ-2").build();
    }

    private static AssayRunCompleted completed(Object result) {
        return AssayRunCompleted.newBuilder().setOrderId(ORDER).setAssay(AssayType.RNA_NGS).setRunId(RUN)
                .setResultDetails(result).build();
    }

    private AssayCase caseState() {
        return driver.<String, AssayCase>getKeyValueStore(AssayTrackingTopology.CASES).get(ACCESSION);
    }
}
