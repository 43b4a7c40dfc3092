package org.ntrklab.sampleqc.evaluation;

import java.time.Duration;
import java.time.Instant;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.Decalcification;
import org.ntrklab.events.SpecimenType;

/** What QC needs to know about the accessioned specimen itself. */
public record SpecimenFacts(SpecimenType specimenType, BloodTubeType bloodTubeType, Decalcification decalcification,
        Instant collectedAt, Instant receivedAt) {

    private static final double DAYS_PER_YEAR = 365.25;

    /** Time from collection to lab receipt in days: the age of a blood tube, or of a tissue block, at receipt. */
    public double ageAtReceiptDays() {
        return Duration.between(collectedAt, receivedAt).toMillis() / (double) Duration.ofDays(1).toMillis();
    }

    public double ageAtReceiptYears() {
        return ageAtReceiptDays() / DAYS_PER_YEAR;
    }
}
