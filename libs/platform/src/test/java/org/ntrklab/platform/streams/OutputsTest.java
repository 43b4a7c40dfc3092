package org.ntrklab.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.platform.limits.EncodedSize;
import org.ntrklab.platform.serde.OversizedRecord;
import org.ntrklab.platform.state.AvroStateSerde;
import org.ntrklab.testkit.LabEvents;

/**
 * A service checks every output, and the state it would keep, against the record size limit before it
 * writes anything: an output the broker would refuse must dead-letter its input, not break the transaction.
 */
class OutputsTest {

    private static SpecimenEvent withOrderId(int length) {
        return LabEvents.received("SP-1", LabEvents.ffpeWorkUp().setOrderId("o".repeat(length)).build());
    }

    @Test
    void anOutputOverTheLimitIsRefusedBeforeAnythingIsWritten() {
        Record<String, SpecimenEvent> small = new Record<>("SP-1", withOrderId(10), 0L);
        Record<String, SpecimenEvent> huge = new Record<>("SP-1", withOrderId(EncodedSize.MAX_RECORD_BYTES), 0L);
        assertThatCode(() -> Outputs.requireWritable(List.of(small))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Outputs.requireWritable(List.of(small, huge))).isInstanceOf(OversizedRecord.class)
                .hasMessageContaining("SpecimenEvent").hasMessageContaining("over the limit of 1000000");
    }

    /** A stand-in for a case state (its schema is a test resource, ntrk/state/OutputsTest_CaseState.avsc). */
    record CaseState(String accessionId, List<String> notes) {
    }

    @Test
    void aStateOverTheLimitIsRefusedWhenItIsStored() {
        AvroStateSerde<CaseState> serde = AvroStateSerde.of(CaseState.class);
        CaseState ok = new CaseState("NT26-00-000001", List.of("n"));
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", ok))).isEqualTo(ok);
        CaseState grown = new CaseState("NT26-00-000001", java.util.Collections.nCopies(20_000, "x".repeat(60)));
        assertThatThrownBy(() -> serde.serializer().serialize("t", grown)).isInstanceOf(OversizedRecord.class)
                .hasMessageContaining("CaseState state of");
    }
}
