package org.ntrklab.platform.cases;

import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.ntrklab.platform.streams.Outputs;

/** Builds, checks and writes a decision's events, and counts them. */
final class CaseWriter<O, V> {

    private final OutputWriter<O, V> writer;
    private final CaseMetrics<O> metrics;

    CaseWriter(OutputWriter<O, V> writer, CaseMetrics<O> metrics) {
        this.writer = writer;
        this.metrics = metrics;
    }

    /**
     * Builds every record and checks that each fits the record size limit; throws before anything is
     * forwarded or stored, so that an input whose outputs cannot be written is dead-lettered whole.
     */
    List<Record<String, V>> prepare(String key, List<O> outputs, long inputTimestamp) {
        List<Record<String, V>> records = outputs.stream().map(o -> writer.record(key, o, inputTimestamp)).toList();
        for (Record<String, V> record : records) {
            if (record.value() instanceof org.apache.avro.generic.IndexedRecord value) {
                Outputs.requireWritable(value);
            }
        }
        return records;
    }

    void forward(ProcessorContext<String, V> context, List<Record<String, V>> records, List<O> outputs, String type,
            String outcome) {
        records.forEach(context::forward);
        outputs.forEach(metrics::written);
        metrics.input(type, outcome);
    }
}
