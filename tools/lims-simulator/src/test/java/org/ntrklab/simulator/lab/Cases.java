package org.ntrklab.simulator.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.ntrklab.events.SpecimenType;

/** Simulated cases for the tests: a generated population, and cases with a chosen truth. */
final class Cases {

    static final Instant MONDAY = Instant.parse("2026-03-02T08:00:00Z");

    private Cases() {
    }

    /** Cases 0..n-1 of a seed, received an hour apart. */
    static List<SimulatedCase> generate(long seed, int n) {
        CaseGenerator generator = new CaseGenerator(seed, ReferralMix.standard());
        List<SimulatedCase> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(generator.generate(i, MONDAY.plus(Duration.ofHours(i))));
        }
        return out;
    }

    /** {@code n} cases matching {@code filter}, from a seed's population. */
    static List<SimulatedCase> where(long seed, int n, Predicate<SimulatedCase> filter) {
        CaseGenerator generator = new CaseGenerator(seed, ReferralMix.standard());
        List<SimulatedCase> out = new ArrayList<>(n);
        for (int i = 0; out.size() < n; i++) {
            SimulatedCase c = generator.generate(i, MONDAY);
            if (filter.test(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** FFPE tissue with tumour cells: material every tissue assay can read. */
    static boolean readableTissue(SimulatedCase c) {
        return !c.plasma() && c.specimenType() != SpecimenType.FRESH_FROZEN
                && Boolean.TRUE.equals(c.quality().tumourCellsPresent());
    }

    /** The same specimen, but from a tumour of {@code tumour} type carrying {@code fusion} (null: none). */
    static SimulatedCase withTruth(SimulatedCase c, TumourProfile tumour, FusionTruth fusion) {
        return new SimulatedCase(c.number(), c.specimenId(), c.receipt(), tumour, fusion, c.intake(), c.resentByLims(),
                c.cancelledAfterAccession(), c.quality(), c.benchSeed());
    }

    static TumourProfile profile(String code) {
        return ReferralMix.standard().profiles().stream().filter(p -> p.oncoTreeCode().equals(code)).findFirst()
                .orElseThrow();
    }
}
