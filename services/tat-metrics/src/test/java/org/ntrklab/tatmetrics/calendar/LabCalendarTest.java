package org.ntrklab.tatmetrics.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The lab's working calendar: Monday to Friday in the lab's own time zone, less the holidays it configures.
 * Turnaround targets such as the CAP/IASLC/AMP 10 working days are counted on it.
 */
class LabCalendarTest {

    /** Working days are rounded to a millionth of a day. */
    private static final Offset<Double> TO_A_MILLIONTH = within(1e-6);

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate CHRISTMAS_DAY = LocalDate.of(2026, 12, 25);
    /** Boxing Day 2026 is a Saturday, so England's substitute bank holiday is Monday 28 December. */
    private static final LocalDate BOXING_DAY_SUBSTITUTE = LocalDate.of(2026, 12, 28);

    private final LabCalendar london = new LabCalendar(LONDON, Set.of(CHRISTMAS_DAY, BOXING_DAY_SUBSTITUTE));

    // ---- Monday to Friday ------------------------------------------------------------------------------------

    @Test
    void mondayToFridayAreWorkingDaysAndTheWeekendIsNot() {
        // 2026-03-02 is a Monday.
        assertThat(london.isWorkingDay(LocalDate.of(2026, 3, 2))).isTrue();
        assertThat(london.isWorkingDay(LocalDate.of(2026, 3, 6))).isTrue();
        assertThat(london.isWorkingDay(LocalDate.of(2026, 3, 7))).isFalse();
        assertThat(london.isWorkingDay(LocalDate.of(2026, 3, 8))).isFalse();
    }

    @Test
    void mondayMorningToWednesdayMorningIsTwoWorkingDays() {
        assertThat(london.workingDaysBetween(at(LONDON, "2026-03-02T10:00"), at(LONDON, "2026-03-04T10:00")))
                .isEqualTo(2.0);
    }

    @Test
    void fridayMorningToMondayMorningIsOneWorkingDayBecauseTheWeekendDoesNotCount() {
        // Friday's 14 hours and Monday's 10.
        assertThat(london.workingDaysBetween(at(LONDON, "2026-03-06T10:00"), at(LONDON, "2026-03-09T10:00")))
                .isEqualTo(1.0);
    }

    @Test
    void saturdayToSundayIsNoWorkingTimeAtAll() {
        assertThat(london.workingDaysBetween(at(LONDON, "2026-03-07T08:00"), at(LONDON, "2026-03-08T20:00")))
                .isZero();
    }

    @Test
    void aFullWeekFromMondayMidnightToTheNextMondayMidnightIsFiveWorkingDays() {
        assertThat(london.workingDaysBetween(at(LONDON, "2026-03-02T00:00"), at(LONDON, "2026-03-09T00:00")))
                .isEqualTo(5.0);
    }

    @Test
    void theCapIaslcAmpTenWorkingDaysAreTwoCalendarWeeksFromReceipt() {
        assertThat(london.workingDaysBetween(at(LONDON, "2026-03-02T09:00"), at(LONDON, "2026-03-16T09:00")))
                .isEqualTo(10.0);
    }

    @Test
    void twoWeeksFromAnAfternoonReceiptAreExactlyTenWorkingDaysWithoutAFloatingPointRemainder() {
        // Monday 14:00 to Monday 14:00: 10/24 + nine working days + 14/24, which summed naively in floating
        // point exceeds 10 and would miss the target.
        assertThat(london.workingDaysBetween(at(LONDON, "2026-03-02T14:00"), at(LONDON, "2026-03-16T14:00")))
                .isEqualTo(10.0);
    }

    @Test
    void aFractionIsRoundedToAMillionthOfAWorkingDay() {
        // One second is 1/86400 = 0.0000115740... of a working day.
        assertThat(london.workingDaysBetween(at(LONDON, "2026-03-03T10:00"), at(LONDON, "2026-03-03T10:00:01")))
                .isEqualTo(0.000012);
    }

    @Test
    void halfAWorkingDayIsHalf() {
        assertThat(london.workingDaysBetween(at(LONDON, "2026-03-03T06:00"), at(LONDON, "2026-03-03T18:00")))
                .isEqualTo(0.5);
    }

    @Test
    void anEndBeforeTheStartIsNoWorkingTime() {
        assertThat(london.workingDaysBetween(at(LONDON, "2026-03-04T10:00"), at(LONDON, "2026-03-02T10:00")))
                .isZero();
        assertThat(london.workingDaysBetween(at(LONDON, "2026-03-04T10:00"), at(LONDON, "2026-03-04T10:00")))
                .isZero();
    }

