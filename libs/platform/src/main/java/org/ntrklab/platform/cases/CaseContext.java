package org.ntrklab.platform.cases;

/** What a decision may know of where and when it is made, besides the case and the input. */
public interface CaseContext {

    /**
     * The service's clock (epoch milliseconds), for deadlines and eviction: the wall clock, or for a runtime
     * on the event-time clock ({@link CaseRuntime#eventClock}) the latest event time the task has seen.
     */
    long now();

    /** The wall clock (epoch milliseconds), whichever clock {@link #now()} follows. */
    long wallClock();

    /**
     * The latest event time this task has seen (epoch milliseconds), or {@link #NO_EVENT_TIME} before the
     * first input; only for a runtime with an event clock.
     */
    long latestEventTime();

    /**
     * How far behind the wall clock the input processed since the last housekeeping was, at most
     * (milliseconds; 0 when none); only for a runtime with an event clock. Large while a service catches up.
     */
    long inputLag();

    /** {@link #latestEventTime()} before any input. */
    long NO_EVENT_TIME = Long.MIN_VALUE;

    /** The partition of the case, e.g. part of an accession number. */
    int partition();

    /**
     * The partition's next sequence number (1, 2, ...), kept in the same transaction as the case; only for a
     * runtime declared with a sequence.
     */
    long nextSequence();

    /**
     * The context of a decision taken on the wall clock at {@code now}, outside any stream task: for pure
     * decisions and their tests (partition 0, no sequence, no event time).
     */
    static CaseContext at(long now) {
        return new CaseContext() {
            @Override
            public long now() {
                return now;
            }

            @Override
            public long wallClock() {
                return now;
            }

            @Override
            public long latestEventTime() {
                return NO_EVENT_TIME;
            }

            @Override
            public long inputLag() {
                return 0;
            }

            @Override
            public int partition() {
                return 0;
            }

            @Override
            public long nextSequence() {
                throw new UnsupportedOperationException("no sequence outside a stream task");
            }
        };
    }
}
