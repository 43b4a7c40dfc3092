package org.ntrklab.sampleqc.rules;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.ntrklab.events.Decalcification;
import org.ntrklab.events.QcMetric;
import org.ntrklab.events.SpecimenType;

/**
 * Where the value of each QC metric comes from: a bench measurement that must have arrived, or the
 * accession itself (specimen facts known from receipt).
 */
public enum MetricSource {
    /** TumorContentAssessed: the pathologist's H&E estimate. */
    TUMOUR_CONTENT(true),
    /** NucleicAcidExtracted with analyte RNA. */
    RNA_EXTRACTION(true),
    /** NucleicAcidExtracted with analyte DNA. */
    DNA_EXTRACTION(true),
    /** NucleicAcidExtracted with analyte CFDNA. */
    CFDNA_EXTRACTION(true),
    /** The accessioned specimen's own facts. */
    ACCESSION(false);

    private final boolean measured;

    MetricSource(boolean measured) {
        this.measured = measured;
    }

    /** True when a bench measurement must arrive before the metric can be judged. */
    public boolean measured() {
        return measured;
    }

    /** True for metrics judged by category (yes/no, decalcification, specimen type) rather than by number. */
    public static boolean categorical(QcMetric metric) {
        return metric == QcMetric.TUMOUR_CELLS_PRESENT || metric == QcMetric.DECALCIFICATION
                || metric == QcMetric.SPECIMEN_TYPE;
    }

    /** The values a categorical metric can take, as rule tables write them; empty for numeric metrics. */
    public static Set<String> categories(QcMetric metric) {
        return switch (metric) {
            case TUMOUR_CELLS_PRESENT -> Set.of("true", "false");
            case DECALCIFICATION -> names(Decalcification.values());
            case SPECIMEN_TYPE -> names(SpecimenType.values());
            default -> Set.of();
        };
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }

    public static MetricSource of(QcMetric metric) {
        return switch (metric) {
            case TUMOUR_CELLS_PRESENT, TUMOUR_NUCLEI_PERCENT -> TUMOUR_CONTENT;
            case DV200_PERCENT, RNA_YIELD_NG -> RNA_EXTRACTION;
            case DNA_YIELD_NG, FFPE_DELTA_CT -> DNA_EXTRACTION;
            case CFDNA_YIELD_NG -> CFDNA_EXTRACTION;
            case BLOOD_TUBE_AGE_DAYS, DECALCIFICATION, BLOCK_AGE_YEARS, SPECIMEN_TYPE -> ACCESSION;
        };
    }
}
