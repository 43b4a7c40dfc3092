package org.ntrklab.platform.cases;

import java.util.List;

/**
 * What a service made of one record it read, before any state is touched: an input for a case, an
 * answer that needs no case (a record that cannot be filed under one is refused at once), or nothing to
 * do. A record that cannot be read at all is not a reading: the reader throws, and the record goes to the
 * dead-letter topic.
 *
 * @param <I> the service's typed input
 * @param <O> the service's outputs
 */
public sealed interface Reading<I, O> {

    /** The metric label of the record's type, e.g. "SpecimenReceived" or "empty". */
    String type();

    /**
     * An input for the case {@code key}.
     *
     * @param timestamp the record timestamp the outputs fall back on when their event time cannot be one
     */
    record ForCase<I, O>(String key, I input, String type, long timestamp) implements Reading<I, O> {
    }

    /** Events written at once under {@code key}, without reading or changing any case. */
    record Answered<I, O>(String key, List<O> outputs, String type, String outcome, long timestamp)
            implements Reading<I, O> {

        public Answered {
            outputs = List.copyOf(outputs);
        }
    }

    /** Nothing for this service; counted under {@code outcome}. */
    record Ignored<I, O>(String type, String outcome) implements Reading<I, O> {
    }

    static <I, O> Reading<I, O> forCase(String key, I input, String type, long timestamp) {
        return new ForCase<>(key, input, type, timestamp);
    }

    static <I, O> Reading<I, O> answered(String key, List<O> outputs, String type, String outcome, long timestamp) {
        return new Answered<>(key, outputs, type, outcome, timestamp);
    }

    static <I, O> Reading<I, O> ignored(String type, String outcome) {
        return new Ignored<>(type, outcome);
    }
}
