package org.ntrklab.simulator.feed;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.ntrklab.simulator.lab.LabCalendar;

/**
 * Simulated lab time and the wall clock. In a demo lab days pass in seconds: an event due at a simulated
 * time is sent when the wall clock reaches the matching moment, so dashboards fill up as a lab's would.
 * Under load the lab answers at once and only the event times advance.
 */
final class LabClock {

    /** Receipts arrive between 08:00 and 17:00. */
    private static final Duration RECEPTION_OPENS = Duration.ofHours(8);
    private static final Duration RECEIVING_HOURS = Duration.ofHours(9);

    private final Instant firstDay;
    private final SimulationSettings.Pace pace;
    private volatile long wallStartNanos;

    LabClock(Instant firstDay, SimulationSettings.Pace pace) {
        this.firstDay = atEight(firstDay);
        this.pace = pace;
        this.wallStartNanos = System.nanoTime();
    }

    /** Lab time starts now: the first receipt is due at once. */
    void startNow() {
        wallStartNanos = System.nanoTime();
    }

    /** When case {@code number} (from 0) reaches the lab: spread over the working hours of working days. */
    Instant receiptOf(int number) {
        int perDay = pace.casesPerLabDay();
        Instant day = LabCalendar.plusWorkingDays(firstDay, number / perDay);
        return day.plus(RECEIVING_HOURS.multipliedBy(number % perDay).dividedBy(perDay));
    }

    /** Nanoseconds from now until the wall clock reaches simulated time {@code at}; never negative. */
    long wallDelayNanos(Instant at) {
        if (pace.immediate()) {
            return 0;
        }
        double labDays = Duration.between(firstDay, at).toMillis() / (double) Duration.ofDays(1).toMillis();
        long due = wallStartNanos + (long) (labDays * pace.wallPerLabDay().toNanos());
        return Math.max(0, due - System.nanoTime());
    }

    /** When receipt {@code number} is due on the load pace, in {@link System#nanoTime()} terms. */
    long loadDueNanos(int number) {
        return wallStartNanos + (long) (number * 1e9 / pace.casesPerSecond());
    }

    /** Nanoseconds from now until receipt {@code number} is due on the load pace. */
    long loadDelayNanos(int number) {
        return Math.max(0, loadDueNanos(number) - System.nanoTime());
    }

    /** 08:00 on the day, or on the Monday after when the day falls on a weekend. */
    private static Instant atEight(Instant day) {
        Instant startOfDay = day.truncatedTo(ChronoUnit.DAYS);
        return LabCalendar.plusWorkingTime(startOfDay, Duration.ZERO).plus(RECEPTION_OPENS);
    }
}
