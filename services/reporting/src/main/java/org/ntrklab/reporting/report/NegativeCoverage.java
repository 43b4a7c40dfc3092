package org.ntrklab.reporting.report;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.NtrkGene;

/**
 * Which NTRK genes the tissue negatives exclude a fusion of (docs/clinical-rules.md#what-a-negative-covers), at
 * the level each method's known sensitivity allows: RNA-NGS all three; DNA-NGS all three, or NTRK1 only where its
 * NTRK2/NTRK3 misses matter; FISH the genes it probed; a targeted RT-PCR no whole gene (only its targets).
 *
 * @param weak genes only a discounted DNA-NGS negative speaks for
 */
record NegativeCoverage(Set<NtrkGene> covered, Set<NtrkGene> weak, List<OrderRecord> negatives) {

    static NegativeCoverage of(List<OrderRecord> negatives, boolean dnaSpeaksForNtrk1Only) {
        Set<NtrkGene> covered = EnumSet.noneOf(NtrkGene.class);
        Set<NtrkGene> weak = EnumSet.noneOf(NtrkGene.class);
        for (OrderRecord o : negatives) {
            if (o.assay() == AssayType.DNA_NGS && dnaSpeaksForNtrk1Only) {
                covered.add(NtrkGene.NTRK1);
                weak.add(NtrkGene.NTRK2);
                weak.add(NtrkGene.NTRK3);
            } else {
                covered.addAll(covered(o));
            }
        }
        weak.removeAll(covered);
        return new NegativeCoverage(covered, weak, negatives);
    }

    /** The NTRK genes a negative result speaks for. */
    static Set<NtrkGene> covered(OrderRecord o) {
        Set<NtrkGene> genes = EnumSet.noneOf(NtrkGene.class);
        if (o.assay() == AssayType.RNA_NGS || o.assay() == AssayType.DNA_NGS) {
            genes.addAll(EnumSet.allOf(NtrkGene.class));
        } else if (o.assay() == AssayType.NTRK_FISH && o.finding() != null) {
            genes.addAll(o.finding().probedGenes());
        }
        // A targeted RT-PCR detects the transcripts its primers target, not every fusion of a gene.
        return genes;
    }

    boolean complete() {
        return covered.size() == NtrkGene.values().length;
    }

    /** A DNA-NGS negative was discounted for NTRK2/NTRK3 and nothing else covers them. */
    boolean dnaLimited() {
        return !weak.isEmpty();
    }

    /** DNA-NGS is the only molecular negative, and it was discounted. */
    boolean dnaOnly() {
        return dnaLimited() && negatives.stream().allMatch(o -> o.assay() == AssayType.DNA_NGS);
    }

    /** The negative gene by gene: what was excluded, what DNA-NGS may have missed, what was not tested. */
    String text() {
        Set<NtrkGene> untested = EnumSet.allOf(NtrkGene.class);
        untested.removeAll(covered);
        untested.removeAll(weak);
        StringBuilder b = new StringBuilder("No ");
        b.append(covered.isEmpty() ? "NTRK" : genes(covered)).append(" fusion detected by ")
                .append(ReportInterpreter.methods(negatives));
        if (!weak.isEmpty()) {
            b.append("; ").append(genes(weak)).append(" fusions not excluded (DNA-based NGS may miss them)");
        }
        if (!untested.isEmpty()) {
            b.append("; ").append(genes(untested)).append(" not tested");
        }
        return b.toString();
    }

    /** Genes named in a statement: "NTRK1, NTRK3". */
    static String genes(Collection<NtrkGene> genes) {
        return genes.stream().map(Enum::name).collect(Collectors.joining(", "));
    }
}
