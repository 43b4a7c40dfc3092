package org.ntrklab.platform.streams;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.ntrklab.platform.deadletter.DeadLetterHeaders.FailureStage;
import org.ntrklab.platform.deadletter.DeadLetterPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams handler for records that cannot be deserialised (random bytes, an unknown schema id, a
 * payload that does not match its schema) or whose processing throws: the source record goes, unchanged,
 * to its topic's dead-letter topic and the service carries on with the next record. Only if the dead
 * letter itself cannot be written does the service stop, because skipping would lose the record.
 */
public class StreamsDeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(StreamsDeadLetterHandler.class);

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
            // Thrown by a punctuator: there is no input record to keep. The punctuator runs again on its
            // next schedule, so carrying on loses nothing.
            log.error("Punctuation failed in processor {} of task {}; continuing", context.processorNodeId(),
                    context.taskId(), exception);
            return ProcessingHandlerResponse.CONTINUE;
        }
        return deadLetter(context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
                context.sourceRawValue(), context, FailureStage.PROCESSING, exception)
                ? ProcessingHandlerResponse.CONTINUE
                : ProcessingHandlerResponse.FAIL;
    }

    private boolean deadLetter(String topic, int partition, long offset, byte[] key, byte[] value,
            ErrorHandlerContext context, FailureStage stage, Exception exception) {
        try {
            publisher.publish(topic, partition, offset, key, value, context.headers(), stage, exception);
            return true;
        } catch (RuntimeException e) {
            log.error("Cannot dead-letter {}-{}@{}; stopping rather than losing it", topic, partition, offset, e);
            return false;
        }
    }
}
