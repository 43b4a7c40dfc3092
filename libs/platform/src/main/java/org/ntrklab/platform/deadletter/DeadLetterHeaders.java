package org.ntrklab.platform.deadletter;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.ntrklab.platform.serde.OversizedRecord;
import org.ntrklab.platform.serde.UnreadableRecord;

/**
 * Headers on every dead-letter record, all UTF-8 text so any tool (kcat, a script) can read them. The
 * original key, value and headers are kept unchanged, so a record can be replayed once fixed.
 */
public final class DeadLetterHeaders {

    public static final String EXCEPTION_CLASS = "ntrk.dlt.exception-class";
    public static final String EXCEPTION_MESSAGE = "ntrk.dlt.exception-message";
    public static final String ORIGIN_TOPIC = "ntrk.dlt.origin-topic";
    public static final String ORIGIN_PARTITION = "ntrk.dlt.origin-partition";
    public static final String ORIGIN_OFFSET = "ntrk.dlt.origin-offset";
    /** {@link FailureStage} at which the record failed. */
    public static final String STAGE = "ntrk.dlt.stage";
    /** The service (Kafka Streams application id or consumer group) that gave up on the record. */
    public static final String SERVICE = "ntrk.dlt.service";
    /** Wall-clock time of the failure, ISO-8601. */
    public static final String FAILED_AT = "ntrk.dlt.failed-at";
    /**
     * Coded reason: one of {@link org.ntrklab.platform.serde.UnreadableRecord.Reason} for a record that
     * could not be read, or {@link #OVERSIZED_OUTPUT}, {@link #PROCESSING_FAILURE}, {@link #OUTPUT_FAILURE}.
     */
    public static final String REASON = "ntrk.dlt.reason";
    /** Set on a record re-published from a dead-letter topic: which dead letter it was ({@code topic-partition@offset}). */
    public static final String REDRIVEN_FROM = "ntrk.dlt.redriven-from";

    /** The input's output (or the state it would leave) would be larger than a record may be. */
    public static final String OVERSIZED_OUTPUT = "OVERSIZED_OUTPUT";
    /** The service's own logic threw on the record. */
    public static final String PROCESSING_FAILURE = "PROCESSING_FAILURE";
    /** An output could not be written for another reason than its size. */
    public static final String OUTPUT_FAILURE = "OUTPUT_FAILURE";

    private static final int MAX_MESSAGE_LENGTH = 2000;
    private static final int MAX_CAUSE_DEPTH = 10;

    private DeadLetterHeaders() {
    }

    /** Where in a service a record failed. */
    public enum FailureStage {
        /** the input bytes could not be read */
        DESERIALIZATION,
        /** the service's own logic threw */
        PROCESSING,
        /** an output record could not be written in the topic's schema */
        SERIALIZATION,
        /** the broker refused an output record (e.g. too large) */
        PRODUCTION
    }

    /** The coded reason of a failure at a stage, from the exception and its causes. */
    public static String reasonOf(FailureStage stage, Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof UnreadableRecord unreadable) {
                return unreadable.reason().name();
            }
            if (t instanceof OversizedRecord || t instanceof RecordTooLargeException) {
                return OVERSIZED_OUTPUT;
            }
        }
        return switch (stage) {
            case DESERIALIZATION -> UnreadableRecord.Reason.MALFORMED_AVRO.name();
            case PROCESSING -> PROCESSING_FAILURE;
            case SERIALIZATION, PRODUCTION -> OUTPUT_FAILURE;
        };
    }

    public static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
    }

    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The exception message and its causes, bounded in length and depth. The header sits beside the
     * record itself, so it is no more sensitive than the record; it is never logged.
     */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            sb.append(" <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return sb.length() > MAX_MESSAGE_LENGTH ? sb.substring(0, MAX_MESSAGE_LENGTH) : sb.toString();
    }
}
