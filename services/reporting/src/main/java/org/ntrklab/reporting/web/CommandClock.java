package org.ntrklab.reporting.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The time a pathologist's command is stamped with: the wall clock, always, in a laboratory. In a
 * simulation whose lab days pass faster than real ones (the lab stack's demo) the simulated lab time
 * travels with the command in {@value #LAB_TIME_HEADER}, so that turnaround from receipt to sign-out is
 * measured in lab time; only then is the header read, and otherwise it is ignored.
 */
public final class CommandClock {

    /** The header a simulation sends the lab time of a command in. */
    public static final String LAB_TIME_HEADER = "X-Ntrk-Lab-Time";
    /** What the API document says of the header. */
    static final String LAB_TIME_DOC = "Simulations only: the simulated lab time of the command (ISO-8601 instant),"
            + " read when the service runs with ntrk.reporting.simulated-time=true and ignored otherwise";
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private final boolean simulatedTime;

    /** @param simulatedTime whether commands may carry the simulated lab time (simulations only) */
    public CommandClock(boolean simulatedTime) {
        this.simulatedTime = simulatedTime;
        if (simulatedTime) {
            org.slf4j.LoggerFactory.getLogger(CommandClock.class).warn("Simulated time is on: sign-outs and corrections"
                    + " take their time from {}. For simulations only; never in a laboratory.", LAB_TIME_HEADER);
        }
    }

    /**
     * When the command happened.
     *
     * @param labTimeHeader the header's value, or null
     * @return the time, or empty when simulated time is on and the header is not a plausible ISO-8601 instant
     */
    Optional<Instant> commandTime(String labTimeHeader) {
        if (!simulatedTime || labTimeHeader == null) {
            return Optional.of(Instant.now());
        }
        try {
            Instant labTime = Instant.parse(labTimeHeader.strip());
            return labTime.isBefore(EARLIEST) || !labTime.isBefore(LATEST) ? Optional.empty() : Optional.of(labTime);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
