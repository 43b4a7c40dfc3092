package org.ntrklab.simulator.lab;

import org.ntrklab.events.Decalcification;
import org.ntrklab.events.Fixative;
import org.ntrklab.events.SpecimenDescription;
import org.ntrklab.events.SpecimenType;

/**
 * Draws what the bench will measure on a specimen, from the pre-analytic facts that damage nucleic acids:
 * block age, long fixation and decalcification (MD Anderson, Arch Pathol Lab Med 2021: decalcification and
 * block age > 2 years lower RNA-NGS success; F1CDx: do not decalcify). The distributions are our assumptions
 * [D], set so that RNA-NGS sample QC passes about 85% of tissue specimens, inside the 77-90% QC pass rates
 * of RNA fusion panels (J Mol Diagn 2022;24:18).
 */
final class NucleicAcidQuality {

    /** Blocks without tumour in the section sent [D]. */
    static final double NO_TUMOUR_SHARE = 0.015;

    private NucleicAcidQuality() {
    }

    static SpecimenQuality draw(Draws d, SpecimenDescription specimen, double blockAgeYears) {
        SpecimenType type = specimen.getSpecimenType();
        if (type == SpecimenType.PLASMA_CFDNA_TUBE) {
            // Median 25 ng from 2 tubes [D]: about 2% below the 5 ng Guardant360 CDx minimum, a third below the
            // 20 ng TSO500 ctDNA recommendation (sample-qc QC-CFDNA-YIELD).
            return SpecimenQuality.plasma(Draws.round1(Math.max(0.5, d.logNormal(25, 0.8))));
        }
        boolean cellsPresent = !d.chance(NO_TUMOUR_SHARE);
        double tumourPercent = cellsPresent ? tumourNuclei(d, type) : 0;
        Decalcification decal = specimen.getDecalcification();
        boolean longFixation = specimen.getFixationHours() != null && specimen.getFixationHours() > 48;
        double yieldFactor = decal == Decalcification.ACID ? 0.3 : decal == Decalcification.EDTA ? 0.7 : 1.0;

        double dv200;
        if (type == SpecimenType.FRESH_FROZEN) {
            dv200 = d.uniform(75, 95);
        } else {
            // FFPE RNA fragments with storage, long fixation and decalcification; alcohol spares it somewhat.
            dv200 = d.normal(52, 14) - 3 * Math.min(blockAgeYears, 10) - (longFixation ? 8 : 0)
                    - (decal == Decalcification.ACID ? 30 : decal == Decalcification.EDTA ? 10 : 0)
                    + (specimen.getFixative() == Fixative.ALCOHOL_BASED ? 8 : 0);
        }
        double rnaYield = d.logNormal(medianYield(type, false), 0.9) * yieldFactor;
        double dnaYield = d.logNormal(medianYield(type, true), 0.9) * yieldFactor;
        Double deltaCt = null;
        if (type != SpecimenType.FRESH_FROZEN) {
            // Illumina FFPE QC delta-Ct: < 2 passes (IBBL); damage grows with storage, fixation and acid.
            deltaCt = Math.round(Draws.clamp(d.normal(0.9, 0.45) + 0.12 * blockAgeYears + (longFixation ? 0.4 : 0)
                    + (decal == Decalcification.ACID ? 1.5 : decal == Decalcification.EDTA ? 0.5 : 0), -0.5, 8) * 100)
                    / 100.0;
        }
        return new SpecimenQuality(cellsPresent, tumourPercent, Draws.round1(Math.max(1, rnaYield)),
                Draws.round1(Draws.clamp(dv200, 5, 98)), Draws.round1(Math.max(1, dnaYield)), deltaCt, null);
    }

    /**
     * Tumour nuclei as a pathologist estimates them: 5% steps above 5%. Mean about 50% [D], lower in cytology
     * [D]; about 4% fall below the 10% RNA minimum and 10% below the 20% DNA minimum (sample-qc QC-*-TUMOUR).
     */
    private static double tumourNuclei(Draws d, SpecimenType type) {
        double raw = Draws.clamp(d.normal(type == SpecimenType.CYTOLOGY_CELL_BLOCK ? 40 : 52, 22), 1, 95);
        return raw < 5 ? Math.round(raw) : 5 * Math.round(raw / 5);
    }

    /** Median extraction yield in ng by material [D]: whole blocks give most, cell blocks least. */
    private static double medianYield(SpecimenType type, boolean dna) {
        double rna = switch (type) {
            case FFPE_BLOCK -> 400;
            case FFPE_SLIDES -> 150;
            case CYTOLOGY_CELL_BLOCK -> 60;
            case FRESH_FROZEN -> 1500;
            default -> 100;
        };
        return dna ? rna * 2 : rna;
    }
}
