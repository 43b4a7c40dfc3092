package org.ntrklab.simulator.lab;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The lab's working week for simulated step durations: Monday to Friday, UTC, every hour of a working day
 * counting (turnaround is counted in working days, docs/tat-metrics.md#working-days). Work does not advance
 * over the weekend, and a step that would finish on a Saturday or Sunday finishes on Monday. No holidays: the
 * simulator only needs plausible timings, tat-metrics keeps the lab's real calendar.
 */
public final class LabCalendar {

    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private LabCalendar() {
    }

    /** {@code from} plus that many working days, e.g. Friday 10:00 + 1 = Monday 10:00. */
    public static Instant plusWorkingDays(Instant from, double workingDays) {
        if (!(workingDays >= 0) || Double.isInfinite(workingDays)) {
            throw new IllegalArgumentException("working days must be zero or more, got " + workingDays);
        }
        return plusWorkingTime(from, Duration.ofMillis(Math.round(workingDays * DAY_MILLIS)));
    }

    /** {@code from} plus working time, where a Duration of one day is one working day. */
    public static Instant plusWorkingTime(Instant from, Duration workingTime) {
        if (workingTime.isNegative()) {
            throw new IllegalArgumentException("working time must be zero or more, got " + workingTime);
        }
        ZonedDateTime cursor = toWorkingDay(from.atZone(ZoneOffset.UTC));
        long remaining = workingTime.toMillis();
        while (remaining > 0) {
            ZonedDateTime endOfDay = cursor.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            long left = Duration.between(cursor, endOfDay).toMillis();
            if (remaining < left) {
                return cursor.plus(Duration.ofMillis(remaining)).toInstant();
            }
            remaining -= left;
            cursor = toWorkingDay(endOfDay);
        }
        return cursor.toInstant();
    }

    /** Working days on the Monday-to-Friday calendar between two instants (0 when {@code to} is earlier). */
    public static double workingDaysBetween(Instant from, Instant to) {
        ZonedDateTime cursor = toWorkingDay(from.atZone(ZoneOffset.UTC));
        ZonedDateTime end = to.atZone(ZoneOffset.UTC);
        long millis = 0;
        while (cursor.isBefore(end)) {
            ZonedDateTime endOfDay = cursor.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            ZonedDateTime stop = endOfDay.isBefore(end) ? endOfDay : end;
            if (!weekend(cursor)) {
                millis += Duration.between(cursor, stop).toMillis();
            }
            cursor = stop;
        }
        return millis / (double) DAY_MILLIS;
    }

    public static boolean weekend(Instant at) {
        return weekend(at.atZone(ZoneOffset.UTC));
    }

    private static boolean weekend(ZonedDateTime t) {
        return t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** A time on a weekend moves to the start of Monday. */
    private static ZonedDateTime toWorkingDay(ZonedDateTime t) {
        ZonedDateTime cursor = t;
        while (weekend(cursor)) {
            cursor = cursor.truncatedTo(ChronoUnit.DAYS).plusDays(1);
        }
        return cursor;
    }
}
