package org.ntrklab.simulator.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Receipts arrive in working hours on working days; demo time runs at the chosen pace. */
class LabClockTest {

    // 2026-03-06 is a Friday.
    private static final Instant FRIDAY = Instant.parse("2026-03-06T00:00:00Z");

    @Test
    void receiptsFillTheWorkingHoursOfWorkingDaysAndSkipTheWeekend() {
        LabClock clock = new LabClock(FRIDAY, SimulationSettings.Pace.demo(Duration.ofSeconds(2), 3));
        assertThat(clock.receiptOf(0)).isEqualTo(Instant.parse("2026-03-06T08:00:00Z"));
        assertThat(clock.receiptOf(1)).isEqualTo(Instant.parse("2026-03-06T11:00:00Z"));
        assertThat(clock.receiptOf(2)).isEqualTo(Instant.parse("2026-03-06T14:00:00Z"));
        // The fourth receipt is on the next working day: Monday.
        assertThat(clock.receiptOf(3)).isEqualTo(Instant.parse("2026-03-09T08:00:00Z"));
    }

    @Test
    void aFirstDayOnAWeekendStartsOnMonday() {
        LabClock clock = new LabClock(Instant.parse("2026-03-07T00:00:00Z"), SimulationSettings.Pace.demo(
                Duration.ofSeconds(2), 10));
        assertThat(clock.receiptOf(0)).isEqualTo(Instant.parse("2026-03-09T08:00:00Z"));
    }

    @Test
    void inADemoALabDayTakesTheChosenWallTime() {
        LabClock clock = new LabClock(FRIDAY, SimulationSettings.Pace.demo(Duration.ofSeconds(2), 10));
        clock.startNow();
        long oneDayLater = clock.wallDelayNanos(Instant.parse("2026-03-07T08:00:00Z"));
        assertThat(oneDayLater).isBetween(Duration.ofMillis(1500).toNanos(), Duration.ofSeconds(2).toNanos());
        assertThat(clock.wallDelayNanos(Instant.parse("2026-03-01T08:00:00Z"))).as("past times are due now").isZero();
    }

    @Test
    void underLoadTheLabAnswersAtOnceAndReceiptsFollowTheRate() {
        LabClock clock = new LabClock(FRIDAY, SimulationSettings.Pace.load(100));
        clock.startNow();
        assertThat(clock.wallDelayNanos(Instant.parse("2026-04-01T08:00:00Z"))).isZero();
        assertThat(clock.loadDueNanos(100) - clock.loadDueNanos(0)).isEqualTo(Duration.ofSeconds(1).toNanos());
    }
}
