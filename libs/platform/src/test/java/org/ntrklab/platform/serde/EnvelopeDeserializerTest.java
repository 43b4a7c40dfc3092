package org.ntrklab.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.CancellationReason;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.platform.deadletter.FailureClassifier;
import org.ntrklab.platform.serde.UnreadableRecord.Reason;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;

/**
 * Each kind of bad record a topic can receive is refused by the deserializer with its own reason, against
 * the real registry: a valid record of another topic's schema, an unknown schema id, truncated and trailing
 * bytes, random bytes, empty values and tombstones, a length that claims more than the record holds, and
 * fields outside their limits; while the registry is down the refusal is a retriable one, not a bad record.
 */
class EnvelopeDeserializerTest {

    private static Topics topics;
    private static EventSerdes serdes;

    @BeforeAll
    static void registerSchemas(TestInfo info) {
        topics = new Topics(TestNamespace.of(info).topicPrefix(), 1, (short) 1);
        RegistrySettings registry = RegistrySettings.of(SharedInfrastructure.get().registryUrl(),
                SharedInfrastructure.get().registryClientProperties());
        serdes = new EventSerdes(registry);
        new SchemaCatalogueRegistrar(registry).registerAll(topics);
    }

    private static SpecimenEvent specimen() {
        return LabEvents.received("SP-1", LabEvents.ffpeWorkUp().build());
    }

    private static <V extends SpecificRecord> byte[] bytes(TopicSpec<V> topic, V value) {
        return serdes.valueSerde(topic).serializer().serialize(topic.name(), value);
    }

    private static Reason refusal(TopicSpec<?> topic, byte[] value) {
        Serde<?> serde = serdes.valueSerde(topic);
        try {
            serde.deserializer().deserialize(topic.name(), value);
        } catch (UnreadableRecord e) {
            assertThat(FailureClassifier.isTransient(e)).as("a bad record is not a passing trouble").isFalse();
            return e.reason();
        }
        throw new AssertionError("the record was read");
    }

    @Test
    void aGoodRecordIsReadBack() {
        TopicSpec<SpecimenEvent> lims = topics.limsSpecimenEvents();
        SpecimenEvent event = specimen();
        assertThat(serdes.valueSerde(lims).deserializer().deserialize(lims.name(), bytes(lims, event))).isEqualTo(event);
    }

    @Test
    void aValidRecordOfAnotherTopicsSchemaIsForeign() {
        QcMeasurementEvent measurement = LabEvents.tumourContent("NT26-00-000001", true, 40.0, LabEvents.RECEIVED_AT);
        byte[] foreign = bytes(topics.qcMeasurements(), measurement);
        assertThat(refusal(topics.limsSpecimenEvents(), foreign)).isEqualTo(Reason.FOREIGN_SCHEMA);
        assertThat(refusal(topics.assayRuns(), foreign)).isEqualTo(Reason.FOREIGN_SCHEMA);
        byte[] specimen = bytes(topics.limsSpecimenEvents(), specimen());
        assertThat(refusal(topics.qcMeasurements(), specimen)).isEqualTo(Reason.FOREIGN_SCHEMA);
        assertThat(refusal(topics.reportCommands(), specimen)).isEqualTo(Reason.FOREIGN_SCHEMA);
        assertThat(refusal(topics.accessions(), specimen)).isEqualTo(Reason.FOREIGN_SCHEMA);
    }

    @Test
    void brokenFramingIsRefusedForWhatItIs() {
        TopicSpec<SpecimenEvent> lims = topics.limsSpecimenEvents();
        byte[] good = bytes(lims, specimen());

        assertThat(refusal(lims, new byte[0])).isEqualTo(Reason.EMPTY_VALUE);
        assertThat(refusal(lims, new byte[] {0, 0, 1})).isEqualTo(Reason.NOT_REGISTRY_FRAMED);
        assertThat(refusal(lims, "{\"specimenId\":\"SP-1\"}".getBytes())).isEqualTo(Reason.NOT_REGISTRY_FRAMED);
        assertThat(refusal(lims, ByteBuffer.allocate(9).put((byte) 0).putInt(987_654_321).putInt(7).array()))
                .isEqualTo(Reason.UNKNOWN_SCHEMA_ID);
        assertThat(refusal(lims, Arrays.copyOf(good, good.length - 3))).isEqualTo(Reason.TRUNCATED);
        byte[] trailing = Arrays.copyOf(good, good.length + 2);
        assertThat(refusal(lims, trailing)).isEqualTo(Reason.TRAILING_BYTES);
    }

