package org.ntrklab.platform.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * An output record larger than the broker takes. Refused before it is sent: a record the broker refuses
 * would leave the exactly-once transaction in error and stop the service, while a refusal here only
 * dead-letters the input that produced it.
 */
public class OversizedRecord extends SerializationException {

    public OversizedRecord(String message) {
        super(message);
    }
}