    // ---- the lab's configured holidays -----------------------------------------------------------------------

    @Test
    void aConfiguredHolidayIsNotAWorkingDay() {
        assertThat(london.isWorkingDay(CHRISTMAS_DAY)).isFalse();
        assertThat(london.workingDaysBetween(at(LONDON, "2026-12-25T00:00"), at(LONDON, "2026-12-26T00:00")))
                .isZero();
    }

    @Test
    void christmasWeekCountsOnlyTheDaysTheLabWorks() {
        Instant christmasEveMorning = at(LONDON, "2026-12-24T09:00");
        Instant tuesdayMorning = at(LONDON, "2026-12-29T09:00");
        LabCalendar noHolidays = new LabCalendar(LONDON, Set.of());

        // Thursday's 15 hours and Tuesday's 9; Friday and Monday are bank holidays.
        assertThat(london.workingDaysBetween(christmasEveMorning, tuesdayMorning)).isEqualTo(1.0);
        // The same span in a calendar without them: Thursday 15/24, Friday, Monday, Tuesday 9/24.
        assertThat(noHolidays.workingDaysBetween(christmasEveMorning, tuesdayMorning)).isEqualTo(3.0);
    }

    // ---- the lab's time zone ---------------------------------------------------------------------------------

    @Test
    void theSameInstantsGiveDifferentWorkingTimeWhereLocalMidnightFallsIntoSaturday() {
        // Friday 9 January 2026, 20:00 UTC to Saturday 02:00 UTC.
        Instant start = Instant.parse("2026-01-09T20:00:00Z");
        Instant end = Instant.parse("2026-01-10T02:00:00Z");
        LabCalendar berlin = new LabCalendar(ZoneId.of("Europe/Berlin"), Set.of());
        LabCalendar newYork = new LabCalendar(ZoneId.of("America/New_York"), Set.of());

        // Berlin (UTC+1): Friday 21:00 to Saturday 03:00, of which Friday's last 3 hours count.
        assertThat(berlin.workingDaysBetween(start, end)).isCloseTo(3.0 / 24, TO_A_MILLIONTH);
        // New York (UTC-5): Friday 15:00 to 21:00, all of it on the Friday.
        assertThat(newYork.workingDaysBetween(start, end)).isCloseTo(6.0 / 24, TO_A_MILLIONTH);
    }

    @Test
    void aHolidayIsADateInTheLabsZone() {
        LabCalendar newYork = new LabCalendar(ZoneId.of("America/New_York"), Set.of(CHRISTMAS_DAY));

        // 25 December 02:00 to 04:00 UTC is still Christmas Eve evening in New York, a working Thursday.
        assertThat(newYork.workingDaysBetween(Instant.parse("2026-12-25T02:00:00Z"),
                Instant.parse("2026-12-25T04:00:00Z"))).isCloseTo(2.0 / 24, TO_A_MILLIONTH);
        assertThat(london.workingDaysBetween(Instant.parse("2026-12-25T02:00:00Z"),
                Instant.parse("2026-12-25T04:00:00Z"))).isZero();
    }

    // ---- daylight-saving changes: a working day is its local length ------------------------------------------

    @Test
    void fridayToMondayAcrossBerlinsSpringSundayIsStillOneWorkingDay() {
        ZoneId berlinZone = ZoneId.of("Europe/Berlin");
        LabCalendar berlin = new LabCalendar(berlinZone, Set.of());
        Instant friday = at(berlinZone, "2026-03-27T10:00");
        Instant monday = at(berlinZone, "2026-03-30T10:00");

        // Sunday 29 March has 23 hours.
        assertThat(Duration.between(friday, monday)).isEqualTo(Duration.ofHours(71));
        assertThat(berlin.workingDaysBetween(friday, monday)).isEqualTo(1.0);
    }

    @Test
    void fridayToMondayAcrossBerlinsAutumnSundayIsStillOneWorkingDay() {
        ZoneId berlinZone = ZoneId.of("Europe/Berlin");
        LabCalendar berlin = new LabCalendar(berlinZone, Set.of());
        Instant friday = at(berlinZone, "2026-10-23T10:00");
        Instant monday = at(berlinZone, "2026-10-26T10:00");

        // Sunday 25 October has 25 hours.
        assertThat(Duration.between(friday, monday)).isEqualTo(Duration.ofHours(73));
        assertThat(berlin.workingDaysBetween(friday, monday)).isEqualTo(1.0);
    }

