package org.ntrklab.reflex;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.OrderReason;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.platform.deadletter.DeadLetterHeaders;
import org.ntrklab.platform.streams.TopologyHarness;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.reflex.plan.ReflexCase;
import org.ntrklab.reflex.plan.ReflexDesk;
import org.ntrklab.reflex.plan.ReflexPolicy;
import org.ntrklab.reflex.rules.ReflexRuleTableLoader;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.LifecycleEvents;
import org.ntrklab.testkit.TestNamespace;
import org.ntrklab.testkit.TopicRecords;

/**
 * The reflex topology under TopologyTestDriver with the real registry serdes (and the real broker for
 * dead letters): envelopes of the orders it writes, reflexes from results, misfiled input, eviction.
 */
class ReflexTopologyTest {

    private static final String ACC = "NT26-00-000001";
    private static final Instant QC_AT = LabEvents.RECEIVED_AT.plus(Duration.ofHours(20));

    private Topics topics;
    private TopologyHarness harness;
    private TopologyTestDriver driver;
    private TestInputTopic<String, AccessionEvent> accessions;
    private TestInputTopic<String, QcDecisionEvent> qc;
    private TestInputTopic<String, AssayStatusEvent> status;
    private TestOutputTopic<String, AssayOrderEvent> orders;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void start(TestInfo info) {
        meters = new SimpleMeterRegistry();
        ReflexDesk desk = new ReflexDesk(new ReflexPolicy(ReflexRuleTableLoader.defaults()), Duration.ofDays(30));
        harness = TopologyHarness.start(TestNamespace.of(info), (t, serdes) -> ReflexTopology.topology(t, serdes, desk,
                new ReflexMetrics(meters), Duration.ofHours(1)), LabEvents.RECEIVED_AT);
        topics = harness.topics();
        driver = harness.driver();
        accessions = harness.input(topics.accessions());
        qc = harness.input(topics.qcDecisions());
        status = harness.input(topics.assayStatus());
        orders = harness.output(topics.assayOrders());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void ordersCarryTheirCauseAndReflexesNameTheTriggeringResult() {
        SpecimenReceived receipt = LabEvents.ffpeWorkUp().build();
        accessions.pipeInput(ACC, LabEvents.accessioned(ACC, "SP-1", receipt));
        assertThat(orders.isEmpty()).as("no order before the IHC QC decision").isTrue();
        assertThat(meters.get("ntrk.reflex.cases.waiting.for.qc").gauge().value()).isEqualTo(1);
        QcDecisionEvent ihcQc = LifecycleEvents.qcDecided(ACC, AssayType.PAN_TRK_IHC, QcVerdict.PASS, QC_AT);
        qc.pipeInput(ACC, ihcQc);
        TestRecord<String, AssayOrderEvent> first = orders.readRecord();
        assertThat(first.key()).isEqualTo(ACC);
        assertThat(first.value().getSource()).isEqualTo("reflex");
        assertThat(first.value().getCausationId()).isEqualTo(ihcQc.getEventId());
        assertThat(first.value().getOccurredAt()).isEqualTo(QC_AT);
        AssayOrdered ihc = (AssayOrdered) first.value().getPayload();
        assertThat(ihc.getAssay()).isEqualTo(AssayType.PAN_TRK_IHC);
        assertThat(ihc.getOrderId()).isEqualTo(ACC + "-IHC1");
        assertThat(ihc.getRuleId()).isEqualTo("RX-ROUTE-IHC-SCREEN");
        assertThat(meters.get("ntrk.reflex.cases.waiting.for.qc").gauge().value()).isZero();

        qc.pipeInput(ACC, LifecycleEvents.qcDecided(ACC, AssayType.RNA_NGS, QcVerdict.PASS_WITH_CAVEAT, QC_AT));
        AssayStatusEvent positive = LifecycleEvents.resulted(ACC, ihc.getOrderId(), AssayType.PAN_TRK_IHC,
                AssayInterpretation.POSITIVE, QC_AT.plus(Duration.ofDays(1)));
        status.pipeInput(ACC, positive);
        status.pipeInput(ACC, positive);
        List<AssayOrderEvent> reflexes = orders.readValuesToList();
        assertThat(reflexes).as("a redelivered result orders once").hasSize(1);
        AssayOrdered rna = (AssayOrdered) reflexes.get(0).getPayload();
        assertThat(rna.getAssay()).isEqualTo(AssayType.RNA_NGS);
        assertThat(rna.getReason()).isEqualTo(OrderReason.REFLEX);
        assertThat(rna.getTriggeredBy().getOrderId()).isEqualTo(ihc.getOrderId());
        assertThat(rna.getTriggeredBy().getEventId()).isEqualTo(positive.getEventId());
        assertThat(reflexes.get(0).getOccurredAt()).isEqualTo(positive.getOccurredAt());
        assertThat(meters.get("ntrk.reflex.orders").tags("reason", "REFLEX", "rule", "RX-IHC-POSITIVE", "assay", "RNA_NGS")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void aMisfiledRecordIsDeadLetteredAndTheNextRecordIsStillHandled() {
        QcDecisionEvent misfiled = LifecycleEvents.qcDecided(ACC, AssayType.PAN_TRK_IHC, QcVerdict.PASS, QC_AT);
        qc.pipeInput("NT26-00-000999", misfiled);
        accessions.pipeInput(ACC, LabEvents.accessioned(ACC, "SP-1", LabEvents.ffpeWorkUp().build()));
        qc.pipeInput(ACC, LifecycleEvents.qcDecided(ACC, AssayType.PAN_TRK_IHC, QcVerdict.PASS, QC_AT));
        assertThat(orders.readValuesToList()).hasSize(1);

        List<ConsumerRecord<byte[], byte[]>> dead =
                TopicRecords.readCommitted(topics.qcDecisions().deadLetterTopic(), 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).key())).isEqualTo("NT26-00-000999");
        assertThat(DeadLetterHeaders.get(dead.get(0).headers(), DeadLetterHeaders.STAGE)).isEqualTo("PROCESSING");
    }

    @Test
    void anUnlistedTumourTypeIsCountedAndASettledCaseIsEvicted() {
        SpecimenReceived receipt = LabEvents.ffpeWorkUp().setTumourType(org.ntrklab.events.TumourType.newBuilder()
                .setOncoTreeCode("XYZQ").setText("unlisted").build()).build();
        accessions.pipeInput(ACC, LabEvents.accessioned(ACC, "SP-1", receipt));
        assertThat(meters.get("ntrk.reflex.unlisted.tumour.types").counter().count()).isEqualTo(1);
        qc.pipeInput(ACC, LifecycleEvents.qcDecided(ACC, AssayType.PAN_TRK_IHC, QcVerdict.PASS, QC_AT));
        String orderId = ((AssayOrdered) orders.readValue().getPayload()).getOrderId();
        status.pipeInput(ACC, LifecycleEvents.resulted(ACC, orderId, AssayType.PAN_TRK_IHC,
                AssayInterpretation.NEGATIVE, QC_AT.plus(Duration.ofDays(1))));
        assertThat(store().get(ACC).settled()).isTrue();

        driver.advanceWallClockTime(Duration.ofDays(29));
        assertThat(store().get(ACC)).as("kept within the retention").isNotNull();
        driver.advanceWallClockTime(Duration.ofDays(2));
        assertThat(store().get(ACC)).as("forgotten after the retention").isNull();
    }

    private org.apache.kafka.streams.state.KeyValueStore<String, ReflexCase> store() {
        return driver.getKeyValueStore(ReflexTopology.CASES);
    }
}
