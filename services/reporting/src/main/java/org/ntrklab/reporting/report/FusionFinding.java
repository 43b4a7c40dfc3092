package org.ntrklab.reporting.report;

import static org.ntrklab.platform.results.ResultNormaliser.isNtrk;

/** One fusion as a sequencing method or RT-PCR called it, 5′ partner first; unknowns are null. */
public record FusionFinding(String fivePrimeGene, String threePrimeGene, Integer fivePrimeExon,
        Integer threePrimeExon, Boolean inFrame, Boolean kinaseDomainRetained) {

    /** The symbols as reported, without surrounding spaces; an NTRK symbol in the official upper case. */
    FusionFinding tidy() {
        return new FusionFinding(symbol(fivePrimeGene), symbol(threePrimeGene), fivePrimeExon, threePrimeExon, inFrame,
                kinaseDomainRetained);
    }

    private static String symbol(String gene) {
        if (gene == null) {
            return null;
        }
        String trimmed = gene.trim();
        return isNtrk(trimmed) ? trimmed.toUpperCase(java.util.Locale.ROOT) : trimmed;
    }

    public boolean involvesNtrk() {
        return isNtrk(fivePrimeGene) || isNtrk(threePrimeGene);
    }

    /** The NTRK gene of the fusion, the 3′ one when both partners are NTRK genes. */
    public String ntrkGene() {
        return isNtrk(threePrimeGene) ? threePrimeGene : fivePrimeGene;
    }

    /** NTRK is the 3′ partner, the arrangement that keeps the TRK kinase domain under the partner's promoter. */
    public boolean ntrkThreePrime() {
        return isNtrk(threePrimeGene);
    }

    /** HGNC fusion name, 5′ partner first (Bruford et al., Leukemia 2021). */
    public String hgncName() {
        return fivePrimeGene + "::" + threePrimeGene;
    }

    /** With exons where known, e.g. "ETV6 exon 5 :: NTRK3 exon 15". */
    public String description() {
        return side(fivePrimeGene, fivePrimeExon) + " :: " + side(threePrimeGene, threePrimeExon);
    }

    private static String side(String gene, Integer exon) {
        return exon == null ? gene : gene + " exon " + exon;
    }
}
