package org.ntrklab.simulator.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.ClinicalSuspicion;
import org.ntrklab.events.Decalcification;
import org.ntrklab.events.Fixative;
import org.ntrklab.events.Priority;
import org.ntrklab.events.SpecimenDescription;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.events.SpecimenType;
import org.ntrklab.events.WorkRequestType;

class CaseGeneratorTest {

    private static final List<SimulatedCase> POPULATION = Cases.generate(2026, 20_000);

    @Test
    @DisplayName("The same seed, number and receipt time give the same case; another seed gives other cases")
    void deterministic() {
        CaseGenerator a = new CaseGenerator(42, ReferralMix.standard());
        CaseGenerator b = new CaseGenerator(42, ReferralMix.standard());
        CaseGenerator other = new CaseGenerator(43, ReferralMix.standard());
        Instant at = Instant.parse("2026-03-04T10:15:30.123456Z");
        int differing = 0;
        for (int i = 0; i < 200; i++) {
            assertThat(a.generate(i, at)).isEqualTo(b.generate(i, at));
            SimulatedCase mine = a.generate(i, at);
            SimulatedCase theirs = other.generate(i, at);
            assertThat(theirs.specimenId()).isNotEqualTo(mine.specimenId());
            if (!theirs.receipt().getSpecimen().equals(mine.receipt().getSpecimen())
                    || !theirs.tumour().equals(mine.tumour())) {
                differing++;
            }
        }
        assertThat(differing).isGreaterThan(190);
        // Avro keeps milliseconds, so the case keeps only those: it survives a round trip unchanged.
        assertThat(a.generate(0, at).receivedAt()).isEqualTo(Instant.parse("2026-03-04T10:15:30.123Z"));
    }

