package org.ntrklab.platform.streams;

import java.util.Collection;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.streams.processor.api.Record;
import org.ntrklab.platform.limits.EncodedSize;
import org.ntrklab.platform.serde.OversizedRecord;

/**
 * The check a processor makes before it writes anything for an input: every output must fit the record
 * size limit. Throwing here, before any output is forwarded and before any state changes, dead-letters
 * the input with nothing half done; an output the broker refused later would break the transaction.
 */
public final class Outputs {

    /** The registry framing in front of every value: magic byte and schema id. */
    private static final int FRAMING_BYTES = 5;

    private Outputs() {
    }

    /** @throws OversizedRecord when an output could exceed {@link EncodedSize#MAX_RECORD_BYTES} */
    public static <K, V extends IndexedRecord> void requireWritable(Collection<Record<K, V>> records) {
        for (Record<K, V> record : records) {
            requireWritable(record.value());
        }
    }

    /** @throws OversizedRecord when the value could exceed {@link EncodedSize#MAX_RECORD_BYTES} */
    public static void requireWritable(IndexedRecord value) {
        if (value == null) {
            return;
        }
        long size = FRAMING_BYTES + EncodedSize.atMost(value);
        if (size > EncodedSize.MAX_RECORD_BYTES) {
            throw new OversizedRecord("the " + value.getSchema().getName() + " written for this input could take "
                    + size + " bytes, over the limit of " + EncodedSize.MAX_RECORD_BYTES);
        }
    }
}
