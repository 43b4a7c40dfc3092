package org.ntrklab.tatmetrics.timeline;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.ntrklab.events.AssayType;

/**
 * Turnaround targets in working days. Defaults: case 10 working days from receipt to final report
 * (CAP/IASLC/AMP lung biomarker guideline, Lindeman et al. 2018); tests from order to result: IHC 2, FISH 5,
 * RT-PCR 5, RNA-NGS 10, DNA-NGS 10, cfDNA 7 (method turnaround as published: pan-TRK IHC 1-2 days;
 * NeoGenomics NTRK FISH 3-5 days; Guardant360 7 calendar days; RNA-NGS 10-14 days).
 */
public record TurnaroundTargets(double caseWorkingDays, Map<AssayType, Double> testWorkingDays) {

    public TurnaroundTargets {
        if (!(caseWorkingDays > 0)) {
            throw new IllegalArgumentException("the case target must be a positive number of working days");
        }
        EnumMap<AssayType, Double> copy = new EnumMap<>(AssayType.class);
        copy.putAll(testWorkingDays);
        copy.forEach((assay, days) -> {
            if (days == null || !(days > 0)) {
                throw new IllegalArgumentException("the " + assay + " target must be a positive number of working days");
            }
        });
        testWorkingDays = Map.copyOf(copy);
    }

    public static TurnaroundTargets defaults() {
        return new TurnaroundTargets(10, Map.of(AssayType.PAN_TRK_IHC, 2.0, AssayType.NTRK_FISH, 5.0, AssayType.RT_PCR,
                5.0, AssayType.RNA_NGS, 10.0, AssayType.DNA_NGS, 10.0, AssayType.CFDNA_NGS, 7.0));
    }

    /** The same targets with some replaced. */
    public TurnaroundTargets with(Double caseDays, Map<AssayType, Double> tests) {
        Map<AssayType, Double> merged = new EnumMap<>(AssayType.class);
        merged.putAll(testWorkingDays);
        merged.putAll(tests);
        return new TurnaroundTargets(caseDays == null ? caseWorkingDays : caseDays, merged);
    }

    public Optional<Double> test(AssayType assay) {
        return Optional.ofNullable(testWorkingDays.get(assay));
    }
}
