package org.ntrklab.platform.cases;

import org.apache.kafka.streams.processor.api.Record;

/**
 * Builds the record written for one output of a case: envelope, deterministic event id, key and a valid
 * record timestamp.
 *
 * @param <O> the service's output type
 * @param <V> the output topic's envelope
 */
@FunctionalInterface
public interface OutputWriter<O, V> {

    /** @param inputTimestamp the input's timestamp, used when the event time cannot be a Kafka timestamp */
    Record<String, V> record(String key, O output, long inputTimestamp);
}
