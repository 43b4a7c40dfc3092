package org.ntrklab.platform.streams;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.ntrklab.platform.deadletter.DeadLetterHeaders.FailureStage;
import org.ntrklab.platform.deadletter.DeadLetterPublisher;
import org.ntrklab.platform.deadletter.FailureClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams handler for records that cannot be read (random bytes, an unknown schema id), whose
 * processing throws, or whose output cannot be written: the source record goes, unchanged, to its
 * topic's dead-letter topic and the service carries on with the next record. Two cases stop the stream
 * thread instead, so the record is retried rather than lost or reordered: a transient infrastructure
 * failure (registry or broker unreachable, see {@link FailureClassifier}), and a dead letter that cannot
 * itself be written. {@link StreamsFailurePolicy} then decides between retrying and shutting down.
 */
public class StreamsDeadLetterHandler
        implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(StreamsDeadLetterHandler.class);

    /** Counter of punctuations that threw; they have no input record to dead-letter. */
    public static final String PUNCTUATION_FAILURES = "ntrk.punctuation.failures";

    private DeadLetterPublisher publisher;

    @Override
    public void configure(Map<String, ?> configs) {
        String service = String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG));
        publisher = DeadLetterPublisher.forService(service, configs);
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        return deadLetter(record.topic(), record.partition(), record.offset(), record.key(), record.value(), context,
                FailureStage.DESERIALIZATION, exception)
                ? DeserializationHandlerResponse.CONTINUE
                : DeserializationHandlerResponse.FAIL;
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (context.topic() == null) {
            if (FailureClassifier.isTransient(exception)) {
                // A dependency is down: stop, so the transaction with whatever the punctuation already changed
                // aborts and the next run starts from the state as it was.
                log.warn("Punctuation in task {} failed because of an unreachable dependency ({}); stopping to "
                        + "retry it", context.taskId(), exception.getClass().getName());
                return ProcessingHandlerResponse.FAIL;
            }
            // Thrown by a punctuator, or by a record a punctuator forwarded: there is no input record to
            // keep. Punctuators must re-derive their output from state on every run (e.g. overdue flags),
            // so the next scheduled run makes good what this one could not do.
            publisher.meters().counter(PUNCTUATION_FAILURES, "processor", String.valueOf(context.processorNodeId()))
                    .increment();
            log.error("Punctuation failed in processor {} of task {}: {}; continuing", context.processorNodeId(),
                    context.taskId(), exception.getClass().getName());
            return ProcessingHandlerResponse.CONTINUE;
        }
        return deadLetter(context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
                context.sourceRawValue(), context, FailureStage.PROCESSING, exception)
                ? ProcessingHandlerResponse.CONTINUE
                : ProcessingHandlerResponse.FAIL;
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        return onOutputFailure(context, FailureStage.PRODUCTION, exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
            ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
        return onOutputFailure(context, FailureStage.SERIALIZATION, exception);
    }

    private ProductionExceptionHandlerResponse onOutputFailure(ErrorHandlerContext context, FailureStage stage,
            Exception exception) {
        if (context.topic() == null) {
            if (FailureClassifier.isTransient(exception)) {
                // The state change that produced the output is in the same transaction: abort both rather than
                // keep the change without its event.
                log.warn("Output of a punctuation could not be written because of an unreachable dependency ({}); "
                        + "stopping to retry it", exception.getClass().getName());
                return ProductionExceptionHandlerResponse.FAIL;
            }
            log.error("Output of a punctuation could not be written ({}); continuing", exception.getClass().getName());
            return ProductionExceptionHandlerResponse.CONTINUE;
        }
        return deadLetter(context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
                context.sourceRawValue(), context, stage, exception)
                ? ProductionExceptionHandlerResponse.CONTINUE
                : ProductionExceptionHandlerResponse.FAIL;
    }

    /** @return true when the record is safely dead-lettered and the service may move on */
    private boolean deadLetter(String topic, int partition, long offset, byte[] key, byte[] value,
            ErrorHandlerContext context, FailureStage stage, Exception exception) {
        if (FailureClassifier.isTransient(exception)) {
            log.warn("{}-{}@{} failed at {} because of an unreachable dependency ({}); stopping to retry it",
                    topic, partition, offset, stage, exception.getClass().getName());
            return false;
        }
        try {
            publisher.publish(topic, partition, offset, key, value, context.headers(), stage, exception);
            return true;
        } catch (RuntimeException e) {
            log.error("Cannot dead-letter {}-{}@{}; stopping rather than losing it: {}", topic, partition, offset,
                    e.getMessage());
            return false;
        }
    }
}
