package org.ntrklab.simulator.lab;

import java.util.Objects;
import org.ntrklab.events.NtrkGene;

/**
 * What the tumour really carries: a fusion with the 5′ partner first and NTRK as the 3′ partner, the
 * arrangement that puts the TRK kinase domain under the partner's promoter (docs/clinical-rules.md#tiers).
 *
 * @param fivePrimeExon last exon of the 5′ partner kept in the fusion transcript
 * @param threePrimeExon first NTRK exon of the fusion transcript
 */
public record FusionTruth(String fivePrimeGene, int fivePrimeExon, NtrkGene ntrkGene, int threePrimeExon) {

    public FusionTruth {
        Objects.requireNonNull(fivePrimeGene, "fivePrimeGene");
        Objects.requireNonNull(ntrkGene, "ntrkGene");
        if (fivePrimeExon < 1 || threePrimeExon < 1) {
            throw new IllegalArgumentException("exons are numbered from 1");
        }
    }

    /** HGNC fusion name, 5′ partner first, e.g. ETV6::NTRK3 (Bruford et al., Leukemia 2021). */
    public String hgncName() {
        return fivePrimeGene + "::" + ntrkGene.name();
    }

    /** With exons, the way the report writes it, e.g. "ETV6 exon 5 :: NTRK3 exon 15". */
    public String description() {
        return fivePrimeGene + " exon " + fivePrimeExon + " :: " + ntrkGene.name() + " exon " + threePrimeExon;
    }
}
