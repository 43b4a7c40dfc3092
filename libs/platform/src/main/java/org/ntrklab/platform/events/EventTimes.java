package org.ntrklab.platform.events;

import java.time.Instant;
import org.ntrklab.platform.limits.FieldLimits;

/** Rules on event times that every service applies the same way. */
public final class EventTimes {

    /** Earliest plausible event time: anything before is a clock or data-entry error, and is rejected. */
    public static final Instant EARLIEST_PLAUSIBLE = Instant.parse("2000-01-01T00:00:00Z");

    private EventTimes() {
    }

    /**
     * The event time of a rejection: the rejected event's own time when it is plausible, else the input
     * record's timestamp when that is, else {@link #EARLIEST_PLAUSIBLE}. A rejection must not carry on an
     * absurd time (year 9999, 1970) that its readers would refuse in turn; the choice depends only on the
     * record, so a replay gives the same rejection.
     */
    public static Instant forRejection(Instant occurredAt, long recordTimestamp) {
        if (occurredAt != null && plausible(occurredAt)) {
            return occurredAt;
        }
        Instant recordTime = Instant.ofEpochMilli(Math.max(0, recordTimestamp));
        return plausible(recordTime) ? recordTime : EARLIEST_PLAUSIBLE;
    }

    private static boolean plausible(Instant time) {
        return !time.isBefore(EARLIEST_PLAUSIBLE) && time.isBefore(FieldLimits.LATEST_PLAUSIBLE);
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
