package org.ntrklab.simulator.lab;

/**
 * The measurable quality of a specimen, as the bench will report it; null where it does not apply (no RNA or
 * DNA from plasma, no cfDNA from tissue, no FFPE delta-Ct for fresh-frozen tissue).
 *
 * @param tumourCellsPresent whether the H&E section shows tumour at all (tissue only)
 * @param tumourNucleiPercent the pathologist's estimate, 0 when no tumour cells are present
 * @param dv200Percent share of RNA fragments longer than 200 nt
 * @param ffpeDeltaCt FFPE DNA damage; higher is worse
 */
public record SpecimenQuality(Boolean tumourCellsPresent, Double tumourNucleiPercent, Double rnaYieldNg,
        Double dv200Percent, Double dnaYieldNg, Double ffpeDeltaCt, Double cfDnaNg) {

    public static SpecimenQuality plasma(double cfDnaNg) {
        return new SpecimenQuality(null, null, null, null, null, null, cfDnaNg);
    }

    /** Tumour nuclei, 0 when none were seen or the specimen is plasma. */
    public double tumourPercentOrZero() {
        return Boolean.TRUE.equals(tumourCellsPresent) && tumourNucleiPercent != null ? tumourNucleiPercent : 0;
    }
}
