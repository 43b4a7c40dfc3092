package org.ntrklab.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A laboratory's commands are stamped with the wall clock, whatever a caller sends; only a simulation takes
 * the lab time from the header, and then only a plausible instant.
 */
class CommandClockTest {

    @Test
    void aLaboratoryIgnoresTheLabTimeHeader() {
        Instant before = Instant.now();
        Instant at = new CommandClock(false).commandTime("2020-01-01T00:00:00Z").orElseThrow();
        assertThat(at).isBetween(before, Instant.now());
        assertThat(new CommandClock(false).commandTime("not a time")).as("not even read").isPresent();
    }

    @Test
    void aSimulationTakesTheLabTimeFromTheHeader() {
        assertThat(new CommandClock(true).commandTime("2026-03-02T09:30:00Z"))
                .contains(Instant.parse("2026-03-02T09:30:00Z"));
        Instant before = Instant.now();
        assertThat(new CommandClock(true).commandTime(null).orElseThrow())
                .as("no header: the wall clock").isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
    }

    @Test
    void aSimulationRefusesAnImplausibleLabTime() {
        CommandClock clock = new CommandClock(true);
        assertThat(clock.commandTime("yesterday")).isEmpty();
        assertThat(clock.commandTime("1970-01-01T00:00:00Z")).isEmpty();
        assertThat(clock.commandTime("+999999-01-01T00:00:00Z")).isEmpty();
        assertThat(clock.commandTime("2026-03-02T09:30:00Z\u0000")).isEmpty();
    }
}
