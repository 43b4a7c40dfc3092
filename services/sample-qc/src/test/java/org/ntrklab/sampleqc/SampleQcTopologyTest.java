package org.ntrklab.sampleqc;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.Analyte;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.events.QcMeasurementRejected;
import org.ntrklab.events.QcRejectionCode;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.events.SpecimenRejected;
import org.ntrklab.platform.deadletter.DeadLetterHeaders;
import org.ntrklab.platform.streams.TopologyHarness;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.sampleqc.evaluation.QcCase;
import org.ntrklab.sampleqc.evaluation.QcDesk;
import org.ntrklab.sampleqc.evaluation.QcEvaluator;
import org.ntrklab.sampleqc.rules.QcRuleTableLoader;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.TestNamespace;
import org.ntrklab.testkit.TopicRecords;

/**
 * The sample-qc topology under TopologyTestDriver with the real registry serdes (and the real broker for
 * dead letters): measurements before their accession, re-measurement, repeats, bad records, orphans.
 */
class SampleQcTopologyTest {

    private static final Duration ORPHAN_TIMEOUT = Duration.ofDays(7);
    private static final Instant BENCH = LabEvents.RECEIVED_AT.plus(Duration.ofHours(20));

    private Topics topics;
    private TopologyHarness harness;
    private TopologyTestDriver driver;
    private TestInputTopic<String, AccessionEvent> accessions;
    private TestInputTopic<String, QcMeasurementEvent> measurements;
    private TestOutputTopic<String, QcDecisionEvent> decisions;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void start(TestInfo info) {
        meters = new SimpleMeterRegistry();
        QcDesk desk = new QcDesk(new QcEvaluator(QcRuleTableLoader.defaults()), ORPHAN_TIMEOUT, Duration.ofDays(400));
        harness = TopologyHarness.start(TestNamespace.of(info), (t, serdes) -> SampleQcTopology.topology(t, serdes,
                desk, new SampleQcMetrics(meters), Duration.ofMinutes(10)), LabEvents.RECEIVED_AT);
        topics = harness.topics();
        driver = harness.driver();
        accessions = harness.input(topics.accessions());
        measurements = harness.input(topics.qcMeasurements());
        decisions = harness.output(topics.qcDecisions());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void measurementsThatArriveBeforeTheirAccessionAreKeptAndJudgedWhenItArrives() {
        measure(LabEvents.tumourContent("NT26-00-000001", true, 40.0, BENCH));
        measure(LabEvents.extraction("NT26-00-000001", Analyte.RNA, 80, 55.0, null, BENCH));
        measure(LabEvents.extraction("NT26-00-000001", Analyte.DNA, 150, null, 1.2, BENCH));
        assertThat(decisions.isEmpty()).isTrue();
        assertThat(caseState("NT26-00-000001").accessioned()).isFalse();

        accession("NT26-00-000001", LabEvents.ffpeWorkUp().build());
        Map<AssayType, QcDecided> byAssay = decidedByAssay(decisions.readRecordsToList());
        // Every assay of the tissue work-up is judged, all on good material.
        assertThat(byAssay).containsOnlyKeys(AssayType.PAN_TRK_IHC, AssayType.NTRK_FISH, AssayType.RT_PCR,
                AssayType.RNA_NGS, AssayType.DNA_NGS);
        assertThat(byAssay.values()).extracting(QcDecided::getVerdict).containsOnly(QcVerdict.PASS);
        assertThat(byAssay.get(AssayType.RNA_NGS).getFindings()).extracting(f -> f.getRuleId())
                .contains("QC-RNA-TUMOUR", "QC-RNA-DV200", "QC-RNA-YIELD", "QC-DECALCIFICATION", "QC-BLOCK-AGE");
        assertThat(byAssay.get(AssayType.RNA_NGS).getRuleSetVersion()).isEqualTo(QcRuleTableLoader.defaults().version());
    }

    @Test
    void aReExtractionSupersedesTheEarlierDecision() {
        accession("NT26-00-000002", LabEvents.ffpeWorkUp().build());
        measure(LabEvents.tumourContent("NT26-00-000002", true, 40.0, BENCH));
        QcMeasurementEvent firstRna = LabEvents.extraction("NT26-00-000002", Analyte.RNA, 80, 55.0, null, BENCH);
        measure(firstRna);
        Map<AssayType, QcDecided> first = decidedByAssay(decisions.readRecordsToList());
        assertThat(first.get(AssayType.RNA_NGS).getVerdict()).isEqualTo(QcVerdict.PASS);
        String firstRnaDecision = decisionIds.get(AssayType.RNA_NGS);

        // The same measurement delivered again changes nothing.
        measure(firstRna);
        assertThat(decisions.isEmpty()).isTrue();

        measure(LabEvents.extraction("NT26-00-000002", Analyte.RNA, 80, 24.0, null, BENCH.plus(Duration.ofDays(1))));
        Map<AssayType, QcDecided> second = decidedByAssay(decisions.readRecordsToList());
        assertThat(second).containsOnlyKeys(AssayType.RNA_NGS, AssayType.RT_PCR);
        QcDecided rna = second.get(AssayType.RNA_NGS);
        assertThat(rna.getVerdict()).isEqualTo(QcVerdict.FAIL);
        assertThat(rna.getSupersedesEventId()).isEqualTo(firstRnaDecision);
        assertThat(rna.getFindings()).filteredOn(f -> f.getRuleId().equals("QC-RNA-DV200")).singleElement()
                .satisfies(f -> {
                    assertThat(f.getMeasuredValue()).isEqualTo(24.0);
                    assertThat(f.getThresholdValue()).isEqualTo(30.0);
                    assertThat(f.getVerdict()).isEqualTo(QcVerdict.FAIL);
                });

        // An older extraction that arrives late does not undo the newer one.
        measure(LabEvents.extraction("NT26-00-000002", Analyte.RNA, 80, 70.0, null, BENCH.minus(Duration.ofHours(1))));
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void badMeasurementsAreRejectedWithReasonsAndUnreadableOnesDeadLettered() {
        accession("NT26-00-000003", LabEvents.ffpeWorkUp().build());
        decisions.readRecordsToList();
        String topic = topics.qcMeasurements().name();
        byte[] garbage = "\u0000\u0000\u0000\u0000\u0001 not avro".getBytes(StandardCharsets.UTF_8);
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
        raw.pipeInput("NT26-00-000003", garbage);
        raw.pipeInput("NT26-00-000003", null);
        measure(LabEvents.extraction("NT26-00-000003", Analyte.DNA, -5, null, Double.NaN, BENCH));
        measurements.pipeInput("NT26-00-000999", LabEvents.tumourContent("NT26-00-000003", true, 30.0, BENCH));
        measure(LabEvents.extraction("NT26-00-000003", Analyte.CFDNA, 30, null, null, BENCH));

        List<QcMeasurementRejected> rejected = decisions.readValuesToList().stream()
                .map(e -> (QcMeasurementRejected) e.getPayload()).toList();
        assertThat(rejected).hasSize(4);
        assertThat(codes(rejected.get(0))).containsExactly(QcRejectionCode.MISSING_FIELD);
        assertThat(codes(rejected.get(1))).containsExactly(QcRejectionCode.MALFORMED_VALUE, QcRejectionCode.MALFORMED_VALUE);
        assertThat(codes(rejected.get(2))).containsExactly(QcRejectionCode.WRONG_KEY);
        assertThat(codes(rejected.get(3))).containsExactly(QcRejectionCode.ANALYTE_INCOMPATIBLE_WITH_SPECIMEN);

        List<ConsumerRecord<byte[], byte[]>> dead =
                TopicRecords.readCommitted(topics.qcMeasurements().deadLetterTopic(), 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(garbage);
        assertThat(DeadLetterHeaders.get(dead.get(0).headers(), DeadLetterHeaders.STAGE)).isEqualTo("DESERIALIZATION");
    }

    @Test
    void measurementsWhoseAccessionNeverArrivesAreRejectedAfterTheWaitingPeriod() {
        QcMeasurementEvent orphan = LabEvents.tumourContent("NT26-00-000404", true, 50.0, BENCH);
        measure(orphan);
        driver.advanceWallClockTime(ORPHAN_TIMEOUT.minus(Duration.ofHours(1)));
        assertThat(decisions.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofHours(2));
        TestRecord<String, QcDecisionEvent> rejected = decisions.readRecord();
        assertThat(rejected.key()).isEqualTo("NT26-00-000404");
        assertThat(rejected.value().getPayload()).isInstanceOfSatisfying(QcMeasurementRejected.class, r -> {
            assertThat(r.getMeasurementEventId()).isEqualTo(orphan.getEventId());
            assertThat(codes(r)).containsExactly(QcRejectionCode.UNKNOWN_ACCESSION);
        });
        assertThat(caseState("NT26-00-000404")).isNull();
    }

    @Test
    void aCancelledAccessionIsNotJudgedAndRejectionsWithoutAccessionAreIgnored() {
        SpecimenReceived receipt = LabEvents.ffpeWorkUp().build();
        accession("NT26-00-000005", receipt);
        decisions.readRecordsToList();
        accessions.pipeInput("NT26-00-000005", LabEvents.accessionCancelled("NT26-00-000005", "SP-5", receipt.getOrderId()));
        measure(LabEvents.tumourContent("NT26-00-000005", true, 50.0, BENCH));
        TestRecord<String, QcDecisionEvent> rejected = decisions.readRecord();
        assertThat(codes((QcMeasurementRejected) rejected.value().getPayload()))
                .containsExactly(QcRejectionCode.ACCESSION_CANCELLED);

        AccessionEvent rejection = AccessionEvent.newBuilder(LabEvents.accessioned("X", "SP-R", receipt))
                .setAccessionId(null)
                .setPayload(SpecimenRejected.newBuilder().setSpecimenId("SP-R").setOrderId(null).setReasons(List.of()).build())
                .build();
        accessions.pipeInput("SP-R", rejection);
        assertThat(decisions.isEmpty()).isTrue();
        assertThat(caseState("SP-R")).isNull();
    }

    private final Map<AssayType, String> decisionIds = new java.util.EnumMap<>(AssayType.class);

    private Map<AssayType, QcDecided> decidedByAssay(List<TestRecord<String, QcDecisionEvent>> records) {
        records.forEach(r -> decisionIds.put(((QcDecided) r.value().getPayload()).getAssay(), r.value().getEventId()));
        return records.stream().map(r -> (QcDecided) r.value().getPayload())
                .collect(Collectors.toMap(QcDecided::getAssay, Function.identity(), (a, b) -> b));
    }

    private void accession(String accessionId, SpecimenReceived receipt) {
        AccessionEvent event = LabEvents.accessioned(accessionId, "SP-" + accessionId, receipt);
        accessions.pipeInput(accessionId, event, event.getOccurredAt());
    }

    private void measure(QcMeasurementEvent event) {
        measurements.pipeInput(event.getAccessionId(), event, event.getOccurredAt());
    }

    private QcCase caseState(String accessionId) {
        return driver.<String, QcCase>getKeyValueStore(SampleQcTopology.CASES).get(accessionId);
    }

    private static List<QcRejectionCode> codes(QcMeasurementRejected r) {
        return r.getReasons().stream().map(x -> x.getCode()).toList();
    }
}
