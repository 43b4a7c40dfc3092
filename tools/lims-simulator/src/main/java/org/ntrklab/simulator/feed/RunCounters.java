package org.ntrklab.simulator.feed;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** What crossed the wire during a run, and what went wrong on the simulator's side. */
final class RunCounters {

    private static final int KEPT_PROBLEMS = 20;

    private final AtomicLong recordsSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicLong sendRetries = new AtomicLong();
    private final AtomicLong readerPauses = new AtomicLong();
    private final AtomicLong revisions = new AtomicLong();
    private final AtomicLong commandRejections = new AtomicLong();
    private final AtomicLong unhandled = new AtomicLong();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    Serializer<SpecificRecord> countingSerializer(Serializer<SpecificRecord> inner) {
        return (topic, value) -> {
            byte[] bytes = inner.serialize(topic, value);
            recordsSent.incrementAndGet();
            bytesSent.addAndGet(bytes == null ? 0 : bytes.length);
            return bytes;
        };
    }

    Deserializer<SpecificRecord> countingDeserializer(Deserializer<SpecificRecord> inner) {
        return (topic, bytes) -> {
            recordsRead.incrementAndGet();
            bytesRead.addAndGet(bytes == null ? 0 : bytes.length);
            return inner.deserialize(topic, bytes);
        };
    }

    void sendFailed(String detail) {
        sendFailures.incrementAndGet();
        keep(detail);
    }

    /** A record could not be handed to the producer yet (registry or broker unreachable) and is tried again. */
    void sendRetried() {
        sendRetries.incrementAndGet();
    }

    /** Reading the services' answers failed for a moment (registry or broker unreachable). */
    void readerPaused(String detail) {
        if (readerPauses.incrementAndGet() == 1) {
            keep("reading paused: " + detail);
        }
    }

    void revision() {
        revisions.incrementAndGet();
    }

    void commandRejected(String detail) {
        commandRejections.incrementAndGet();
        keep("report command refused: " + detail);
    }

    void unhandled(String detail) {
        unhandled.incrementAndGet();
        keep("could not handle a record: " + detail);
    }

    private void keep(String detail) {
        if (problems.size() < KEPT_PROBLEMS) {
            problems.add(detail);
        }
    }

    long recordsSent() {
        return recordsSent.get();
    }

    long bytesSent() {
        return bytesSent.get();
    }

    long recordsRead() {
        return recordsRead.get();
    }

    long bytesRead() {
        return bytesRead.get();
    }

    long sendFailures() {
        return sendFailures.get();
    }

    long sendRetries() {
        return sendRetries.get();
    }

    long readerPauses() {
        return readerPauses.get();
    }

    long revisions() {
        return revisions.get();
    }

    long commandRejections() {
        return commandRejections.get();
    }

    long unhandled() {
        return unhandled.get();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }
}
