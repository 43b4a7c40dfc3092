package org.ntrklab.platform.streams;

import java.time.Duration;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.ntrklab.platform.deadletter.FailureClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a service does when a stream thread dies. Records are never skipped here: the thread's
 * uncommitted work is aborted and its records are read again. When the cause is transient (registry or
 * broker unreachable) the thread is replaced after a pause, so the service heals itself once the
 * dependency is back; anything else shuts the Kafka Streams client down, which the health endpoint
 * reports as DOWN so the orchestrator restarts the service and an operator looks.
 */
public final class StreamsFailurePolicy implements StreamsUncaughtExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(StreamsFailurePolicy.class);

    private final Duration retryPause;

    public StreamsFailurePolicy(Duration retryPause) {
        this.retryPause = retryPause;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        if (FailureClassifier.isTransient(exception)) {
            log.warn("Stream thread stopped by a transient failure ({}); replacing it in {}",
                    FailureClassifier.causeChain(exception), retryPause);
            try {
                Thread.sleep(retryPause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        // Classes only: exception messages may quote record content.
        log.error("Stream thread stopped by a non-recoverable failure ({}); shutting Kafka Streams down",
                FailureClassifier.causeChain(exception));
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