    @Test
    void randomBytesBehindAGoodSchemaIdNeverGetThrough() {
        TopicSpec<SpecimenEvent> lims = topics.limsSpecimenEvents();
        byte[] good = bytes(lims, specimen());
        Random random = new Random(14);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[5 + random.nextInt(300)];
            random.nextBytes(garbage);
            System.arraycopy(good, 0, garbage, 0, 5);
            assertThat(refusal(lims, garbage)).isIn(Reason.TRUNCATED, Reason.MALFORMED_AVRO, Reason.TRAILING_BYTES,
                    Reason.FIELD_LIMITS);
        }
    }

    @Test
    void aLengthClaimingMoreThanTheRecordHoldsIsRefusedWithoutAllocatingIt() {
        TopicSpec<SpecimenEvent> lims = topics.limsSpecimenEvents();
        byte[] good = bytes(lims, specimen());
        // The first field is the eventId string: its length now claims 2 GB, then 1 GB, in a 10-byte record.
        for (long claimed : new long[] {Integer.MAX_VALUE, 1_000_000_000L}) {
            byte[] hostile = Arrays.copyOf(good, 5);
            long zigZag = claimed << 1;
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.writeBytes(hostile);
            while ((zigZag & ~0x7FL) != 0) {
                out.write((int) ((zigZag & 0x7F) | 0x80));
                zigZag >>>= 7;
            }
            out.write((int) zigZag);
            out.writeBytes(new byte[] {'e', 'v'});
            assertThat(refusal(lims, out.toByteArray())).isEqualTo(Reason.MALFORMED_AVRO);
        }
    }

    @Test
    void aTombstoneIsAnsweredOnTopicsFromOutsideAndRefusedOnTheServicesOwn() {
        TopicSpec<SpecimenEvent> lims = topics.limsSpecimenEvents();
        assertThat(serdes.valueSerde(lims).deserializer().deserialize(lims.name(), null)).isNull();
        assertThat(refusal(topics.accessions(), null)).isEqualTo(Reason.TOMBSTONE);
    }

    @Test
    void fieldLimitsAreCheckedOnTheEnvelopeFromOutsideAndEverywhereOnTheServicesOwnTopics() {
        TopicSpec<SpecimenEvent> lims = topics.limsSpecimenEvents();
        SpecimenEvent longSource = SpecimenEvent.newBuilder(specimen()).setSource("x".repeat(900_000)).build();
        assertThat(refusal(lims, bytes(lims, longSource))).isEqualTo(Reason.FIELD_LIMITS);
        SpecimenEvent controlInId = SpecimenEvent.newBuilder(specimen()).setEventId("e\u0000v").build();
        assertThat(refusal(lims, bytes(lims, controlInId))).isEqualTo(Reason.FIELD_LIMITS);
        // A long payload field from outside is read: the intake rules answer it with a rejection event.
        SpecimenEvent longOrder = LabEvents.received("SP-2", LabEvents.ffpeWorkUp().setOrderId("o".repeat(5000)).build());
        assertThat(serdes.valueSerde(lims).deserializer().deserialize(lims.name(), bytes(lims, longOrder)).getSpecimenId())
                .isEqualTo("SP-2");

        TopicSpec<AccessionEvent> accessions = topics.accessions();
        AccessionEvent forged = LabEvents.accessioned("NT26-00-000001", "SP-3",
                LabEvents.ffpeWorkUp().setPatientRef("p".repeat(65)).build());
        assertThat(refusal(accessions, bytes(accessions, forged))).isEqualTo(Reason.FIELD_LIMITS);
    }

    @Test
    void anOversizedOutputIsRefusedBeforeItReachesTheProducer() {
        TopicSpec<SpecimenEvent> lims = topics.limsSpecimenEvents();
        SpecimenEvent huge = LabEvents.received("SP-4", LabEvents.ffpeWorkUp().setOrderId("o".repeat(1_100_000)).build());
        assertThatThrownBy(() -> bytes(lims, huge)).isInstanceOf(OversizedRecord.class)
                .hasMessageContaining("exceeds the limit of 1000000 bytes");
    }

    @Test
    void whileTheRegistryIsDownARecordIsRetriedNotRefused() {
        TopicSpec<SpecimenEvent> lims = topics.limsSpecimenEvents();
        byte[] unseenId = ByteBuffer.allocate(9).put((byte) 0).putInt(123_456_789).putInt(7).array();
        SharedInfrastructure infra = SharedInfrastructure.get();
        infra.stopRegistry();
        try {
            assertThatThrownBy(() -> serdes.valueSerde(lims).deserializer().deserialize(lims.name(), unseenId))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .satisfies(e -> assertThat(FailureClassifier.isTransient(e)).isTrue());
            assertThat(serdes.schemaDirectory().trouble()).isNotNull();
            assertThat(serdes.schemaDirectory().probe()).isFalse();
        } finally {
            infra.startRegistry();
        }
        assertThat(serdes.schemaDirectory().probe()).isTrue();
        assertThat(serdes.schemaDirectory().trouble()).isNull();
        assertThat(refusal(lims, unseenId)).isEqualTo(Reason.UNKNOWN_SCHEMA_ID);
    }

    @Test
    void cancellationsRoundTripToo() {
        TopicSpec<SpecimenEvent> lims = topics.limsSpecimenEvents();
        SpecimenEvent cancelled = LabEvents.cancelled("SP-5", "ORD-5", CancellationReason.ORDER_WITHDRAWN);
        assertThat(serdes.valueSerde(lims).deserializer().deserialize(lims.name(), bytes(lims, cancelled)))
                .isEqualTo(cancelled);
    }
}
