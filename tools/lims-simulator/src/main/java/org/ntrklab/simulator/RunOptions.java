package org.ntrklab.simulator;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import org.ntrklab.simulator.feed.SimulationSettings;
import picocli.CommandLine.Option;

/**
 * The simulator's command-line options, shared by its own command and by the lab stack's, as picocli
 * mixins: how cases are drawn, the demo's pace and the load's rate.
 */
public final class RunOptions {

    private RunOptions() {
    }

    /** How the cases are drawn. */
    public static final class Draw {

        @Option(names = "--seed", defaultValue = "20261126",
                description = "the same seed gives the same cases and bench results (default: ${DEFAULT-VALUE})")
        public long seed;

        @Option(names = "--first-day", description = "first simulated lab day, e.g. 2026-03-02 (default: the Monday"
                + " eight weeks ago, so that simulated times lie in the past)")
        public LocalDate firstDay;

        /** The first simulated day: the given one, or the Monday eight weeks before today. */
        public Instant firstDay() {
            LocalDate day = firstDay != null ? firstDay
                    : LocalDate.now(ZoneOffset.UTC).minusWeeks(8).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            return day.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /** The demo's compressed lab time, and the drafts it leaves for a person. */
    public static final class DemoPace {

        @Option(names = "--lab-day", defaultValue = "2s",
                description = "demo: wall time one simulated lab day takes (default: ${DEFAULT-VALUE})")
        public Duration labDay;

        @Option(names = "--cases-per-day", defaultValue = "60",
                description = "demo: receipts per simulated working day (default: ${DEFAULT-VALUE})")
        public int casesPerDay;

        @Option(names = "--leave-unsigned", paramLabel = "N",
                description = "demo: leave N drafts unsigned for a person to sign out at the desk (default: 3 in"
                        + " the lab stack, which runs the desk; 0 in the simulator alone)")
        public Integer leaveUnsigned;

        /** The drafts to leave unsigned: as given, or the caller's default. */
        public int leaveUnsigned(int whenNotGiven) {
            return leaveUnsigned == null ? whenNotGiven : leaveUnsigned;
        }

        public SimulationSettings.Pace pace() {
            return SimulationSettings.Pace.demo(labDay, casesPerDay);
        }
    }

    /** The load benchmark's target rate and duration. */
    public static final class LoadRate {

        @Option(names = "--rate", defaultValue = "1000",
                description = "load: receipts per second (default: ${DEFAULT-VALUE})")
        public double rate;

        @Option(names = "--duration", defaultValue = "30s",
                description = "load: how long to send (default: ${DEFAULT-VALUE})")
        public Duration duration;

        /** How many cases the rate and duration make. */
        public int cases() {
            return (int) Math.max(1, Math.round(rate * duration.toMillis() / 1000.0));
        }

        public SimulationSettings.Pace pace() {
            return SimulationSettings.Pace.load(rate);
        }
    }
}
