package org.ntrklab.platform.cases;

import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Answers the records of an external topic that cannot be filed under a case (no value, a key that is not
 * the case's, a field outside its limits) before they reach any state.
 */
final class AnswerProcessor<X, I, O, V> implements Processor<String, X, String, V> {

    private final InputReader<X, I, O> reader;
    private final CaseWriter<O, V> writer;
    private final CaseMetrics<O> metrics;
    private ProcessorContext<String, V> context;

    AnswerProcessor(InputReader<X, I, O> reader, OutputWriter<O, V> writer, CaseMetrics<O> metrics) {
        this.reader = reader;
        this.writer = new CaseWriter<>(writer, metrics);
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, X> record) {
        Reading<I, O> reading = reader.read(record.key(), record.value(), record.timestamp());
        if (reading instanceof Reading.Answered<I, O> a) {
            List<Record<String, V>> records = writer.prepare(a.key(), a.outputs(), a.timestamp());
            writer.forward(context, records, a.outputs(), a.type(), a.outcome());
        } else if (reading instanceof Reading.Ignored<I, O> i) {
            metrics.input(i.type(), i.outcome());
        } else {
            throw new IllegalStateException("a record that cannot be filed must be answered, not given to a case");
        }
    }
}
