package org.ntrklab.simulator.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ntrklab.events.Analyte;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.NucleicAcidExtracted;
import org.ntrklab.events.RunFailureReason;
import org.ntrklab.events.TumorContentAssessed;

/**
 * The bench, the instruments and the pathologists of the simulated lab. Every answer is a pure function of
 * the case and the question: a run depends on (case, assay, attempt), so a retest is a new draw, while what
 * belongs to the tumour (does it stain, does the DNA panel cover its breakpoint, how much DNA does it shed)
 * is drawn once per (case, assay) and a retest sees it again.
 */
public final class Bench {

    private static final long MEASUREMENT_STREAM = 11;
    private static final long TUMOUR_STREAM = 12;
    private static final long RUN_STREAM = 13;
    private static final long SIGN_OUT_STREAM = 14;
    /** The lab's pathologists, by pseudonymous staff reference [D]. */

    public Bench() {
    }

    /**
     * The QC measurements of an accepted case, in the order they are made: for tissue a tumour content
     * assessment and RNA and DNA extractions; for plasma a cfDNA extraction.
     */
    public List<Measurement> measurements(SimulatedCase c) {
        Draws d = Draws.of(c.benchSeed(), MEASUREMENT_STREAM);
        SpecimenQuality q = c.quality();
        List<Measurement> out = new ArrayList<>();
        if (c.plasma()) {
            out.add(new Measurement(extraction(c, Analyte.CFDNA, q.cfDnaNg(), null, null),
                    BenchTimes.extraction(d, true)));
            return out;
        }
        out.add(new Measurement(TumorContentAssessed.newBuilder().setTumourCellsPresent(q.tumourCellsPresent())
                .setTumourNucleiPercent(q.tumourNucleiPercent()).setBlockId("A1").build(),
                BenchTimes.tumourContent(d)));
        out.add(new Measurement(extraction(c, Analyte.RNA, q.rnaYieldNg(), q.dv200Percent(), null),
                BenchTimes.extraction(d, false)));
        out.add(new Measurement(extraction(c, Analyte.DNA, q.dnaYieldNg(), null, q.ffpeDeltaCt()),
                BenchTimes.extraction(d, false)));
        out.sort(Comparator.comparing(Measurement::after));
        return List.copyOf(out);
    }

    /** One run of an assay as an order that names no FISH probes asks for it. */
    public RunOutcome run(SimulatedCase c, AssayType assay, int attempt) {
        return run(c, assay, attempt, List.of());
    }

    /**
     * One run of an assay; {@code attempt} counts from 1 per (case, assay): a retest is attempt 2.
     *
     * @param fishProbes the break-apart probes the order names (FISH only); empty: the lab's default
     */
    public RunOutcome run(SimulatedCase c, AssayType assay, int attempt, List<NtrkGene> fishProbes) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, got " + attempt);
        }
        Draws run = Draws.of(c.benchSeed(), RUN_STREAM, assay.ordinal(), attempt);
        Draws tumour = Draws.of(c.benchSeed(), TUMOUR_STREAM, assay.ordinal());
        Duration queue = BenchTimes.queue(run, assay, c.receipt().getPriority());
        Reading reading = read(c, assay, tumour, run,
                fishProbes.isEmpty() ? AssayPerformance.FISH_PROBES_WHEN_UNNAMED : List.copyOf(fishProbes));
        Duration runTime = BenchTimes.run(run, assay, reading.isFailure());
        return reading.isFailure()
                ? RunOutcome.failed(assay, queue, runTime, reading.failure(), reading.failureDetail())
                : RunOutcome.completed(assay, queue, runTime, reading.details(), reading.fusionDetected());
    }

    /** Working time from a draft to its sign-out: 0.5-1.5 working days per version. */
    public Duration signOutAfter(SimulatedCase c, int version) {
        return BenchTimes.signOut(Draws.of(c.benchSeed(), SIGN_OUT_STREAM, version));
    }

    private static Reading read(SimulatedCase c, AssayType assay, Draws tumour, Draws run, List<NtrkGene> probes) {
        boolean plasmaAssay = assay == AssayType.CFDNA_NGS;
        if (plasmaAssay != c.plasma()) {
            // Accessioning and sample-qc keep such orders off the bench; a driver that runs one anyway gets a
            // failure rather than a result from material that is not there.
            return plasmaAssay ? Reading.failed(RunFailureReason.OTHER_FAILURE, "no plasma: tissue specimen")
                    : Reading.failed(RunFailureReason.INSUFFICIENT_TISSUE, "no tissue: plasma specimen");
        }
        return switch (assay) {
            case PAN_TRK_IHC -> PanTrkStaining.read(c, tumour, run);
            case NTRK_FISH -> BreakApartFish.read(c, tumour, run, probes);
            case RT_PCR -> RtPcrPanel.read(c, run);
            case RNA_NGS -> FusionSequencing.rna(c, tumour, run);
            case DNA_NGS -> FusionSequencing.dna(c, tumour, run);
            case CFDNA_NGS -> PlasmaSequencing.read(c, tumour, run);
        };
    }

    private static NucleicAcidExtracted extraction(SimulatedCase c, Analyte analyte, Double yieldNg, Double dv200,
            Double deltaCt) {
        return NucleicAcidExtracted.newBuilder().setAnalyte(analyte)
                .setExtractionId("EX-" + c.specimenId() + "-" + analyte.name())
                .setYieldNg(yieldNg == null ? 0 : yieldNg).setDv200Percent(dv200).setFfpeDeltaCt(deltaCt).build();
    }
}