    @Test
    void aTwentyThreeHourWorkingFridayCountsExactlyOneWorkingDay() {
        // Israel moves its clocks forward on the Friday before the last Sunday of March, at 02:00.
        ZoneId jerusalem = ZoneId.of("Asia/Jerusalem");
        LabCalendar calendar = new LabCalendar(jerusalem, Set.of());
        Instant fridayMidnight = at(jerusalem, "2026-03-27T00:00");
        Instant saturdayMidnight = at(jerusalem, "2026-03-28T00:00");

        assertThat(Duration.between(fridayMidnight, saturdayMidnight)).isEqualTo(Duration.ofHours(23));
        assertThat(calendar.workingDaysBetween(fridayMidnight, saturdayMidnight)).isEqualTo(1.0);
    }

    @Test
    void theShareOfAShortWorkingDayIsOfItsTwentyThreeHours() {
        ZoneId jerusalem = ZoneId.of("Asia/Jerusalem");
        LabCalendar calendar = new LabCalendar(jerusalem, Set.of());

        // Midnight to noon on the short Friday is 11 hours, the hour 02:00-03:00 never happening.
        assertThat(calendar.workingDaysBetween(at(jerusalem, "2026-03-27T00:00"), at(jerusalem, "2026-03-27T12:00")))
                .isCloseTo(11.0 / 23, TO_A_MILLIONTH);
    }

    @Test
    void aTwentyFiveHourWorkingThursdayCountsExactlyOneWorkingDay() {
        // Egypt turns its clocks back at the midnight ending the last Thursday of October.
        ZoneId cairo = ZoneId.of("Africa/Cairo");
        LabCalendar calendar = new LabCalendar(cairo, Set.of());
        Instant thursdayMidnight = at(cairo, "2026-10-29T00:00");
        Instant fridayMidnight = LocalDate.of(2026, 10, 30).atStartOfDay(cairo).toInstant();

        assertThat(Duration.between(thursdayMidnight, fridayMidnight)).isEqualTo(Duration.ofHours(25));
        assertThat(calendar.workingDaysBetween(thursdayMidnight, fridayMidnight)).isEqualTo(1.0);
    }

    @Test
    void aWorkingFridayWhoseMidnightNeverHappensCountsExactlyOneWorkingDay() {
        // Egypt's clocks jump from Friday 00:00 to 01:00 on the last Friday of April: the day starts at 01:00.
        ZoneId cairo = ZoneId.of("Africa/Cairo");
        LabCalendar calendar = new LabCalendar(cairo, Set.of());
        Instant fridayStart = LocalDate.of(2026, 4, 24).atStartOfDay(cairo).toInstant();
        Instant saturdayStart = LocalDate.of(2026, 4, 25).atStartOfDay(cairo).toInstant();

        assertThat(Duration.between(fridayStart, saturdayStart)).isEqualTo(Duration.ofHours(23));
        assertThat(calendar.workingDaysBetween(Instant.parse("2026-04-23T12:00:00Z"), saturdayStart))
                // Thursday from 14:00 local (10 of its 24 hours), then the whole short Friday.
                .isCloseTo(10.0 / 24 + 1.0, TO_A_MILLIONTH);
    }

    @Test
    void aLongSundayCountsNothingAndTheMondayAfterItCountsExactlyOne() {
        // Lord Howe Island turns its clocks back half an hour on the first Sunday of April: a 24.5-hour Sunday.
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        LabCalendar calendar = new LabCalendar(lordHowe, Set.of());
        Instant sunday = at(lordHowe, "2026-04-05T00:00");
        Instant monday = at(lordHowe, "2026-04-06T00:00");
        Instant tuesday = at(lordHowe, "2026-04-07T00:00");

        assertThat(Duration.between(sunday, monday)).isEqualTo(Duration.ofMinutes(24 * 60 + 30));
        assertThat(calendar.workingDaysBetween(sunday, monday)).isZero();
        assertThat(calendar.workingDaysBetween(monday, tuesday)).isEqualTo(1.0);
        assertThat(calendar.workingDaysBetween(at(lordHowe, "2026-04-03T12:00"), at(lordHowe, "2026-04-06T12:00")))
                .isEqualTo(1.0);
    }

    private static Instant at(ZoneId zone, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }
}
