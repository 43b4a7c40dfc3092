package org.ntrklab.platform.cases;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.ntrklab.platform.events.OutsideText;

/** Reads one input topic's records into the service's typed input, before the inputs merge. */
final class ReadingStep<X, I, O> implements FixedKeyProcessor<String, X, Reading<I, O>> {

    private final InputReader<X, I, O> reader;
    private final boolean answersEmpty;
    private FixedKeyProcessorContext<String, Reading<I, O>> context;

    ReadingStep(InputReader<X, I, O> reader, boolean answersEmpty) {
        this.reader = reader;
        this.answersEmpty = answersEmpty;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Reading<I, O>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, X> record) {
        if (record.value() == null && !answersEmpty) {
            // Our own services never write an empty record: the dead letter keeps it for an operator.
            throw new IllegalArgumentException("record keyed " + OutsideText.quote(record.key()) + " has no value");
        }
        context.forward(record.withValue(reader.read(record.key(), record.value(), record.timestamp())));
    }
}
