package org.ntrklab.simulator.lab;

import static org.ntrklab.events.IhcStainingPattern.CYTOPLASMIC;
import static org.ntrklab.events.IhcStainingPattern.MEMBRANOUS;
import static org.ntrklab.events.IhcStainingPattern.NUCLEAR;
import static org.ntrklab.events.IhcStainingPattern.PERINUCLEAR;

import java.util.List;
import java.util.Map;
import org.ntrklab.events.IhcStainingPattern;
import org.ntrklab.events.NtrkGene;

/**
 * The NTRK fusions the simulated tumours carry, with their breakpoint exons, reference transcripts and
 * pan-TRK staining pattern. Partners by tumour type: ReferralMix, listed with their sources in
 * docs/lims-simulator.md#the-cases-ground-truth. Exons marked [D] are representative breakpoints (exon numbering
 * differs between transcripts), not the only ones seen in patients.
 */
public final class FusionPartners {

    /** Secretory carcinoma, infantile fibrosarcoma, CMN; the most common fusion overall. */
    public static final FusionTruth ETV6_NTRK3 = new FusionTruth("ETV6", 5, NtrkGene.NTRK3, 15);
    /** Colorectal, lung; TPM3 exon 8 :: NTRK1 exon 10 on NM_152263.3 (VICC/FUSOR example). */
    public static final FusionTruth TPM3_NTRK1 = new FusionTruth("TPM3", 8, NtrkGene.NTRK1, 10);
    /** Colorectal, spitzoid melanoma; LMNA exons 1-2 + NTRK1 exons 11-17. */
    public static final FusionTruth LMNA_NTRK1 = new FusionTruth("LMNA", 2, NtrkGene.NTRK1, 11);
    /** Thyroid [U: unverified]; exons [D]. */
    public static final FusionTruth IRF2BP2_NTRK1 = new FusionTruth("IRF2BP2", 1, NtrkGene.NTRK1, 10);
    /** Thyroid [U: unverified]; exons [D]. */
    public static final FusionTruth TPR_NTRK1 = new FusionTruth("TPR", 21, NtrkGene.NTRK1, 10);
    /** Pilocytic astrocytoma; exons [D]. */
    public static final FusionTruth QKI_NTRK2 = new FusionTruth("QKI", 6, NtrkGene.NTRK2, 16);
    /** Glioma/GBM; exons [D]. */
    public static final FusionTruth AFAP1_NTRK2 = new FusionTruth("AFAP1", 14, NtrkGene.NTRK2, 12);
    /** Glioma/GBM; exons [D]. */
    public static final FusionTruth GFOD1_NTRK2 = new FusionTruth("GFOD1", 1, NtrkGene.NTRK2, 12);
    /** MPNST and other sarcomas; exons [D]. */
    public static final FusionTruth TPM4_NTRK3 = new FusionTruth("TPM4", 7, NtrkGene.NTRK3, 15);
    /** Spitz tumours; exons [D]. */
    public static final FusionTruth MYO5A_NTRK3 = new FusionTruth("MYO5A", 23, NtrkGene.NTRK3, 14);
    /** Recurrent in the real-world RNA-NGS series of 19,591 samples [U]; exons [D]. */
    public static final FusionTruth EML4_NTRK3 = new FusionTruth("EML4", 2, NtrkGene.NTRK3, 14);

    /**
     * RefSeq transcripts the sequencing calls name. TPM3 NM_152263.3 and NTRK1 NM_002529.3 are the reference
     * transcripts of the VICC/FUSOR example; the others are representative accessions, given without a version
     * because we have not checked one [D].
     */
    private static final Map<String, String> TRANSCRIPTS = Map.ofEntries(
            Map.entry("NTRK1", "NM_002529.3"), Map.entry("TPM3", "NM_152263.3"),
            Map.entry("NTRK2", "NM_006180"), Map.entry("NTRK3", "NM_001012338"),
            Map.entry("ETV6", "NM_001987"), Map.entry("LMNA", "NM_170707"),
            Map.entry("IRF2BP2", "NM_182972"), Map.entry("TPR", "NM_003292"),
            Map.entry("QKI", "NM_006775"), Map.entry("AFAP1", "NM_198595"),
            Map.entry("GFOD1", "NM_018988"), Map.entry("TPM4", "NM_003290"),
            Map.entry("MYO5A", "NM_000259"), Map.entry("EML4", "NM_019063"));

    private FusionPartners() {
    }

    public static String transcript(String gene) {
        return TRANSCRIPTS.get(gene);
    }

    /**
     * Pan-TRK staining pattern of a fusion protein: ETV6::NTRK3 nuclear and cytoplasmic; MYO5A::NTRK3 and
     * TPM4::NTRK3 cytoplasmic (MYO5A::NTRK3 is kept out of the nucleus); LMNA::NTRK1 at the nuclear membrane
     * (recorded as MEMBRANOUS: the schema has no nuclear-membrane value [D]); TPR::NTRK1 perinuclear; other
     * NTRK1/2 fusions cytoplasmic. Sources (PathologyOutlines; Karakas et al., Diagn Pathol 2024, for ETV6::NTRK3;
     * LMNA and TPR::NTRK1 as attributed to Hechtman et al., Am J Surg Pathol 2017):
     * docs/lims-simulator.md#the-bench-and-the-instruments.
     */
    public static List<IhcStainingPattern> stainingPatterns(FusionTruth fusion) {
        return switch (fusion.fivePrimeGene()) {
            case "ETV6" -> List.of(NUCLEAR, CYTOPLASMIC);
            case "LMNA" -> List.of(CYTOPLASMIC, MEMBRANOUS);
            case "TPR" -> List.of(PERINUCLEAR);
            default -> List.of(CYTOPLASMIC);
        };
    }
}
