package org.ntrklab.simulator.lab;

import java.time.Duration;
import java.util.Objects;
import org.ntrklab.events.NucleicAcidExtracted;
import org.ntrklab.events.TumorContentAssessed;

/**
 * A QC measurement as the bench records it.
 *
 * @param payload a {@link TumorContentAssessed} or a {@link NucleicAcidExtracted}
 * @param after working time from the accession to the measurement: a Duration of one day is one working day,
 *     to be laid on the calendar with {@link LabCalendar#plusWorkingTime}
 */
public record Measurement(Object payload, Duration after) {

    public Measurement {
        Objects.requireNonNull(after, "after");
        if (!(payload instanceof TumorContentAssessed) && !(payload instanceof NucleicAcidExtracted)) {
            throw new IllegalArgumentException("a QC measurement is a TumorContentAssessed or a NucleicAcidExtracted");
        }
    }
}
