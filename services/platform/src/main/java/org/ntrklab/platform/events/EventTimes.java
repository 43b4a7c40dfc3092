package org.ntrklab.platform.events;

import java.time.Instant;

/** Rules on event times that every service applies the same way. */
public final class EventTimes {

    /** Earliest plausible event time: anything before is a clock or data-entry error, and is rejected. */
    public static final Instant EARLIEST_PLAUSIBLE = Instant.parse("2000-01-01T00:00:00Z");

    private EventTimes() {
    }

    /**
     * The Kafka timestamp of a derived record: its event time, unless that cannot be a Kafka timestamp (a
     * rejected pre-1970 time), in which case the input record's own timestamp.
     */
    public static long recordTimestamp(Instant occurredAt, long inputRecordTimestamp) {
        long eventTime = occurredAt.toEpochMilli();
        return eventTime >= 0 ? eventTime : Math.max(0, inputRecordTimestamp);
    }
}
