package org.ntrklab.platform.cases;

/**
 * Turns one record of an input topic into a {@link Reading}: the typed input of the case it belongs to,
 * an immediate answer, or nothing. Throws for a record that must go to the dead-letter topic (e.g. a
 * record of our own topics keyed by another case than its own).
 *
 * @param <V> the topic's envelope type
 */
@FunctionalInterface
public interface InputReader<V, I, O> {

    /**
     * @param value the record's value; null only for inputs declared to answer empty records
     * @param timestamp the record's timestamp
     */
    Reading<I, O> read(String key, V value, long timestamp);
}
