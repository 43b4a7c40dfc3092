package org.ntrklab.simulator.lab;

import java.util.List;
import org.ntrklab.events.NtrkGene;

/**
 * The published performance of each method, in one place; [D] marks our own choices where no figure is
 * published or where a published figure had to be turned into a model.
 */
public final class AssayPerformance {

    // ---- pan-TRK IHC (Solomon et al., Mod Pathol 2020;33:38, Table 3) --------------------------------------

    public static final String IHC_CLONE = "EPR17341";
    /** Stained reads that the pathologist calls equivocal rather than positive (weak, about 1% of cells) [D]. */
    static final double IHC_EQUIVOCAL_SHARE = 0.05;
    /** Internal control failures: the stain cannot be read [D]. */
    static final double IHC_CONTROL_FAILURE = 0.02;
    static final double IHC_STAINER_ERROR = 0.005;

    /** Sensitivity per NTRK gene: NTRK1 96.2% (26/27), NTRK2 100% (5/5), NTRK3 79.4% (27/34). */
    public static double ihcSensitivity(NtrkGene gene) {
        return switch (gene) {
            case NTRK1 -> 0.962;
            case NTRK2 -> 1.0;
            case NTRK3 -> 0.794;
        };
    }

    // ---- RNA-NGS ------------------------------------------------------------------------------------------

    /**
     * Run failures not caused by the specimen (controls, instrument) [D]. Together with the specimen-related
     * failures of {@link FusionSequencing} the RNA-NGS failure rate over all tissue specimens is about 9%:
     * MD Anderson (Arch Pathol Lab Med 2021;145:1405) report 90.9% success over 767 cases, lower with
     * decalcification and blocks older than 2 years.
     */
    static final double RNA_TECHNICAL_FAILURE = 0.015;
    /** Specimen-related failure of a good specimen, before the risk factors multiply it; calibrated [D]. */
    static final double RNA_SPECIMEN_FAILURE = 0.037;
    /** Minimum mapped reads before a rerun (Ion Reporter fusion panels). */
    static final long MIN_MAPPED_READS = 20_000;
    /** Fusion calls need at least 10 reads and 5 unique molecules (Marshfield RNA fusion panel). */
    static final int MIN_FUSION_READS = 10;
    static final int MIN_UNIQUE_MOLECULES = 5;

    // ---- DNA-NGS ------------------------------------------------------------------------------------------

    /**
     * DNA-NGS detection relative to RNA-NGS per NTRK gene [D], chosen so that Solomon's cohort (27 NTRK1, 5
     * NTRK2, 34 NTRK3 fusions) gives the published 81.1% (MSK-IMPACT vs RNA-NGS, Solomon 2020): breakpoints of
     * NTRK2 and NTRK3 lie in large introns a DNA panel does not fully tile (J Clin Pathol 2019).
     */
    public static double dnaSensitivity(NtrkGene gene) {
        return gene == NtrkGene.NTRK1 ? 0.96 : 0.71;
    }

    /** FoundationOne CDx real-world sequencing success 97.9% (Oncologist 2025). */
    static final double DNA_TECHNICAL_FAILURE = 0.021;
    /** Specimen-related failure of a good specimen before risk factors [D]. */
    static final double DNA_SPECIMEN_FAILURE = 0.02;

    // ---- FISH ---------------------------------------------------------------------------------------------

    /**
     * The lab's single break-apart probe [D]: NTRK3, because ETV6::NTRK3 is the most common fusion overall and
     * the fusion of every high-prevalence type, where ESMO 2019 accepts FISH as confirmation, and NTRK3 is the
     * gene pan-TRK IHC misses most (79.4%). Covering all three genes takes three separate break-apart tests
     * (ESMO OncologyPRO 2019).
     */
    public static final NtrkGene FISH_PROBE = NtrkGene.NTRK3;
    /**
     * The probes run for an order that names none (orders of earlier reflex versions). Reflex names the
     * probes it wants (NTRK1, NTRK2 and NTRK3, so that a negative covers every gene); the bench runs exactly
     * those, one slide each.
     */
    public static final List<NtrkGene> FISH_PROBES_WHEN_UNNAMED = List.of(FISH_PROBE);
    /** FISH false negatives "may exceed 30%" (J Clin Pathol 2019); we take 80% sensitivity [D]. */
    public static final double FISH_SENSITIVITY = 0.80;
    /** Split signals in at least 15% of nuclei (a template cut-off, not checked against a published source) [D]. */
    public static final double FISH_CUT_OFF_PERCENT = 15.0;
    /** No evaluable signals [D]. */
    static final double FISH_FAILURE = 0.03;

    // ---- RT-PCR -------------------------------------------------------------------------------------------

    /**
     * Targets of the RT-PCR primer set [D]: the recurrent partners of the real-world RNA-NGS series of 19,591
     * samples (ETV6, TPM3, LMNA, EML4; docs/lims-simulator.md#the-cases-ground-truth). RT-PCR needs known partners
     * (J Clin Pathol 2019), so it sees only these.
     */
    public static final List<String> RT_PCR_TARGETS = List.of("ETV6::NTRK3", "TPM3::NTRK1", "LMNA::NTRK1",
            "EML4::NTRK3");
    static final double RT_PCR_TECHNICAL_FAILURE = 0.02;

    // ---- cfDNA --------------------------------------------------------------------------------------------

    /** FoundationOne Liquid CDx LoD95 for rearrangements, 0.37% VAF (Woodhouse, PLoS One 2020). */
    public static final double CFDNA_LOD_VAF_PERCENT = 0.37;
    /** Input at which the LoD holds: TSO500 ctDNA v2 recommends 20 ng; below it the LoD rises [D]. */
    static final double CFDNA_REFERENCE_INPUT_NG = 20.0;
    /** The panel takes at most 50 ng [D]. */
    static final double CFDNA_MAX_INPUT_NG = 50.0;
    /**
     * Fusion VAF in plasma, log-uniform 0.1-5% [D]: about 41% of draws are 1% or more, close to the 37.7% of
     * liquid samples with tumour fraction >= 1% (FMI real-world, Oncologist 2025). With the LoD above, about 60%
     * of fusions are detected: cfDNA sensitivity is lower than tissue (ESMO ctDNA recommendations 2022).
     */
    static final double CFDNA_VAF_MIN_PERCENT = 0.1;
    static final double CFDNA_VAF_MAX_PERCENT = 5.0;
    /** FoundationOne Liquid CDx real-world sequencing success 98.1% (Oncologist 2025). */
    static final double CFDNA_TECHNICAL_FAILURE = 0.019;

    private AssayPerformance() {
    }
}
