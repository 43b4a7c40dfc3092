package org.ntrklab.platform.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.AssayType;
import org.ntrklab.schemas.StateSchemas;

/**
 * State records are kept as Avro in the schema declared for them beside the event schemas: what is written
 * is read back unchanged, values written under a released schema are read into today's record, a class
 * that no longer matches its declared schema is refused before it writes anything, and JSON state of
 * earlier versions is still read.
 */
class AvroStateSerdeTest {

    enum Stage { OPEN, CLOSED }

    record Note(String ruleId, double value) {
    }

    /** Every kind of component a state record may have; its schema is a test resource. */
    record Kept(String id, int version, long count, boolean cancelled, Double ratio, Instant at, Stage stage,
            AssayType assay, List<Note> notes, Map<AssayType, Note> byAssay, Map<String, Long> seen, long[] buckets,
            java.util.Set<String> emitted) {
    }

    /** Today's record of a state whose released version 1 had only {@code id} (test resource). */
    record Grown(String id, Long added) {
    }

    /** The same name as a declared schema, with a component renamed. */
    record Renamed(String identifier) {
    }

    @Test
    void aStateIsReadBackAsItWasWritten() {
        AvroStateSerde<Kept> serde = AvroStateSerde.of(Kept.class);
        Map<AssayType, Note> byAssay = new EnumMap<>(AssayType.class);
        byAssay.put(AssayType.RNA_NGS, new Note("QC-RNA-DV200", 31.5));
        Kept kept = new Kept("NT26-00-000001", 3, 12L, true, null, Instant.parse("2026-03-02T09:15:30.123Z"),
                Stage.CLOSED, AssayType.PAN_TRK_IHC, List.of(new Note("QC-1", 1.0), new Note("QC-2", 2.5)), byAssay,
                Map.of("evt-1", 7L), new long[] {0, 4, 0, 1}, new java.util.LinkedHashSet<>(List.of("CASE", "QC")));
        byte[] bytes = serde.serializer().serialize("t", kept);
        Kept read = serde.deserializer().deserialize("t", bytes);
        assertThat(read).usingRecursiveComparison().isEqualTo(kept);
        assertThat(read.byAssay()).containsEntry(AssayType.RNA_NGS, new Note("QC-RNA-DV200", 31.5));
        assertThat(bytes[0]).as("Avro single-object encoding, not JSON").isEqualTo((byte) 0xC3);
    }

    @Test
    void aValueWrittenUnderAReleasedSchemaIsReadIntoTodaysRecord() throws Exception {
        Schema released = StateSchemas.released("AvroStateSerdeTest_Grown").get(0);
        GenericData.Record old = new GenericData.Record(released);
        old.put("id", "NT26-00-000002");
        ByteBuffer buffer = new BinaryMessageEncoder<GenericData.Record>(GenericData.get(), released).encode(old);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        assertThat(AvroStateSerde.of(Grown.class).deserializer().deserialize("t", bytes))
                .isEqualTo(new Grown("NT26-00-000002", null));
    }

    @Test
    void aClassThatNoLongerMatchesItsDeclaredSchemaIsRefused() {
        assertThatThrownBy(() -> AvroStateSerde.of(Renamed.class)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schemas/src/main/state/AvroStateSerdeTest_Renamed.avsc")
                .hasMessageContaining("\"identifier\"");
    }

    @Test
    void jsonStateOfEarlierVersionsIsStillRead() {
        byte[] json = "{\"id\":\"NT26-00-000003\",\"added\":5,\"unknown\":true}".getBytes(StandardCharsets.UTF_8);
        assertThat(AvroStateSerde.of(Grown.class).deserializer().deserialize("t", json))
                .isEqualTo(new Grown("NT26-00-000003", 5L));
    }
}
