package org.ntrklab.tatmetrics.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * The laboratory's working calendar: Monday to Friday in the lab's time zone, less its holidays.
 * Turnaround in working days counts the share of each working day that lies in the interval, a day being
 * its local length (23 or 25 hours across a daylight-saving change), so Monday 10:00 to Wednesday 10:00 is
 * 2.0 working days and Friday 10:00 to Monday 10:00 is 1.0 (Friday's 14 hours and Monday's 10).
 */
public final class LabCalendar {

    private final ZoneId zone;
    private final Set<LocalDate> holidays;

    public LabCalendar(ZoneId zone, Set<LocalDate> holidays) {
        this.zone = zone;
        this.holidays = Set.copyOf(holidays);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
    }

    /** Working days from {@code start} to {@code end}; zero when {@code end} is not after {@code start}. */
    public double workingDaysBetween(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            return 0;
        }
        LocalDate first = start.atZone(zone).toLocalDate();
        LocalDate last = end.atZone(zone).toLocalDate();
        // Whole working days are counted exactly; only the parts of the first and last day are fractions.
        long wholeDays = 0;
        double days = 0;
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            if (!isWorkingDay(date)) {
                continue;
            }
            Instant dayStart = date.atStartOfDay(zone).toInstant();
            Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
            Instant from = start.isAfter(dayStart) ? start : dayStart;
            Instant to = end.isBefore(dayEnd) ? end : dayEnd;
            if (from.equals(dayStart) && to.equals(dayEnd)) {
                wholeDays++;
            } else if (to.isAfter(from)) {
                days += (double) Duration.between(from, to).toMillis() / Duration.between(dayStart, dayEnd).toMillis();
            }
        }
        // Rounded to a millionth of a day (under 0.1 s): a target of 10 working days must not be missed by a
        // floating-point remainder such as 10.000000000000002.
        return Math.round((wholeDays + days) * 1e6) / 1e6;
    }

    /** The local date and time of an instant, for display. */
    public ZonedDateTime local(Instant instant) {
        return instant.atZone(zone);
    }
}
