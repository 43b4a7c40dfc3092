package org.ntrklab.simulator.lab;

import java.util.List;
import java.util.Locale;
import org.ntrklab.events.Decalcification;
import org.ntrklab.events.FusionCall;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.RunFailureReason;

/**
 * Tissue sequencing. RNA-NGS reads the fusion transcript: when the run passes QC it finds every fusion (100%
 * detection in QC-passed clinical samples, J Mol Diagn 2022;24:18) and names partner and exons. DNA-NGS reads
 * the genomic breakpoint and misses those in introns its baits do not cover, mostly NTRK2/NTRK3 (Solomon
 * 2020). Run failures grow with the specimen's damage.
 */
final class FusionSequencing {

    static final String RNA_PANEL = "NTRK RNA fusion panel (anchored multiplex PCR)";
    static final String DNA_PANEL = "Comprehensive DNA panel (hybrid capture, NTRK introns tiled)";

    private FusionSequencing() {
    }

    static Reading rna(SimulatedCase c, Draws tumour, Draws run) {
        SpecimenQuality q = c.quality();
        Reading failure = failure(run, AssayPerformance.RNA_TECHNICAL_FAILURE,
                AssayPerformance.RNA_SPECIMEN_FAILURE * rnaRisk(c));
        if (failure != null) {
            return failure;
        }
        double tumourPercent = q.tumourPercentOrZero();
        // Validated from 10% tumour nuclei (Mayo, Quest); below that a fusion may be missed [D 50%].
        boolean detected = c.fusion() != null && tumourPercent > 0 && (tumourPercent >= 10 || tumour.chance(0.5));
        long mappedReads = Math.max(150_000, Math.round(run.logNormal(2_500_000, 0.5)));
        List<FusionCall> calls = List.of();
        if (detected) {
            int reads = Math.max(AssayPerformance.MIN_FUSION_READS * 2,
                    (int) Math.round(run.logNormal(8 * tumourPercent, 0.7)));
            int molecules = Math.max(AssayPerformance.MIN_UNIQUE_MOLECULES * 2,
                    (int) Math.round(reads / run.uniform(3, 8)));
            calls = List.of(call(c.fusion(), reads, molecules));
        }
        return Reading.result(ngs(RNA_PANEL, calls, mappedReads), detected);
    }

    static Reading dna(SimulatedCase c, Draws tumour, Draws run) {
        Reading failure = failure(run, AssayPerformance.DNA_TECHNICAL_FAILURE,
                AssayPerformance.DNA_SPECIMEN_FAILURE * dnaRisk(c));
        if (failure != null) {
            return failure;
        }
        double tumourPercent = c.quality().tumourPercentOrZero();
        FusionTruth fusion = c.fusion();
        // Whether the baits cover the breakpoint is a property of the tumour: a repeat misses it again.
        boolean covered = fusion != null && tumour.chance(AssayPerformance.dnaSensitivity(fusion.ntrkGene()));
        // F1CDx needs 20% tumour nuclei; below it the breakpoint reads may fall under the calling threshold [D 50%].
        boolean detected = covered && tumourPercent > 0 && (tumourPercent >= 20 || tumour.chance(0.5));
        long mappedReads = Math.max(2_000_000, Math.round(run.logNormal(40_000_000, 0.4)));
        List<FusionCall> calls = List.of();
        if (detected) {
            int reads = Math.max(8, (int) Math.round(run.logNormal(tumourPercent, 0.6)));
            calls = List.of(call(fusion, reads, Math.max(5, (int) Math.round(reads * run.uniform(0.5, 0.8)))));
        }
        return Reading.result(ngs(DNA_PANEL, calls, mappedReads), detected);
    }

    /**
     * How much more likely than a good specimen this one is to fail RNA-NGS [D factors]: fragmented RNA, blocks
     * older than 2 years and decalcification lower success (MD Anderson 2021); a low yield leaves no reserve.
     */
    static double rnaRisk(SimulatedCase c) {
        SpecimenQuality q = c.quality();
        double risk = 1;
        if (q.dv200Percent() != null) {
            risk *= q.dv200Percent() < 30 ? 5 : q.dv200Percent() < 40 ? 2.5 : q.dv200Percent() < 50 ? 1.5 : 1;
        }
        if (q.rnaYieldNg() != null && q.rnaYieldNg() < 50) {
            risk *= 1.5;
        }
        return risk * ageAndDecalcification(c);
    }

    /** The same for DNA-NGS [D factors]: a delta-Ct over 2 or under 50 ng fails libraries (sample-qc rules). */
    static double dnaRisk(SimulatedCase c) {
        SpecimenQuality q = c.quality();
        double risk = 1;
        if (q.ffpeDeltaCt() != null && q.ffpeDeltaCt() > 2) {
            risk *= 4;
        }
        if (q.dnaYieldNg() != null && q.dnaYieldNg() < 50) {
            risk *= 3;
        }
        return risk * ageAndDecalcification(c);
    }

    private static double ageAndDecalcification(SimulatedCase c) {
        double risk = c.blockAgeYears() > 2 ? 2 : 1;
        Decalcification decal = c.decalcification();
        return risk * (decal == Decalcification.ACID ? 4 : decal == Decalcification.EDTA ? 2
                : decal == Decalcification.UNKNOWN ? 1.5 : 1);
    }

    /** A technical failure (repeated once by reflex) or a specimen failure (reflex moves on), or null. */
    static Reading failure(Draws run, double technical, double specimen) {
        double u = run.uniform(0, 1);
        if (u < technical) {
            return u < technical / 2 ? Reading.failed(RunFailureReason.CONTROL_FAILURE, "positive control out of range")
                    : Reading.failed(RunFailureReason.INSTRUMENT_ERROR, "sequencer run aborted");
        }
        if (u < technical + Math.min(0.95, specimen)) {
            if (run.chance(0.6)) {
                return Reading.failed(RunFailureReason.INSUFFICIENT_LIBRARY, "library yield below the minimum");
            }
            long reads = Math.round(run.uniform(2_000, AssayPerformance.MIN_MAPPED_READS - 1));
            return Reading.failed(RunFailureReason.LOW_MAPPED_READS, String.format(Locale.ROOT,
                    "%,d mapped reads, below the %,d minimum", reads, AssayPerformance.MIN_MAPPED_READS));
        }
        return null;
    }

    private static FusionCall call(FusionTruth f, int reads, int molecules) {
        String ntrk = f.ntrkGene().name();
        return FusionCall.newBuilder().setFivePrimeGene(f.fivePrimeGene()).setThreePrimeGene(ntrk)
                .setFivePrimeExon(f.fivePrimeExon()).setThreePrimeExon(f.threePrimeExon())
                .setFivePrimeTranscript(FusionPartners.transcript(f.fivePrimeGene()))
                .setThreePrimeTranscript(FusionPartners.transcript(ntrk))
                .setInFrame(true).setKinaseDomainRetained(true)
                .setSupportingReads(reads).setUniqueMolecules(molecules).build();
    }

    private static NgsResult ngs(String panel, List<FusionCall> calls, long mappedReads) {
        return NgsResult.newBuilder().setPanel(panel)
                .setCall(calls.isEmpty() ? MolecularCall.NO_FUSION_DETECTED : MolecularCall.FUSION_DETECTED)
                .setFusions(calls).setMappedReads(mappedReads).setRunQcPassed(true).build();
    }
}
