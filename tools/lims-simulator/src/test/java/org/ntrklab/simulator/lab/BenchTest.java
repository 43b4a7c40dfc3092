package org.ntrklab.simulator.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.Analyte;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.Decalcification;
import org.ntrklab.events.NucleicAcidExtracted;
import org.ntrklab.events.SpecimenType;
import org.ntrklab.events.TumorContentAssessed;
import org.ntrklab.platform.results.ResultNormaliser;

class BenchTest {

    private static final List<SimulatedCase> CASES = Cases.generate(31, 3000);
    private final Bench bench = new Bench();

    @Test
    @DisplayName("A run depends only on (case, assay, attempt); a retest is a new draw of the run, not of the tumour")
    void deterministic() {
        int differentTimes = 0;
        for (SimulatedCase c : CASES.subList(0, 500)) {
            for (AssayType assay : AssayType.values()) {
                assertThat(bench.run(c, assay, 1)).isEqualTo(new Bench().run(c, assay, 1));
            }
            if (!c.plasma()) {
                RunOutcome first = bench.run(c, AssayType.RNA_NGS, 1);
                RunOutcome retest = bench.run(c, AssayType.RNA_NGS, 2);
                differentTimes += first.runTime().equals(retest.runTime()) ? 0 : 1;
            }
        }
        assertThat(differentTimes).isGreaterThan(400);
        assertThatThrownBy(() -> bench.run(CASES.get(0), AssayType.RNA_NGS, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("Every result is one the platform's normaliser accepts, and 'detected' means a POSITIVE molecular call")
    void resultsAreValid() {
        for (SimulatedCase c : CASES) {
            for (AssayType assay : AssayType.values()) {
                RunOutcome o = bench.run(c, assay, 1);
                if (o.failed()) {
                    assertThat(o.resultDetails()).isNull();
                    continue;
                }
                ResultNormaliser.Normalised n = ResultNormaliser.normalise(assay, o.resultDetails());
                assertThat(n.refused()).as(assay + " " + n.detail()).isFalse();
                if (assay != AssayType.PAN_TRK_IHC) {
                    assertThat(n.interpretation() == AssayInterpretation.POSITIVE).isEqualTo(o.fusionDetected());
                }
                if (o.fusionDetected()) {
                    assertThat(c.fusionPresent()).isTrue();
                }
            }
        }
    }

    @Test
    @DisplayName("Tissue assays on plasma and cfDNA on tissue fail instead of inventing a result")
    void wrongMaterial() {
        SimulatedCase plasma = CASES.stream().filter(SimulatedCase::plasma).findFirst().orElseThrow();
        SimulatedCase tissue = CASES.stream().filter(c -> !c.plasma()).findFirst().orElseThrow();
        assertThat(bench.run(plasma, AssayType.RNA_NGS, 1).failed()).isTrue();
        assertThat(bench.run(tissue, AssayType.CFDNA_NGS, 1).failed()).isTrue();
    }

    @Test
    @DisplayName("Queue + bench time per assay inside the working-day ranges and docs/tat-metrics.md test targets")
    void runTimes() {
        // Total working days per assay [D], within the test targets IHC 2, FISH 5, RT-PCR 5, RNA 10, DNA 10, cfDNA 7.
        Map<AssayType, double[]> ranges = Map.of(AssayType.PAN_TRK_IHC, new double[] {0.9, 2.0},
                AssayType.NTRK_FISH, new double[] {2.0, 4.0}, AssayType.RT_PCR, new double[] {2.0, 3.0},
                AssayType.RNA_NGS, new double[] {5.0, 8.0}, AssayType.DNA_NGS, new double[] {6.0, 9.0},
                AssayType.CFDNA_NGS, new double[] {5.0, 7.0});
        for (SimulatedCase c : CASES) {
            for (AssayType assay : AssayType.values()) {
                RunOutcome o = bench.run(c, assay, 1);
                double days = (o.startAfter().plus(o.runTime())).toSeconds() / 86_400.0;
                double[] range = ranges.get(assay);
                if (o.failed() || c.receipt().getPriority() == org.ntrklab.events.Priority.STAT) {
                    assertThat(days).as(assay.name()).isLessThanOrEqualTo(range[1] + 1e-6);
                } else {
                    assertThat(days).as(assay.name()).isBetween(range[0] - 1e-6, range[1] + 1e-6);
                }
            }
        }
    }

    @Test
    @DisplayName("Measurements: tumour content within 1 working day, RNA and DNA extractions 1-2 days; cfDNA for plasma")
    void measurements() {
        for (SimulatedCase c : CASES) {
            List<Measurement> m = bench.measurements(c);
            assertThat(m).isEqualTo(bench.measurements(c));
            for (int i = 1; i < m.size(); i++) {
                assertThat(m.get(i).after()).isGreaterThanOrEqualTo(m.get(i - 1).after());
            }
            if (c.plasma()) {
                assertThat(m).hasSize(1);
                NucleicAcidExtracted cf = (NucleicAcidExtracted) m.get(0).payload();
                assertThat(cf.getAnalyte()).isEqualTo(Analyte.CFDNA);
                assertThat(cf.getYieldNg()).isEqualTo(c.quality().cfDnaNg());
                assertThat(cf.getDv200Percent()).isNull();
                assertThat(cf.getFfpeDeltaCt()).isNull();
                continue;
            }
            assertThat(m).hasSize(3);
            for (Measurement x : m) {
                if (x.payload() instanceof TumorContentAssessed t) {
                    assertThat(t.getTumourCellsPresent()).isEqualTo(c.quality().tumourCellsPresent());
                    assertThat(x.after()).isBetween(Duration.ofHours(12), Duration.ofHours(24));
                } else {
                    NucleicAcidExtracted n = (NucleicAcidExtracted) x.payload();
                    assertThat(x.after()).isBetween(Duration.ofHours(24), Duration.ofHours(48));
                    assertThat(n.getExtractionId()).isNotBlank();
                    if (n.getAnalyte() == Analyte.RNA) {
                        assertThat(n.getDv200Percent()).isEqualTo(c.quality().dv200Percent());
                        assertThat(n.getFfpeDeltaCt()).isNull();
                    } else {
                        assertThat(n.getAnalyte()).isEqualTo(Analyte.DNA);
                        assertThat(n.getDv200Percent()).isNull();
                        assertThat(n.getFfpeDeltaCt() == null).isEqualTo(c.specimenType() == SpecimenType.FRESH_FROZEN);
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("RNA-NGS sample QC passes 77-90% of tissue specimens (J Mol Diagn 2022 pass rates)")
    void rnaQcPassRate() {
        List<SimulatedCase> tissue = Cases.where(32, 20_000, c -> !c.plasma());
        // FAIL bounds of sample-qc's default table for RNA-NGS: tumour < 10%, DV200 < 30, yield < 20 ng, acid
        // decalcification, block older than 10 years.
        long pass = tissue.stream().filter(c -> c.quality().tumourPercentOrZero() >= 10
                && c.quality().dv200Percent() >= 30 && c.quality().rnaYieldNg() >= 20
                && c.decalcification() != Decalcification.ACID && c.blockAgeYears() <= 10).count();
        assertThat(pass / (double) tissue.size()).isBetween(0.77, 0.90);
    }

    @Test
    @DisplayName("Sign-out 0.5-1.5 working days after a draft")
    void signOut() {
        for (SimulatedCase c : CASES.subList(0, 500)) {
            for (int version = 1; version <= 2; version++) {
                assertThat(bench.signOutAfter(c, version)).isBetween(Duration.ofHours(12), Duration.ofHours(36));
            }
        }
    }
}
