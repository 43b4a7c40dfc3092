package org.ntrklab.platform.cases;

/** What a decision may know of where and when it is made, besides the case and the input. */
public interface CaseContext {

    /** The processing time (epoch milliseconds), for deadlines and eviction clocks. */
    long now();

    /** The partition of the case, e.g. part of an accession number. */
    int partition();

    /**
     * The partition's next sequence number (1, 2, ...), kept in the same transaction as the case; only for a
     * runtime declared with a sequence.
     */
    long nextSequence();
}
