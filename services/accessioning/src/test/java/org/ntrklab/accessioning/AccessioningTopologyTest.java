package org.ntrklab.accessioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
import org.ntrklab.accessioning.intake.AssaySpecimenCompatibility;
import org.ntrklab.accessioning.intake.SpecimenIntakeCheck;
import org.ntrklab.accessioning.ledger.AccessionDesk;
import org.ntrklab.accessioning.ledger.AccessionNumbers;
import org.ntrklab.accessioning.ledger.LedgerEntry;
import org.ntrklab.accessioning.ledger.LedgerStatus;
import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.CancellationReason;
import org.ntrklab.events.RejectionCode;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.events.SpecimenRejected;
import org.ntrklab.platform.deadletter.DeadLetterHeaders;
import org.ntrklab.platform.streams.TopologyHarness;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.TestNamespace;
import org.ntrklab.testkit.TopicRecords;

/**
 * The accessioning topology under TopologyTestDriver, with the real registry serdes and, for dead
 * letters, the real broker: repeats, conflicting resends, cancellations and unreadable records.
 */
class AccessioningTopologyTest {

    private SimpleMeterRegistry meters;
    private Topics topics;
    private TopologyHarness harness;
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecimenEvent> lims;
    private TestOutputTopic<String, AccessionEvent> accessions;

