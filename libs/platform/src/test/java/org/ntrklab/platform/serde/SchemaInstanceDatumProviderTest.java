package org.ntrklab.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.CancellationReason;
import org.ntrklab.events.SpecimenCancelled;
import org.ntrklab.events.SpecimenEvent;

/** Writers and readers are made once per schema instance, and what they write reads back unchanged. */
class SchemaInstanceDatumProviderTest {

    private final SchemaInstanceDatumProvider<SpecificRecord> provider = new SchemaInstanceDatumProvider<>();

    private static SpecimenEvent event() {
        return SpecimenEvent.newBuilder().setEventId("e-1").setOccurredAt(Instant.parse("2026-03-02T09:00:00Z"))
                .setSpecimenId("SP-1").setSource("lims").setPayload(SpecimenCancelled.newBuilder().setOrderId("ORD-1")
                        .setReason(CancellationReason.ORDER_WITHDRAWN).build())
                .build();
    }

    @Test
    void theSameSchemaInstanceGetsTheSameWriterAndReader() {
        provider.setUseSpecificAvroReader(true);
        SpecimenEvent e = event();
        assertThat(provider.createDatumWriter(e, e.getSchema())).isSameAs(provider.createDatumWriter(event(),
                SpecimenEvent.getClassSchema()));
        assertThat(provider.createDatumReader(e.getSchema())).isSameAs(provider.createDatumReader(e.getSchema()));
    }

    @Test
    void anEqualSchemaBuiltSeparatelyStillWritesTheSameBytes() throws IOException {
        Schema copy = new Schema.Parser().parse(SpecimenEvent.getClassSchema().toString());
        SpecimenEvent e = event();
        assertThat(write(e, copy)).isEqualTo(write(e, e.getSchema()));
    }

    private byte[] write(SpecimenEvent e, Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        provider.createDatumWriter(e, schema).write(e, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void aCachedWriterAndReaderRoundTripARecord() throws IOException {
        provider.setUseSpecificAvroReader(true);
        SpecimenEvent e = event();
        for (int i = 0; i < 2; i++) {
            Object back = provider.createDatumReader(e.getSchema())
                    .read(null, DecoderFactory.get().binaryDecoder(write(e, e.getSchema()), null));
            assertThat(back).isEqualTo(e);
        }
    }
}
