package org.ntrklab.simulator.lab;

import java.time.Duration;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.Priority;

/**
 * How long each step takes, in working days [D], set inside the test targets of docs/tat-metrics.md (IHC 2, FISH 5,
 * RT-PCR 5, RNA-NGS 10, DNA-NGS 10, cfDNA 7 working days) and the published method times listed in
 * docs/lims-simulator.md#the-bench-and-the-instruments: IHC 1-2 days (J Clin Pathol 2019), FISH panel 3-5 days
 * (NeoGenomics), F1CDx 8 days, Guardant360 7 calendar days. Queueing is the wait for the next batch or
 * instrument run; STAT orders jump the queue.
 */
final class BenchTimes {

    /** Queue and bench time ranges of one assay, working days. */
    private record Window(double queueFrom, double queueTo, double runFrom, double runTo) {
    }

    /** STAT orders wait this share of the routine queue [D]. */
    static final double STAT_QUEUE_FACTOR = 0.3;

    private BenchTimes() {
    }

    private static Window window(AssayType assay) {
        return switch (assay) {
            // Stain and read: 0.9-2.0 days in all.
            case PAN_TRK_IHC -> new Window(0.1, 0.5, 0.8, 1.5);
            // Hybridise overnight, score: 2-4 days.
            case NTRK_FISH -> new Window(0.3, 1.0, 1.7, 3.0);
            // Reverse transcription and PCR: 2-3 days.
            case RT_PCR -> new Window(0.3, 0.8, 1.7, 2.2);
            // Library batch, sequencing and analysis: 5-8 days.
            case RNA_NGS -> new Window(1.0, 3.0, 4.0, 5.0);
            // Hybrid capture takes a day longer: 6-9 days.
            case DNA_NGS -> new Window(1.0, 3.0, 5.0, 6.0);
            // Plasma is processed promptly: 5-7 days.
            case CFDNA_NGS -> new Window(0.5, 1.5, 4.5, 5.5);
        };
    }

    static Duration queue(Draws run, AssayType assay, Priority priority) {
        Window w = window(assay);
        double days = run.uniform(w.queueFrom(), w.queueTo());
        return workingDays(priority == Priority.STAT ? days * STAT_QUEUE_FACTOR : days);
    }

    /** Bench time to the result; a failing run is noticed after half to all of it (e.g. at library QC) [D]. */
    static Duration run(Draws run, AssayType assay, boolean failed) {
        Window w = window(assay);
        double days = run.uniform(w.runFrom(), w.runTo());
        return workingDays(failed ? days * run.uniform(0.5, 1.0) : days);
    }

    /** Tumour content is read on the H&E within 0.5-1 working day of accession [D]. */
    static Duration tumourContent(Draws d) {
        return workingDays(d.uniform(0.5, 1.0));
    }

    /** Tissue extractions 1-2 working days after accession; plasma 0.5-1.5, as cfDNA is extracted promptly [D]. */
    static Duration extraction(Draws d, boolean plasma) {
        return workingDays(plasma ? d.uniform(0.5, 1.5) : d.uniform(1.0, 2.0));
    }

    /**
     * Pathologist review of a draft: 0.5-1.5 working days [D]; the reporting interval after testing was under
     * one day in 73.9% of send-outs (Clin Lung Cancer 2017).
     */
    static Duration signOut(Draws d) {
        return workingDays(d.uniform(0.5, 1.5));
    }

    static Duration workingDays(double days) {
        return Duration.ofSeconds(Math.round(days * 86_400));
    }
}
