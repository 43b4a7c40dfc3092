package org.ntrklab.simulator.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Working days Monday to Friday (docs/tat-metrics.md#working-days); 2026-03-06 is a Friday. */
class LabCalendarTest {

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource({
        "2026-03-06T10:00:00Z, 1, 2026-03-09T10:00:00Z",     // Friday + 1 = Monday
        "2026-03-05T10:00:00Z, 1, 2026-03-06T10:00:00Z",     // Thursday + 1 = Friday
        "2026-03-02T10:00:00Z, 5, 2026-03-09T10:00:00Z",     // a working week is a calendar week
        "2026-03-06T10:00:00Z, 0.5, 2026-03-06T22:00:00Z",   // within Friday
        "2026-03-06T20:00:00Z, 0.25, 2026-03-09T02:00:00Z",  // 4 h on Friday, 2 h on Monday
        "2026-03-07T10:00:00Z, 0.5, 2026-03-09T12:00:00Z",   // a Saturday start waits for Monday
        "2026-03-06T00:00:00Z, 1, 2026-03-09T00:00:00Z",     // finishing at Saturday 00:00 moves to Monday
        "2026-03-06T10:00:00Z, 0, 2026-03-06T10:00:00Z",
        "2026-03-02T08:00:00Z, 10, 2026-03-16T08:00:00Z"})   // the 10-working-day case target
    void plusWorkingDays(String from, double days, String expected) {
        assertThat(LabCalendar.plusWorkingDays(Instant.parse(from), days)).isEqualTo(Instant.parse(expected));
    }

    @Test
    @DisplayName("Working time as a Duration, and back: the inverse of plusWorkingTime")
    void workingTime() {
        Instant friday = Instant.parse("2026-03-06T10:00:00Z");
        Instant later = LabCalendar.plusWorkingTime(friday, Duration.ofHours(36));
        assertThat(later).isEqualTo(Instant.parse("2026-03-09T22:00:00Z"));
        assertThat(LabCalendar.workingDaysBetween(friday, later)).isEqualTo(1.5);
        assertThat(LabCalendar.weekend(Instant.parse("2026-03-08T12:00:00Z"))).isTrue();
        assertThatThrownBy(() -> LabCalendar.plusWorkingDays(friday, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
