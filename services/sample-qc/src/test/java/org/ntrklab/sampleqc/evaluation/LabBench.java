package org.ntrklab.sampleqc.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.Decalcification;
import org.ntrklab.events.SpecimenType;
import org.ntrklab.sampleqc.rules.MetricSource;
import org.ntrklab.testkit.LabEvents;

/**
 * Specimens and bench results for evaluator tests. The passing bench is comfortably inside every published
 * limit, so a test that replaces one result sees that result decide.
 */
public final class LabBench {

    public static final Instant RECEIVED = LabEvents.RECEIVED_AT;
    private static final long MILLIS_PER_DAY = Duration.ofDays(1).toMillis();

    private LabBench() {
    }

    /** A resection block, formalin-fixed, not decalcified, received two weeks after surgery. */
    public static SpecimenFacts ffpeBlock() {
        return tissue(SpecimenType.FFPE_BLOCK, Decalcification.NONE, Duration.ofDays(14));
    }

    public static SpecimenFacts tissue(SpecimenType type, Decalcification decalcification, Duration ageAtReceipt) {
        return new SpecimenFacts(type, null, decalcification, RECEIVED.minus(ageAtReceipt), RECEIVED);
    }

    public static SpecimenFacts plasma(BloodTubeType tube, Duration ageAtReceipt) {
        return new SpecimenFacts(SpecimenType.PLASMA_CFDNA_TUBE, tube, Decalcification.NONE, RECEIVED.minus(ageAtReceipt),
                RECEIVED);
    }

    public static Duration days(double days) {
        return Duration.ofMillis(Math.round(days * MILLIS_PER_DAY));
    }

    /** Block age in the lab's convention: a year is 365.25 days. */
    public static Duration years(double years) {
        return days(years * 365.25);
    }

    public static Measurement tumourNuclei(double percent) {
        return Measurement.tumourContent(eventId(), RECEIVED.toEpochMilli(), true, percent);
    }

    /** The pathologist found no assessable tumour on the H&E, and so entered no percentage. */
    public static Measurement tumourCellsAbsent() {
        return Measurement.tumourContent(eventId(), RECEIVED.toEpochMilli(), false, null);
    }

    public static Measurement rnaExtraction(double yieldNg, Double dv200Percent) {
        return Measurement.extraction(MetricSource.RNA_EXTRACTION, eventId(), RECEIVED.toEpochMilli(), "EX-RNA-1",
                yieldNg, dv200Percent, null);
    }

    public static Measurement dnaExtraction(double yieldNg, Double ffpeDeltaCt) {
        return Measurement.extraction(MetricSource.DNA_EXTRACTION, eventId(), RECEIVED.toEpochMilli(), "EX-DNA-1",
                yieldNg, null, ffpeDeltaCt);
    }

    public static Measurement cfDnaExtraction(double yieldNg) {
        return Measurement.extraction(MetricSource.CFDNA_EXTRACTION, eventId(), RECEIVED.toEpochMilli(), "EX-CF-1",
                yieldNg, null, null);
    }

    /**
     * 60% tumour nuclei; RNA 150 ng with DV200 70%; DNA 400 ng with delta-Ct 0.8; cfDNA 40 ng; then the given
     * results in place of those of the same kind.
     */
    public static Map<MetricSource, Measurement> passingBench(Measurement... replacing) {
        Map<MetricSource, Measurement> bench = new EnumMap<>(MetricSource.class);
        for (Measurement m : new Measurement[] {tumourNuclei(60), rnaExtraction(150, 70.0), dnaExtraction(400, 0.8),
                cfDnaExtraction(40)}) {
            bench.put(m.source(), m);
        }
        for (Measurement m : replacing) {
            bench.put(m.source(), m);
        }
        return bench;
    }

    private static String eventId() {
        return UUID.randomUUID().toString();
    }
}
