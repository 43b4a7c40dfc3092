package org.ntrklab.platform.serde;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The schema registry could not answer: unreachable, a server error, throttling, or a refusal of our own
 * credentials. Never the record's fault, so the record is retried, not dead-lettered (a
 * {@link RetriableException}, which the failure classifier treats as transient).
 */
public class RegistryUnavailableException extends RetriableException {

    public RegistryUnavailableException(String message) {
        super(message);
    }

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