    @Test
    @DisplayName("Specimen ids are unique over 10,000 cases, at most 40 characters, and order ids unique too")
    void uniqueIds() {
        Set<String> specimens = new HashSet<>();
        Set<String> orders = new HashSet<>();
        for (SimulatedCase c : POPULATION.subList(0, 10_000)) {
            assertThat(c.specimenId()).matches("SIM-[0-9A-F]{8}-\\d+").hasSizeLessThanOrEqualTo(40);
            specimens.add(c.specimenId());
            orders.add(c.receipt().getOrderId());
        }
        assertThat(specimens).hasSize(10_000);
        assertThat(orders).hasSize(10_000);
        assertThatThrownBy(() -> new CaseGenerator(1, ReferralMix.standard()).generate(-1, Cases.MONDAY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("Every receipt is valid for intake (docs/accessioning.md): dates in order, coded, pseudonymous")
    void validForIntake() {
        for (SimulatedCase c : POPULATION) {
            SpecimenReceived r = c.receipt();
            SpecimenDescription s = r.getSpecimen();
            assertThat(s.getCollectedAt()).isBefore(s.getReceivedAt());
            assertThat(r.getPatientRef()).matches("PSN-[0-9A-F]{12}");
            assertThat(r.getOrderId()).startsWith("ORD-");
            assertThat(r.getOrderingFacility()).isNotBlank();
            assertThat(r.getTumourType().getOncoTreeCode()).matches("[A-Z][A-Z0-9_]{1,19}");
            assertThat(r.getAgeYears()).isBetween(c.tumour().ages().minYears(), c.tumour().ages().maxYears());
            assertThat(r.getPriorOutsideResults()).isEmpty();
            if (c.intake() == IntakeExpectation.REJECTED) {
                assertThat(r.getLabellingFlags()).hasSize(1);
                assertThat(c.cancelledAfterAccession()).isFalse();
            } else {
                assertThat(r.getLabellingFlags()).isEmpty();
            }
            if (c.plasma()) {
                assertThat(s.getBloodTubeType()).isIn(BloodTubeType.STRECK_BCT, BloodTubeType.K2EDTA);
                assertThat(s.getFixative()).isEqualTo(Fixative.NONE);
                assertThat(s.getFixationHours()).isNull();
                assertThat(s.getDecalcification()).isEqualTo(Decalcification.NONE);
                // Collected 1-4 days before receipt.
                assertThat(c.daysSinceCollection()).isBetween(1.0 - 1e-6, 4.0 + 1e-6);
                assertThat(r.getAgeYears()).isGreaterThanOrEqualTo(18);
            } else {
                assertThat(s.getBloodTubeType()).isNull();
                assertThat(s.getDecalcification()).isNotNull();
                assertThat(c.blockAgeYears()).isLessThan(12.01);
            }
            if (s.getFixative() == Fixative.NEUTRAL_BUFFERED_FORMALIN) {
                // 10% NBF for 6-72 h (FoundationOne CDx specimen instructions).
                assertThat(s.getFixationHours()).isBetween(6.0, 72.0);
            }
            if (s.getSpecimenType() == SpecimenType.FRESH_FROZEN) {
                assertThat(s.getFixative()).isEqualTo(Fixative.NONE);
            }
        }
    }

    @Test
    @DisplayName("Infantile fibrosarcoma and CMN are infants; paediatric glioma under 18 (Westphalen 2021 cut-off)")
    void agesByProfile() {
        assertThat(POPULATION).filteredOn(c -> List.of("IFS", "CMN").contains(c.tumour().oncoTreeCode()))
                .isNotEmpty().allSatisfy(c -> assertThat(c.receipt().getAgeYears()).isLessThanOrEqualTo(1));
        assertThat(POPULATION).filteredOn(c -> c.tumour().oncoTreeCode().equals("PDIFLG"))
                .isNotEmpty().allSatisfy(c -> assertThat(c.receipt().getAgeYears()).isLessThan(18));
        assertThat(share(c -> c.receipt().getAgeYears() < 18)).isBetween(0.04, 0.09);
    }

    @Test
    @DisplayName("Specimen mix: ~8% plasma, mostly FFPE blocks, some archival and a little decalcified tissue [D]")
    void specimenMix() {
        assertThat(share(SimulatedCase::plasma)).isBetween(0.065, 0.095);
        assertThat(share(c -> c.specimenType() == SpecimenType.FFPE_BLOCK)).isBetween(0.55, 0.65);
        assertThat(share(c -> c.specimenType() == SpecimenType.FRESH_FROZEN)).isBetween(0.02, 0.05);
        assertThat(share(c -> c.specimenType() == SpecimenType.CYTOLOGY_CELL_BLOCK)).isBetween(0.05, 0.10);
        assertThat(share(c -> c.plasma() && c.receipt().getSpecimen().getBloodTubeType() == BloodTubeType.STRECK_BCT)
                / share(SimulatedCase::plasma)).isBetween(0.75, 0.85);
        assertThat(share(c -> !c.plasma() && c.blockAgeYears() > 3)).isBetween(0.01, 0.06);
        assertThat(share(c -> c.decalcification() == Decalcification.ACID)).isBetween(0.005, 0.02);
        assertThat(share(c -> c.decalcification() == Decalcification.EDTA)).isBetween(0.005, 0.02);
        // Bone sarcoma is where decalcification happens.
        assertThat(POPULATION).filteredOn(c -> c.tumour().oncoTreeCode().equals("OS"))
                .filteredOn(c -> c.decalcification() == Decalcification.ACID || c.decalcification() == Decalcification.EDTA)
                .hasSizeGreaterThan(150);
    }

    @Test
    @DisplayName("LIMS behaviour: ~1% labelling defects, ~2% resent, ~0.5% cancelled, ~5% STAT, ~10% high suspicion")
    void limsBehaviour() {
        assertThat(share(c -> c.intake() == IntakeExpectation.REJECTED)).isBetween(0.007, 0.013);
        assertThat(share(SimulatedCase::resentByLims)).isBetween(0.016, 0.024);
        assertThat(share(SimulatedCase::cancelledAfterAccession)).isBetween(0.003, 0.007);
        assertThat(share(c -> c.receipt().getPriority() == Priority.STAT)).isBetween(0.04, 0.06);
        assertThat(share(c -> c.receipt().getClinicalSuspicion() == ClinicalSuspicion.HIGH)).isBetween(0.09, 0.11);
        assertThat(share(c -> c.receipt().getWorkRequest().getType() == WorkRequestType.NTRK_FUSION_WORKUP))
                .isGreaterThan(0.97);
    }

    @Test
    @DisplayName("Quality: nulls where an analyte does not apply; no tumour means 0% tumour nuclei")
    void qualityFields() {
        for (SimulatedCase c : POPULATION) {
            SpecimenQuality q = c.quality();
            if (c.plasma()) {
                assertThat(q.cfDnaNg()).isPositive();
                assertThat(q.tumourCellsPresent()).isNull();
                assertThat(q.rnaYieldNg()).isNull();
                assertThat(q.dnaYieldNg()).isNull();
                continue;
            }
            assertThat(q.cfDnaNg()).isNull();
            assertThat(q.tumourNucleiPercent()).isBetween(0.0, 100.0);
            if (!q.tumourCellsPresent()) {
                assertThat(q.tumourNucleiPercent()).isZero();
            }
            assertThat(q.dv200Percent()).isBetween(0.0, 100.0);
            assertThat(q.rnaYieldNg()).isPositive();
            assertThat(q.dnaYieldNg()).isPositive();
            assertThat(q.ffpeDeltaCt() == null).isEqualTo(c.specimenType() == SpecimenType.FRESH_FROZEN);
        }
    }

    private static double share(Predicate<SimulatedCase> p) {
        return POPULATION.stream().filter(p).count() / (double) POPULATION.size();
    }
}