    @BeforeEach
    void start(TestInfo info) {
        meters = new SimpleMeterRegistry();
        AccessionDesk desk = new AccessionDesk(
                new SpecimenIntakeCheck(AssaySpecimenCompatibility.defaults(), Duration.ofMinutes(5)),
                new AccessionNumbers("NT"));
        harness = TopologyHarness.start(TestNamespace.of(info),
                (t, serdes) -> AccessioningTopology.topology(t, serdes, desk, new AccessioningMetrics(meters),
                        Duration.ofDays(400), Duration.ofHours(1)), null);
        topics = harness.topics();
        driver = harness.driver();
        lims = harness.input(topics.limsSpecimenEvents());
        accessions = harness.output(topics.accessions());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aRepeatedSpecimenKeepsItsOneAccessionAndWritesNothingMore() {
        SpecimenReceived receipt = LabEvents.ffpeWorkUp().build();
        SpecimenEvent first = LabEvents.received("SP-1", receipt);
        send(first);
        send(first);
        // The LIMS resends the same receipt as a new event.
        send(LabEvents.received("SP-1", receipt));

        List<TestRecord<String, AccessionEvent>> out = accessions.readRecordsToList();
        assertThat(out).hasSize(1);
        AccessionEvent accessioned = out.get(0).value();
        assertThat(accessioned.getPayload()).isInstanceOf(SpecimenAccessioned.class);
        assertThat(out.get(0).key()).isEqualTo(accessioned.getAccessionId()).matches("NT26-\\d{2}-000001");
        assertThat(accessioned.getCausationId()).isEqualTo(first.getEventId());
        assertThat(ledger("SP-1").accessionId()).isEqualTo(accessioned.getAccessionId());
        assertThat(count("SpecimenReceived", "duplicate")).isEqualTo(2);

        // Different details under the same specimen id are refused, and the accession stands.
        send(LabEvents.received("SP-1", SpecimenReceived.newBuilder(receipt).setAgeYears(65).build()));
        TestRecord<String, AccessionEvent> refused = accessions.readRecord();
        assertThat(refused.key()).isEqualTo("SP-1");
        assertThat(refused.value().getAccessionId()).isNull();
        assertThat(reasons(refused.value())).containsExactly(RejectionCode.CONFLICTING_DUPLICATE);
        assertThat(ledger("SP-1").status()).isEqualTo(LedgerStatus.ACCESSIONED);
    }

    @Test
    void aCancellationCancelsTheAccessionAndAResendIsRefused() {
        SpecimenReceived receipt = LabEvents.ffpeWorkUp().build();
        send(LabEvents.received("SP-2", receipt));
        String accessionId = accessions.readRecord().value().getAccessionId();

        send(LabEvents.cancelled("SP-2", receipt.getOrderId(), CancellationReason.ORDER_WITHDRAWN));
        TestRecord<String, AccessionEvent> cancelled = accessions.readRecord();
        assertThat(cancelled.key()).isEqualTo(accessionId);
        assertThat(cancelled.value().getPayload()).isInstanceOfSatisfying(AccessionCancelled.class,
                c -> assertThat(c.getReason()).isEqualTo(CancellationReason.ORDER_WITHDRAWN));
        assertThat(ledger("SP-2").status()).isEqualTo(LedgerStatus.CANCELLED);

        send(LabEvents.received("SP-2", receipt));
        assertThat(reasons(accessions.readRecord().value())).containsExactly(RejectionCode.ORDER_CANCELLED);

        // A cancellation naming another order does not touch this specimen.
        send(LabEvents.cancelled("SP-2", "ORD-OTHER", CancellationReason.ORDER_WITHDRAWN));
        assertThat(reasons(accessions.readRecord().value())).containsExactly(RejectionCode.ORDER_MISMATCH);
        assertThat(accessions.isEmpty()).isTrue();
    }

    @Test
    void aCancellationBeforeTheSpecimenArrivesIsKeptAndTheLaterReceiptRefused() {
        SpecimenReceived receipt = LabEvents.ffpeWorkUp().build();
        send(LabEvents.cancelled("SP-3", receipt.getOrderId(), CancellationReason.DUPLICATE_ORDER));
        TestRecord<String, AccessionEvent> cancelled = accessions.readRecord();
        assertThat(cancelled.key()).isEqualTo("SP-3");
        assertThat(cancelled.value().getAccessionId()).isNull();
        assertThat(cancelled.value().getPayload()).isInstanceOf(AccessionCancelled.class);

        send(LabEvents.received("SP-3", receipt));
        assertThat(reasons(accessions.readRecord().value())).containsExactly(RejectionCode.ORDER_CANCELLED);
        assertThat(accessions.isEmpty()).isTrue();
    }

    @Test
    void accessionNumbersFollowEachOtherWithinAPartition() {
        for (int i = 1; i <= 3; i++) {
            send(LabEvents.received("SP-N" + i, LabEvents.ffpeWorkUp().build()));
        }
        send(LabEvents.received("SP-BAD", LabEvents.ffpeWorkUp().setAgeYears(null).build()));
        send(LabEvents.received("SP-N4", LabEvents.ffpeWorkUp().build()));
        // A rejection takes no number.
        assertThat(accessions.readValuesToList()).extracting(AccessionEvent::getAccessionId)
                .containsExactly("NT26-00-000001", "NT26-00-000002", "NT26-00-000003", null, "NT26-00-000004");
    }

    @Test
    void unreadableRecordsAreDeadLetteredWrongKeysAndEmptyRecordsRejectedAndTheNextSpecimenAccessioned() {
        String topic = topics.limsSpecimenEvents().name();
        byte[] garbage = "not an Avro record \u0000\u00ff".getBytes(StandardCharsets.UTF_8);
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
        raw.pipeInput("SP-GARBAGE", garbage);
        raw.pipeInput("SP-EMPTY", null);
        lims.pipeInput("SP-KEYED-WRONGLY", LabEvents.received("SP-4", LabEvents.ffpeWorkUp().build()));
        send(LabEvents.received("SP-5", LabEvents.ffpeWorkUp().build()));

        List<TestRecord<String, AccessionEvent>> out = accessions.readRecordsToList();
        assertThat(out).hasSize(3);
        assertThat(out.get(0).key()).isEqualTo("SP-EMPTY");
        assertThat(reasons(out.get(0).value())).containsExactly(RejectionCode.MISSING_FIELD);
        assertThat(out.get(1).key()).isEqualTo("SP-4");
        assertThat(reasons(out.get(1).value())).containsExactly(RejectionCode.WRONG_KEY);
        assertThat(out.get(2).value().getPayload()).isInstanceOf(SpecimenAccessioned.class);

        List<ConsumerRecord<byte[], byte[]>> dead =
                TopicRecords.readCommitted(topics.limsSpecimenEvents().deadLetterTopic(), 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(garbage);
        assertThat(DeadLetterHeaders.get(dead.get(0).headers(), DeadLetterHeaders.STAGE)).isEqualTo("DESERIALIZATION");
        assertThat(DeadLetterHeaders.get(dead.get(0).headers(), DeadLetterHeaders.ORIGIN_TOPIC)).isEqualTo(topic);
    }

    @Test
    void aRejectedSpecimenCarriesEveryReasonAndACorrectedReceiptIsAccessioned() {
        SpecimenReceived bad = LabEvents.specimen(LabEvents.ffpeWorkUp().setAgeYears(null).setTumourType(null),
                s -> s.setCollectedAt(LabEvents.RECEIVED_AT.plus(Duration.ofHours(1)))).build();
        send(LabEvents.received("SP-6", bad));
        AccessionEvent rejected = accessions.readValue();
        assertThat(reasons(rejected)).containsExactlyInAnyOrder(RejectionCode.MISSING_FIELD, RejectionCode.MISSING_FIELD,
                RejectionCode.COLLECTED_AFTER_RECEIPT);
        assertThat(ledger("SP-6").status()).isEqualTo(LedgerStatus.REJECTED);

        send(LabEvents.received("SP-6", LabEvents.ffpeWorkUp().build()));
        assertThat(accessions.readValue().getPayload()).isInstanceOf(SpecimenAccessioned.class);
        assertThat(ledger("SP-6").status()).isEqualTo(LedgerStatus.ACCESSIONED);
    }

    @Test
    void anEventTimeBefore2000IsRejectedWithoutTouchingTheLedger() {
        SpecimenReceived receipt = LabEvents.ffpeWorkUp().build();
        SpecimenEvent unset = SpecimenEvent.newBuilder(LabEvents.received("SP-7", receipt))
                .setOccurredAt(java.time.Instant.EPOCH.minusSeconds(3600)).build();
        lims.pipeInput("SP-7", unset, LabEvents.RECEIVED_AT);
        TestRecord<String, AccessionEvent> refused = accessions.readRecord();
        assertThat(reasons(refused.value())).containsExactly(RejectionCode.MALFORMED_VALUE);
        assertThat(refused.timestamp()).isEqualTo(LabEvents.RECEIVED_AT.toEpochMilli());
        assertThat(ledger("SP-7")).isNull();

        send(LabEvents.received("SP-7", receipt));
        assertThat(accessions.readValue().getPayload()).isInstanceOf(SpecimenAccessioned.class);
    }

    private void send(SpecimenEvent event) {
        lims.pipeInput(event.getSpecimenId(), event, event.getOccurredAt());
    }

    private LedgerEntry ledger(String specimenId) {
        return driver.<String, LedgerEntry>getKeyValueStore(AccessioningTopology.LEDGER).get(specimenId);
    }

    private double count(String event, String outcome) {
        return meters.get(AccessioningMetrics.EVENTS).tag("event", event).tag("outcome", outcome).counter().count();
    }

    private static List<RejectionCode> reasons(AccessionEvent event) {
        assertThat(event.getPayload()).isInstanceOf(SpecimenRejected.class);
        return ((SpecimenRejected) event.getPayload()).getReasons().stream().map(r -> r.getCode()).toList();
    }
}
