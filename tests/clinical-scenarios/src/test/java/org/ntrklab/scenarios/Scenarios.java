package org.ntrklab.scenarios;

import static org.ntrklab.events.AmpTier.TIER_III;
import static org.ntrklab.events.AmpTier.TIER_I_LEVEL_A;
import static org.ntrklab.events.AssayType.CFDNA_NGS;
import static org.ntrklab.events.AssayType.DNA_NGS;
import static org.ntrklab.events.AssayType.NTRK_FISH;
import static org.ntrklab.events.AssayType.PAN_TRK_IHC;
import static org.ntrklab.events.AssayType.RNA_NGS;
import static org.ntrklab.events.AssayType.RT_PCR;
import static org.ntrklab.events.ClinicalSuspicion.HIGH;
import static org.ntrklab.events.ClinicalSuspicion.STANDARD;
import static org.ntrklab.events.NtrkGene.NTRK1;
import static org.ntrklab.events.NtrkGene.NTRK3;
import static org.ntrklab.events.QcVerdict.FAIL;
import static org.ntrklab.events.QcVerdict.PASS;
import static org.ntrklab.events.QcVerdict.PASS_WITH_CAVEAT;
import static org.ntrklab.events.RunFailureReason.CONTROL_FAILURE;
import static org.ntrklab.events.RunFailureReason.INSTRUMENT_ERROR;
import static org.ntrklab.events.RunFailureReason.INSUFFICIENT_LIBRARY;
import static org.ntrklab.events.RunFailureReason.INSUFFICIENT_TISSUE;
import static org.ntrklab.events.RunFailureReason.LOW_MAPPED_READS;
import static org.ntrklab.events.TumourTypeRoute.HIGH_PREVALENCE;
import static org.ntrklab.events.TumourTypeRoute.IHC_SCREEN;
import static org.ntrklab.events.TumourTypeRoute.IHC_UNRELIABLE;
import static org.ntrklab.scenarios.Instruments.cfDna;
import static org.ntrklab.scenarios.Instruments.dnaNgs;
import static org.ntrklab.scenarios.Instruments.fails;
import static org.ntrklab.scenarios.Instruments.fish;
import static org.ntrklab.scenarios.Instruments.fishWithProbes;
import static org.ntrklab.scenarios.Instruments.fusion;
import static org.ntrklab.scenarios.Instruments.ihc;
import static org.ntrklab.scenarios.Instruments.ihcControlFailed;
import static org.ntrklab.scenarios.Instruments.ngsRunQcFailed;
import static org.ntrklab.scenarios.Instruments.rnaNgs;
import static org.ntrklab.scenarios.Instruments.rnaNgsEquivocal;
import static org.ntrklab.scenarios.Instruments.rtPcr;
import static org.ntrklab.scenarios.Instruments.rtPcrFailed;
import static org.ntrklab.scenarios.Scenario.blocked;
import static org.ntrklab.scenarios.Scenario.caveat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.CorrectionKind;
import org.ntrklab.events.Decalcification;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.events.RevisionReason;
import org.ntrklab.events.SpecimenType;
import org.ntrklab.identity.LabAccounts;

/**
 * The clinical cases, grouped by what they are about. Each states its facts, the bench's findings, what a
 * laboratory expects and the source of that expectation; {@link ClinicalScenariosTest} runs them all at once.
 */
final class Scenarios {

    // Published sources the expectations follow. "[D]" marks the project's own design decisions, as the docs do.
    static final String ESMO_2019 = "ESMO 2019 (Marchiò et al., Ann Oncol 30:1417)";
    static final String SOLOMON_2020 = "Solomon et al., Mod Pathol 2020;33:38";
    static final String AMP_2017 = "AMP/ASCO/CAP 2017 (Li et al., J Mol Diagn 19:4)";
    static final String ESMO_CTDNA_2022 = "ESMO ctDNA 2022 (Pascual et al., Ann Oncol 33:750)";
    static final String WESTPHALEN_2021 = "Westphalen et al., npj Precis Oncol 2021";
    /** Every FISH order asks for the three break-apart probes, so that a negative can cover all three genes. */
    static final String ALL_PROBES = " [NTRK1, NTRK2, NTRK3]";
    static final String DNA_MAY_MISS = "(?i)DNA.{0,40}miss.{0,30}NTRK2.{0,10}NTRK3";
    static final String FULL_NEGATIVE = "(?i)no NTRK1, NTRK2 or NTRK3 fusion";
    /** A DNA-only negative leaves NTRK2 and NTRK3 open; the interpretation must name them (2026.2 rule 2). */
    static final String NTRK2_NTRK3_OPEN = "NTRK2,? (and )?NTRK3[^.]{0,40}not (tested|excluded)";

    private Scenarios() {
    }

    static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(routes());
        all.addAll(concordance());
        all.addAll(sampleQc());
        all.addAll(coverageAndTiers());
        all.addAll(highPrevalenceAndDnaNegatives());
        all.addAll(failuresAndRevisions());
        return all;
    }

    private static Instruments.Step etv6Ntrk3() {
        return rnaNgs(fusion("ETV6", 5, "NTRK3", 15));
    }

    /** The routing table: IHC screen, IHC-unreliable, high-prevalence, paediatric, plasma, explicit, default. */
    static List<Scenario> routes() {
        return List.of(
                Scenario.named("Lung adenocarcinoma: pan-TRK IHC positive, RNA-NGS confirms ETV6::NTRK3")
                        .source(ESMO_2019 + ": IHC screen where fusions are rare, molecular confirmation of a stain; "
                                + AMP_2017 + ": in-frame, kinase-retaining NTRK fusion is Tier I, Level A")
                        .tissue("LUAD")
                        .bench(PAN_TRK_IHC, ihc(IhcCall.POSITIVE)).bench(RNA_NGS, etv6Ntrk3())
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-POSITIVE")
                        .preTest(STANDARD, IHC_SCREEN)
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A)
                        .concordance("(?i)^concordant").interpretationSays("ETV6::NTRK3")
                        .build(),
                Scenario.named("Colorectal adenocarcinoma, standard suspicion: pan-TRK IHC negative ends the screen")
                        .source(ESMO_2019 + ": IHC screen; " + SOLOMON_2020
                                + ": pan-TRK IHC sensitivity 79.4% for NTRK3, so a negative does not exclude NTRK3")
                        .tissue("COADREAD")
                        .bench(PAN_TRK_IHC, ihc(IhcCall.NEGATIVE))
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN")
                        .call(OverallCall.NEGATIVE)
                        .limitationSays("(?i)does not exclude an NTRK3 fusion").noConcordance()
                        .build(),
                Scenario.named("Glioblastoma: no IHC screen, RNA-NGS negative")
                        .source(SOLOMON_2020 + ", Table 3: pan-TRK IHC specificity 20.8% in glioma (wild-type TRK)")
                        .tissue("GB")
                        .bench(RNA_NGS, rnaNgs())
                        .orders("RNA_NGS RX-ROUTE-IHC-UNRELIABLE")
                        .preTest(STANDARD, IHC_UNRELIABLE)
                        .call(OverallCall.NEGATIVE).interpretationSays(FULL_NEGATIVE).noConcordance()
                        .build(),
                Scenario.named("Liposarcoma: no IHC screen, RNA-NGS finds LMNA::NTRK1")
                        .source(SOLOMON_2020 + ": pan-TRK IHC unreliable in sarcomas; " + AMP_2017 + ": Tier I")
                        .tissue("LIPO")
                        .bench(RNA_NGS, rnaNgs(fusion("LMNA", 2, "NTRK1", 11)))
                        .orders("RNA_NGS RX-ROUTE-IHC-UNRELIABLE")
                        .call(OverallCall.POSITIVE).fusion("LMNA::NTRK1", TIER_I_LEVEL_A)
                        .build(),
                Scenario.named("GIST: no IHC screen, RNA-NGS finds ETV6::NTRK3")
                        .source(SOLOMON_2020 + ": smooth-muscle-like stromal tumours express wild-type TRK"
                                + " (reflex table: GIST under IHC_UNRELIABLE)")
                        .tissue("GIST")
                        .bench(RNA_NGS, etv6Ntrk3())
                        .orders("RNA_NGS RX-ROUTE-IHC-UNRELIABLE")
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A)
                        .build(),
                Scenario.named("Ewing sarcoma, 25% tumour: RNA library fails, DNA-NGS (caveat) negative stays NEGATIVE")
                        .source("docs/clinical-rules.md RX-RNA-FAILED [D]: failed RNA-NGS -> DNA-NGS;"
                                + " FoundationOne CDx: 20% minimum, 30% optimum tumour nuclei (QC-DNA-TUMOUR); " + ESMO_2019
                                + ": DNA-NGS may miss NTRK2/3")
                        .reportRules(1, 5)
                        .tissue("ES").age(19).tumourNuclei(25)
                        .bench(RNA_NGS, fails(LOW_MAPPED_READS)).bench(DNA_NGS, dnaNgs())
                        .orders("RNA_NGS RX-ROUTE-IHC-UNRELIABLE", "DNA_NGS RX-RNA-FAILED")
                        .qc(RNA_NGS, PASS).qc(DNA_NGS, PASS_WITH_CAVEAT, "QC-DNA-TUMOUR")
                        .call(OverallCall.NEGATIVE)
                        .limitationSays(DNA_MAY_MISS)
                        .qcLimitations(caveat(DNA_NGS, "QC-DNA-TUMOUR").measured(25))
                        .build(),
                Scenario.named("Salivary secretory carcinoma (LIMS: standard suspicion): RNA-NGS finds ETV6::NTRK3")
                        .source(ESMO_2019 + ": NTRK fusions in >90% of secretory carcinoma of the salivary gland,"
                                + " direct molecular testing, counted as high suspicion")
                        .reflexRules(4)
                        .tissue("HNMASC").age(45)
                        .bench(RNA_NGS, etv6Ntrk3())
                        .orders("RNA_NGS RX-ROUTE-HIGH-PREVALENCE")
                        .preTest(HIGH, HIGH_PREVALENCE)
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A)
                        .checkExports()
                        .build(),
                Scenario.named("Secretory breast carcinoma: RNA library fails, three-probe FISH finds an NTRK3 split")
                        .source(ESMO_2019 + ": break-apart FISH accepted where fusions are highly recurrent;"
                                + " reflex table 2026.2 (RX-RNA-FAILED-HIGH-PREVALENCE); " + AMP_2017
                                + ": no tier without partner and frame")
                        .reportRules(3).reflexRules(4)
                        .tissue("JSCB").age(24)
                        .bench(RNA_NGS, fails(INSUFFICIENT_LIBRARY)).bench(NTRK_FISH, fish(NTRK3))
                        .orders("RNA_NGS RX-ROUTE-HIGH-PREVALENCE",
                                "NTRK_FISH RX-RNA-FAILED-HIGH-PREVALENCE" + ALL_PROBES)
                        .preTest(HIGH, HIGH_PREVALENCE)
                        .call(OverallCall.POSITIVE).fusion("NTRK3", null)
                        .limitationSays("(?i)partner").limitationSays("(?i)review")
                        .build(),
                Scenario.named("Infantile fibrosarcoma: RNA and FISH fail on the specimen, RT-PCR finds ETV6::NTRK3")
                        .source(ESMO_2019 + ": RT-PCR for ETV6::NTRK3 accepted in infantile fibrosarcoma;"
                                + " docs/clinical-rules.md#tiers [D]: RT-PCR targets in-frame kinase-retaining transcripts,"
                                + " Tier I, Level A")
                        .reflexRules(4)
                        .tissue("IFS").age(0)
                        .bench(RNA_NGS, fails(INSUFFICIENT_LIBRARY)).bench(NTRK_FISH, fails(INSUFFICIENT_TISSUE))
                        .bench(RT_PCR, rtPcr("ETV6::NTRK3"))
                        .orders("RNA_NGS RX-ROUTE-HIGH-PREVALENCE",
                                "NTRK_FISH RX-RNA-FAILED-HIGH-PREVALENCE" + ALL_PROBES, "RT_PCR RX-FISH-PCR-FAILED")
                        .preTest(HIGH, HIGH_PREVALENCE)
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A)
                        .build(),
                Scenario.named("Child of 4, Wilms tumour (code not in the table): paediatric RNA-NGS, instrument error retested")
                        .source(WESTPHALEN_2021 + ": fusions 1.34% under 18 vs 0.28% in adults, RNA-NGS directly [D];"
                                + " laboratory repeat policy [D]: a technical failure is run once more")
                        .tissue("WT").age(4)
                        .bench(RNA_NGS, fails(INSTRUMENT_ERROR), rnaNgs(fusion("LMNA", 2, "NTRK1", 11)))
                        .orders("RNA_NGS RX-ROUTE-PAEDIATRIC", "RNA_NGS RX-RETEST-TECHNICAL-FAILURE")
                        .orderRationaleSays(RNA_NGS, "age 4")
                        .call(OverallCall.POSITIVE).fusion("LMNA::NTRK1", TIER_I_LEVEL_A)
                        .build(),
                Scenario.named("Papillary thyroid cancer at 15: the paediatric route precedes the IHC screen")
                        .source(WESTPHALEN_2021 + " [D]: under 18, RNA-NGS directly whatever the carcinoma")
                        .tissue("THPA").age(15)
                        .bench(RNA_NGS, etv6Ntrk3())
                        .orders("RNA_NGS RX-ROUTE-PAEDIATRIC")
                        .preTest(STANDARD, IHC_SCREEN)
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A)
                        .build(),
                Scenario.named("Bladder carcinoma (code not in the table): default IHC screen, equivocal, RNA-NGS negative")
                        .source(ESMO_2019 + ": IHC screen by default, molecular test of an equivocal stain; "
                                + SOLOMON_2020 + ": IHC stains wild-type TRK")
                        .tissue("BLCA").age(70)
                        .bench(PAN_TRK_IHC, ihc(IhcCall.EQUIVOCAL)).bench(RNA_NGS, rnaNgs())
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-EQUIVOCAL")
                        .orderRationaleSays(PAN_TRK_IHC, "BLCA.*not in the routing table")
                        .call(OverallCall.NEGATIVE).concordance("(?i)TRK expression without fusion")
                        .build(),
                Scenario.named("Plasma (Streck, 2 days): cfDNA NGS finds nothing, tissue testing advised")
                        .source(ESMO_CTDNA_2022 + ": undetected ctDNA is non-informative; reflex tissue testing")
                        .plasma("LUAD", BloodTubeType.STRECK_BCT, 2)
                        .bench(CFDNA_NGS, cfDna())
                        .orders("CFDNA_NGS RX-ROUTE-BLOOD").advice("TEST_TISSUE RX-CFDNA-NOT-DETECTED")
                        .qcJudgedOnly(CFDNA_NGS)
                        .call(OverallCall.INCONCLUSIVE).limitationSays("(?i)cell-free DNA").noConcordance()
                        .build(),
                Scenario.named("Plasma (Streck, 2 days): cfDNA NGS finds ETV6::NTRK3")
                        .source(ESMO_CTDNA_2022 + ": a fusion detected in ctDNA is actionable; " + AMP_2017)
                        .plasma("COADREAD", BloodTubeType.STRECK_BCT, 2)
                        .bench(CFDNA_NGS, cfDna(fusion("ETV6", 5, "NTRK3", 15)))
                        .orders("CFDNA_NGS RX-ROUTE-BLOOD")
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A)
                        .build(),
                Scenario.named("Explicit request for RNA-NGS only: ordered and judged as asked")
                        .source("Ordering clinician's request (LIMS EXPLICIT_ASSAYS): exactly the listed assays,"
                                + " sample-qc judges only those [D]")
                        .tissue("LUAD").requested(RNA_NGS)
                        .bench(RNA_NGS, rnaNgs())
                        .orders("RNA_NGS RX-EXPLICIT-REQUEST").qcJudgedOnly(RNA_NGS)
                        .call(OverallCall.NEGATIVE)
                        .build(),
                Scenario.named("Explicit request for IHC only, stain positive: RNA-NGS advised, not ordered")
                        .source(ESMO_2019 + ": a TRK inhibitor is not started on IHC alone; explicit request [D]:"
                                + " an assay outside the request is advice (RX-NOT-REQUESTED)")
                        .tissue("LUAD").requested(PAN_TRK_IHC)
                        .bench(PAN_TRK_IHC, ihc(IhcCall.POSITIVE))
                        .orders("PAN_TRK_IHC RX-EXPLICIT-REQUEST")
                        .advice("CONSIDER_ALTERNATIVE_METHOD RX-NOT-REQUESTED").adviceRationaleSays("RNA_NGS")
                        .call(OverallCall.INCONCLUSIVE)
                        .limitationSays("(?i)not started on IHC alone|molecular confirmation")
                        .interpretationSays("RX-NOT-REQUESTED").noConcordance()
                        .build());
    }

    /** Every IHC/molecular concordance statement of docs/clinical-rules.md#concordance. */
    static List<Scenario> concordance() {
        return List.of(
                Scenario.named("IHC equivocal, RNA-NGS confirms TPM3::NTRK1")
                        .source(ESMO_2019 + ": an equivocal stain is resolved by a molecular test")
                        .tissue("LUAD")
                        .bench(PAN_TRK_IHC, ihc(IhcCall.EQUIVOCAL)).bench(RNA_NGS, rnaNgs(fusion("TPM3", 7, "NTRK1", 10)))
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-EQUIVOCAL")
                        .call(OverallCall.POSITIVE).fusion("TPM3::NTRK1", TIER_I_LEVEL_A)
                        .concordance("(?i)equivocal.*confirmed")
                        .build(),
                Scenario.named("IHC positive, RNA-NGS negative: TRK expression without fusion")
                        .source(SOLOMON_2020 + ": pan-TRK IHC stains wild-type TRK; " + ESMO_2019)
                        .tissue("NSCLC")
                        .bench(PAN_TRK_IHC, ihc(IhcCall.POSITIVE)).bench(RNA_NGS, rnaNgs())
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-POSITIVE")
                        .call(OverallCall.NEGATIVE).concordance("(?i)TRK expression without fusion")
                        .build(),
                Scenario.named("High suspicion, IHC negative, RNA-NGS finds ETV6::NTRK3: discordant, expected for NTRK3")
                        .source(SOLOMON_2020 + ": pan-TRK IHC sensitivity 79.4% for NTRK3 fusions")
                        .tissue("PAAD").highSuspicion()
                        .bench(PAN_TRK_IHC, ihc(IhcCall.NEGATIVE)).bench(RNA_NGS, etv6Ntrk3())
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-NEGATIVE-HIGH-SUSPICION")
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A)
                        .concordance("(?i)discordant.*79\\.4%")
                        .build(),
                Scenario.named("High suspicion, IHC negative, RNA-NGS finds LMNA::NTRK1: discordant, for review")
                        .source(SOLOMON_2020 + ": pan-TRK IHC sensitivity 96.2% for NTRK1 fusions")
                        .tissue("COADREAD").highSuspicion()
                        .bench(PAN_TRK_IHC, ihc(IhcCall.NEGATIVE)).bench(RNA_NGS, rnaNgs(fusion("LMNA", 2, "NTRK1", 11)))
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-NEGATIVE-HIGH-SUSPICION")
                        .call(OverallCall.POSITIVE).fusion("LMNA::NTRK1", TIER_I_LEVEL_A)
                        .concordance("(?i)discordant.*review").concordanceNeverSays("79\\.4")
                        .build(),
                Scenario.named("High suspicion, IHC negative, RNA-NGS finds QKI::NTRK2: discordant, for review")
                        .source(SOLOMON_2020 + ": pan-TRK IHC sensitivity 100% for NTRK2 fusions")
                        .tissue("BRCA").highSuspicion()
                        .bench(PAN_TRK_IHC, ihc(IhcCall.NEGATIVE)).bench(RNA_NGS, rnaNgs(fusion("QKI", 6, "NTRK2", 16)))
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-NEGATIVE-HIGH-SUSPICION")
                        .call(OverallCall.POSITIVE).fusion("QKI::NTRK2", TIER_I_LEVEL_A)
                        .concordance("(?i)discordant.*NTRK2.*review")
                        .build(),
                Scenario.named("High suspicion, IHC negative, RNA-NGS negative: concordant negative")
                        .source(SOLOMON_2020 + ": RNA-NGS after a negative stain when suspicion is high; " + ESMO_2019)
                        .tissue("LUAD").highSuspicion()
                        .bench(PAN_TRK_IHC, ihc(IhcCall.NEGATIVE)).bench(RNA_NGS, rnaNgs())
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-NEGATIVE-HIGH-SUSPICION")
                        .preTest(HIGH, IHC_SCREEN)
                        .call(OverallCall.NEGATIVE).concordance("(?i)^concordant.*negative")
                        .build());
    }

    /** Every QC caveat and failure rule of qc-rules-default.yml that tissue or plasma can reach. */
    static List<Scenario> sampleQc() {
        return List.of(
                Scenario.named("Glioblastoma, 15% tumour nuclei: RNA-NGS with a caveat, negative")
                        .source("qc-rules-default.yml QC-RNA-TUMOUR: Mayo and Quest NTRK panels accept >=10% tumour,"
                                + " FoundationOne CDx minimum 20% (caveat band 10 to <20)")
                        .reportRules(1)
                        .tissue("GB").tumourNuclei(15)
                        .bench(RNA_NGS, rnaNgs())
                        .orders("RNA_NGS RX-ROUTE-IHC-UNRELIABLE")
                        .qc(RNA_NGS, PASS_WITH_CAVEAT, "QC-RNA-TUMOUR").qc(DNA_NGS, FAIL, "QC-DNA-TUMOUR")
                        .call(OverallCall.NEGATIVE)
                        .qcLimitations(caveat(RNA_NGS, "QC-RNA-TUMOUR").measured(15))
                        .checkExports()
                        .build(),
                Scenario.named("Glioblastoma, 8% tumour nuclei: both NGS fail QC, three-probe FISH negative")
                        .source("qc-rules-default.yml QC-RNA-TUMOUR (FAIL < 10%, Mayo/Quest) and QC-DNA-TUMOUR"
                                + " (FAIL < 20%, FoundationOne CDx); 2026.2 rule 2: FISH covers the probes it ran")
                        .reportRules(2)
                        .tissue("GB").tumourNuclei(8)
                        .bench(NTRK_FISH, fish(null))
                        .orders("NTRK_FISH RX-QC-FALLBACK" + ALL_PROBES)
                        .qc(RNA_NGS, FAIL, "QC-RNA-TUMOUR").qc(DNA_NGS, FAIL, "QC-DNA-TUMOUR").qc(NTRK_FISH, PASS)
                        .call(OverallCall.NEGATIVE)
                        .build(),
                Scenario.named("Lung, IHC positive, DV200 20%: RNA-NGS and RT-PCR fail QC, DNA-NGS confirms")
                        .source("qc-rules-default.yml QC-RNA-DV200: DV200 > 30% (Baylor HGSC; IBBL, Biopreserv Biobank"
                                + " 2018); " + ESMO_2019 + ": DNA-NGS when RNA is unusable")
                        .tissue("LUAD").rna(100, 20)
                        .bench(PAN_TRK_IHC, ihc(IhcCall.POSITIVE)).bench(DNA_NGS, dnaNgs(fusion("ETV6", 4, "NTRK3", 14)))
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "DNA_NGS RX-QC-FALLBACK")
                        .orderRationaleSays(DNA_NGS, "RX-IHC-POSITIVE")
                        .qc(RNA_NGS, FAIL, "QC-RNA-DV200").qc(RT_PCR, FAIL, "QC-RNA-DV200")
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A).concordance("(?i)^concordant")
                        .build(),
                Scenario.named("Lung, IHC positive, RNA library fails, DNA delta-Ct 3.5 fails QC: FISH finds NTRK1")
                        .source("qc-rules-default.yml QC-DNA-DELTA-CT: Illumina FFPE QC delta-Ct < 2 (IBBL);"
                                + " docs/clinical-rules.md RX-RNA-FAILED [D]: failed RNA -> DNA-NGS if its QC passed,"
                                + " else FISH")
                        .tissue("LUAD").dna(200, 3.5)
                        .bench(PAN_TRK_IHC, ihc(IhcCall.POSITIVE)).bench(RNA_NGS, fails(LOW_MAPPED_READS))
                        .bench(NTRK_FISH, fish(NTRK1))
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-POSITIVE",
                                "NTRK_FISH RX-QC-FALLBACK" + ALL_PROBES)
                        .orderRationaleSays(NTRK_FISH, "RX-RNA-FAILED")
                        .qc(DNA_NGS, FAIL, "QC-DNA-DELTA-CT")
                        .call(OverallCall.POSITIVE).fusion("NTRK1", null).concordance("(?i)^concordant")
                        .build(),
                Scenario.named("Osteosarcoma, EDTA-decalcified: RNA-NGS with a caveat finds ETV6::NTRK3")
                        .source("qc-rules-default.yml QC-DECALCIFICATION: ARUP accepts EDTA decalcification (caveat);"
                                + " 2026.2 rule 1: the caveat qualifies the result")
                        .reportRules(1)
                        .tissue("OS").age(16).decalcified(Decalcification.EDTA)
                        .bench(RNA_NGS, etv6Ntrk3())
                        .orders("RNA_NGS RX-ROUTE-IHC-UNRELIABLE")
                        .qc(RNA_NGS, PASS_WITH_CAVEAT, "QC-DECALCIFICATION")
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A)
                        .qcLimitations(caveat(RNA_NGS, "QC-DECALCIFICATION"))
                        .checkExports()
                        .build(),
                Scenario.named("Lung bone metastasis, acid-decalcified, IHC positive: no molecular test possible")
                        .source("qc-rules-default.yml QC-DECALCIFICATION: FoundationOne CDx, Quest and Univ. Iowa"
                                + " reject acid-decalcified tissue; " + ESMO_2019 + ": a stain needs confirmation")
                        .reportRules(1)
                        .tissue("LUAD").decalcified(Decalcification.ACID)
                        .bench(PAN_TRK_IHC, ihc(IhcCall.POSITIVE))
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN")
                        .advice("REQUEST_NEW_SPECIMEN RX-NO-QUALIFYING-ASSAY")
                        .qc(RNA_NGS, FAIL, "QC-DECALCIFICATION").qc(NTRK_FISH, FAIL, "QC-DECALCIFICATION")
                        .call(OverallCall.INCONCLUSIVE).interpretationSays("RX-NO-QUALIFYING-ASSAY")
                        .qcLimitations(blocked(RNA_NGS, "QC-DECALCIFICATION"), blocked(DNA_NGS, "QC-DECALCIFICATION"),
                                blocked(NTRK_FISH, "QC-DECALCIFICATION"), blocked(RT_PCR, "QC-DECALCIFICATION"))
                        .build(),
                Scenario.named("Thyroid carcinoma, 5-year-old block, IHC positive: RNA-NGS with a caveat confirms")
                        .source("qc-rules-default.yml QC-BLOCK-AGE: Japanese Society of Pathology (Pathol Int 2021)"
                                + " blocks within 3 years; MD Anderson (Arch Pathol Lab Med 2021)")
                        .reportRules(1)
                        .tissue("THPA").age(52).blockAgeDays(5 * 365 + 1)
                        .bench(PAN_TRK_IHC, ihc(IhcCall.POSITIVE)).bench(RNA_NGS, etv6Ntrk3())
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-POSITIVE")
                        .qc(RNA_NGS, PASS_WITH_CAVEAT, "QC-BLOCK-AGE")
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A).concordance("(?i)^concordant")
                        .qcLimitations(caveat(RNA_NGS, "QC-BLOCK-AGE"))
                        .build(),
                Scenario.named("Colorectal, 12-year-old archival block, IHC equivocal: no molecular test possible")
                        .source("qc-rules-default.yml QC-BLOCK-AGE: NIH CCR accepts outside FFPE blocks < 10 years")
                        .reportRules(1)
                        .tissue("COADREAD").blockAgeDays(12 * 365 + 3)
                        .bench(PAN_TRK_IHC, ihc(IhcCall.EQUIVOCAL))
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN")
                        .advice("REQUEST_NEW_SPECIMEN RX-NO-QUALIFYING-ASSAY")
                        .qc(DNA_NGS, FAIL, "QC-BLOCK-AGE").qc(PAN_TRK_IHC, PASS)
                        .call(OverallCall.INCONCLUSIVE)
                        .qcLimitations(blocked(RNA_NGS, "QC-BLOCK-AGE"), blocked(DNA_NGS, "QC-BLOCK-AGE"),
                                blocked(NTRK_FISH, "QC-BLOCK-AGE"), blocked(RT_PCR, "QC-BLOCK-AGE"))
                        .build(),
                Scenario.named("Lung, no tumour cells in the block: nothing can be run")
                        .source("qc-rules-default.yml QC-IHC-TUMOUR-CELLS, QC-FISH-TUMOUR-CELLS, QC-RTPCR-TUMOUR-CELLS"
                                + " [D] (tumour cells needed), QC-RNA-TUMOUR and QC-DNA-TUMOUR (absent counts as 0%)")
                        .reportRules(1)
                        .tissue("LUAD").noTumourCells()
                        .orders().advice("REQUEST_NEW_SPECIMEN RX-NO-QUALIFYING-ASSAY")
                        .qc(PAN_TRK_IHC, FAIL, "QC-IHC-TUMOUR-CELLS").qc(NTRK_FISH, FAIL, "QC-FISH-TUMOUR-CELLS")
                        .qc(RT_PCR, FAIL, "QC-RTPCR-TUMOUR-CELLS")
                        .call(OverallCall.FAILURE)
                        .qcLimitations(blocked(RNA_NGS, "QC-RNA-TUMOUR"), blocked(DNA_NGS, "QC-DNA-TUMOUR"),
                                blocked(NTRK_FISH, "QC-FISH-TUMOUR-CELLS"), blocked(RT_PCR, "QC-RTPCR-TUMOUR-CELLS"))
                        .build(),
                Scenario.named("Lung, fresh-frozen tissue: IHC not validated, RNA-NGS instead")
                        .source("qc-rules-default.yml QC-IHC-SPECIMEN: Roche VENTANA pan-TRK (EPR17341) is validated on"
                                + " FFPE tissue")
                        .tissue("LUAD").specimen(SpecimenType.FRESH_FROZEN)
                        .bench(RNA_NGS, etv6Ntrk3())
                        .orders("RNA_NGS RX-QC-FALLBACK").orderRationaleSays(RNA_NGS, "PAN_TRK_IHC")
                        .qc(PAN_TRK_IHC, FAIL, "QC-IHC-SPECIMEN")
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A)
                        .build(),
                Scenario.named("Explicit RNA-NGS and cfDNA NGS on a tissue block: cfDNA cannot be run")
                        .source("qc-rules-default.yml QC-CFDNA-SPECIMEN: Guardant360 CDx and FoundationOne Liquid CDx"
                                + " need whole blood in cfDNA tubes")
                        .tissue("LUAD").requested(RNA_NGS, CFDNA_NGS)
                        .bench(RNA_NGS, rnaNgs())
                        .orders("RNA_NGS RX-EXPLICIT-REQUEST").advice("REQUEST_NEW_SPECIMEN RX-NO-QUALIFYING-ASSAY")
                        .qcJudgedOnly(RNA_NGS, CFDNA_NGS).qc(CFDNA_NGS, FAIL, "QC-CFDNA-SPECIMEN")
                        .call(OverallCall.NEGATIVE)
                        .build(),
                Scenario.named("Explicit cfDNA NGS and RNA-NGS on plasma: RNA-NGS cannot be run, cfDNA not detected")
                        .source("qc-rules-default.yml QC-TISSUE-ASSAY-SPECIMEN: " + ESMO_2019 + " tissue methods; "
                                + ESMO_CTDNA_2022)
                        .reportRules(1)
                        .plasma("LUAD", BloodTubeType.STRECK_BCT, 2).requested(CFDNA_NGS, RNA_NGS)
                        .bench(CFDNA_NGS, cfDna())
                        .orders("CFDNA_NGS RX-EXPLICIT-REQUEST")
                        .advice("CONSIDER_ALTERNATIVE_METHOD RX-NOT-REQUESTED", "TEST_TISSUE RX-CFDNA-NOT-DETECTED")
                        .qc(RNA_NGS, FAIL, "QC-TISSUE-ASSAY-SPECIMEN")
                        .call(OverallCall.INCONCLUSIVE)
                        .qcLimitations(blocked(RNA_NGS, "QC-TISSUE-ASSAY-SPECIMEN"))
                        .build(),
                Scenario.named("Plasma in K2EDTA, 4 days in the tube: cfDNA fails QC, tissue advised")
                        .source("qc-rules-default.yml QC-TUBE-AGE-K2EDTA: K2EDTA equivalent to Streck only up to 3 days"
                                + " (AACR 2016); " + ESMO_CTDNA_2022)
                        .plasma("LUAD", BloodTubeType.K2EDTA, 4)
                        .orders().advice("TEST_TISSUE RX-NO-QUALIFYING-ASSAY")
                        .qc(CFDNA_NGS, FAIL, "QC-TUBE-AGE-K2EDTA")
                        .call(OverallCall.FAILURE).interpretationSays("(?i)sample QC")
                        .qcLimitationsUnchecked()
                        .build(),
                Scenario.named("Plasma in Streck, 6 days in the tube: cfDNA with a caveat finds ETV6::NTRK3")
                        .source("qc-rules-default.yml QC-TUBE-AGE-STRECK: Streck cfDNA BCT stable 5 days at room"
                                + " temperature (PLoS One 2016)")
                        .reportRules(1)
                        .plasma("PAAD", BloodTubeType.STRECK_BCT, 6)
                        .bench(CFDNA_NGS, cfDna(fusion("ETV6", 5, "NTRK3", 15)))
                        .orders("CFDNA_NGS RX-ROUTE-BLOOD")
                        .qc(CFDNA_NGS, PASS_WITH_CAVEAT, "QC-TUBE-AGE-STRECK")
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A)
                        .qcLimitations(caveat(CFDNA_NGS, "QC-TUBE-AGE-STRECK").measured(6))
                        .checkExports()
                        .build(),
                Scenario.named("Plasma in Streck, 9 days in the tube: cfDNA fails QC")
                        .source("qc-rules-default.yml QC-TUBE-AGE-STRECK: FAIL after 7 days (PLoS One 2016)")
                        .plasma("LUAD", BloodTubeType.STRECK_BCT, 9)
                        .orders().advice("TEST_TISSUE RX-NO-QUALIFYING-ASSAY")
                        .qc(CFDNA_NGS, FAIL, "QC-TUBE-AGE-STRECK")
                        .call(OverallCall.FAILURE).qcLimitationsUnchecked()
                        .build(),
                Scenario.named("Plasma with 10 ng cfDNA: not detected, with a caveat")
                        .source("qc-rules-default.yml QC-CFDNA-YIELD: TSO500 ctDNA v2 recommends 20 ng; "
                                + ESMO_CTDNA_2022)
                        .reportRules(1)
                        .plasma("LUAD", BloodTubeType.STRECK_BCT, 2).cfDnaNg(10)
                        .bench(CFDNA_NGS, cfDna())
                        .orders("CFDNA_NGS RX-ROUTE-BLOOD").advice("TEST_TISSUE RX-CFDNA-NOT-DETECTED")
                        .qc(CFDNA_NGS, PASS_WITH_CAVEAT, "QC-CFDNA-YIELD")
                        .call(OverallCall.INCONCLUSIVE)
                        .qcLimitations(caveat(CFDNA_NGS, "QC-CFDNA-YIELD").measured(10))
                        .build(),
                Scenario.named("Plasma with 3 ng cfDNA: cfDNA fails QC")
                        .source("qc-rules-default.yml QC-CFDNA-YIELD: Guardant360 CDx lowest allowable input 5 ng")
                        .plasma("LUAD", BloodTubeType.STRECK_BCT, 2).cfDnaNg(3)
                        .orders().advice("TEST_TISSUE RX-NO-QUALIFYING-ASSAY")
                        .qc(CFDNA_NGS, FAIL, "QC-CFDNA-YIELD")
                        .call(OverallCall.FAILURE).qcLimitationsUnchecked()
                        .build());
    }

    /** 2026.2 rules 2 (coverage-aware negative) and 3 (Tier III is not POSITIVE). */
    static List<Scenario> coverageAndTiers() {
        return List.of(
                Scenario.named("Glioblastoma, DV200 20% and 30 ng DNA: FISH ordered with three probes, lab has only NTRK3")
                        .source("2026.2 rule 2: a negative must cover NTRK1-3, FISH covers the probes it ran;"
                                + " qc-rules QC-RNA-DV200 (IBBL), QC-DNA-YIELD (PGDx elio 100 ng) [D]")
                        .reportRules(1, 2)
                        .tissue("GB").rna(100, 20).dna(30, 1.0)
                        .bench(NTRK_FISH, fishWithProbes(Set.of(NTRK3), null))
                        .orders("NTRK_FISH RX-QC-FALLBACK" + ALL_PROBES)
                        .qc(RNA_NGS, FAIL, "QC-RNA-DV200").qc(DNA_NGS, FAIL, "QC-DNA-YIELD")
                        .call(OverallCall.INCONCLUSIVE)
                        .interpretationSays("NTRK1, NTRK2 not tested").reportNeverSays(FULL_NEGATIVE)
                        .qcLimitations(blocked(RNA_NGS, "QC-RNA-DV200"), blocked(RT_PCR, "QC-RNA-DV200"),
                                blocked(DNA_NGS, "QC-DNA-YIELD"))
                        .checkExports()
                        .build(),
                Scenario.named("Glioblastoma, DV200 20% and 30 ng DNA: three-probe FISH negative is a full negative")
                        .source("2026.2 rule 2: probes for NTRK1, NTRK2 and NTRK3 together cover all three genes")
                        .reportRules(2)
                        .tissue("GB").rna(100, 20).dna(30, 1.0)
                        .bench(NTRK_FISH, fish(null))
                        .orders("NTRK_FISH RX-QC-FALLBACK" + ALL_PROBES)
                        .call(OverallCall.NEGATIVE)
                        .build(),
                Scenario.named("Glioblastoma, explicit IHC only, negative: not a screening negative")
                        .source("2026.2 rule 2; " + SOLOMON_2020 + ", Table 3: pan-TRK IHC unreliable in glioma")
                        .reportRules(2)
                        .tissue("GB").requested(PAN_TRK_IHC)
                        .bench(PAN_TRK_IHC, ihc(IhcCall.NEGATIVE))
                        .orders("PAN_TRK_IHC RX-EXPLICIT-REQUEST")
                        .call(OverallCall.INCONCLUSIVE).reportSays("(?i)pan-TRK IHC")
                        .build(),
                Scenario.named("Lung, high suspicion, explicit IHC only, negative: RNA-NGS advised, INCONCLUSIVE")
                        .source("2026.2 rule 2; " + SOLOMON_2020 + ": pan-TRK IHC misses 20.6% of NTRK3 fusions")
                        .reportRules(2)
                        .tissue("LUAD").highSuspicion().requested(PAN_TRK_IHC)
                        .bench(PAN_TRK_IHC, ihc(IhcCall.NEGATIVE))
                        .orders("PAN_TRK_IHC RX-EXPLICIT-REQUEST")
                        .advice("CONSIDER_ALTERNATIVE_METHOD RX-NOT-REQUESTED")
                        .adviceRationaleSays("RX-IHC-NEGATIVE-HIGH-SUSPICION")
                        .call(OverallCall.INCONCLUSIVE)
                        .build(),
                Scenario.named("Salivary secretory carcinoma, 10 ng RNA: FISH fails, targeted RT-PCR negative")
                        .source("2026.2 rules 2 and 4: a targeted RT-PCR negative covers no whole gene; qc-rules"
                                + " QC-RNA-YIELD [D] (anchored PCR needs 20 ng); " + ESMO_2019)
                        .reportRules(1, 2, 4)
                        .tissue("HNMASC").age(38).rna(10, 60)
                        .bench(NTRK_FISH, fails(INSUFFICIENT_TISSUE)).bench(RT_PCR, rtPcr(null))
                        .orders("NTRK_FISH RX-QC-FALLBACK" + ALL_PROBES, "RT_PCR RX-QC-FALLBACK")
                        .orderRationaleSays(RT_PCR, "RX-FISH-PCR-FAILED")
                        .qc(RNA_NGS, FAIL, "QC-RNA-YIELD").qc(RT_PCR, PASS)
                        .preTest(HIGH, HIGH_PREVALENCE)
                        .call(OverallCall.INCONCLUSIVE)
                        .interpretationSays("NTRK1.*NTRK2.*NTRK3.*not tested").reportNeverSays(FULL_NEGATIVE)
                        .qcLimitations(blocked(RNA_NGS, "QC-RNA-YIELD"))
                        .build(),
                Scenario.named("Lung, IHC positive, RNA-NGS finds NTRK3 as 5' partner only: uncertain significance")
                        .source(AMP_2017 + ": Tier III, unknown significance [D: NTRK 5' keeps no kinase domain];"
                                + " 2026.2 rule 3")
                        .reportRules(3)
                        .tissue("LUAD")
                        .bench(PAN_TRK_IHC, ihc(IhcCall.POSITIVE))
                        .bench(RNA_NGS, rnaNgs(fusion("NTRK3", 14, "ETV6", 6, true, null)))
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-POSITIVE")
                        .call(OverallCall.FUSION_OF_UNCERTAIN_SIGNIFICANCE).fusion("NTRK3::ETV6", TIER_III)
                        .interpretationSays("(?i)uncertain significance")
                        .interpretationSays("(?i)\\bnot\\b[^.]*(established|TRK[- ]inhibitor)")
                        .checkExports()
                        .build(),
                Scenario.named("Glioblastoma, RNA-NGS finds an out-of-frame ETV6::NTRK3: uncertain significance")
                        .source(AMP_2017 + ": Tier III [D: an out-of-frame junction makes no TRK kinase];"
                                + " 2026.2 rule 3")
                        .reportRules(3)
                        .tissue("GB")
                        .bench(RNA_NGS, rnaNgs(fusion("ETV6", 5, "NTRK3", 15, false, true)))
                        .orders("RNA_NGS RX-ROUTE-IHC-UNRELIABLE")
                        .call(OverallCall.FUSION_OF_UNCERTAIN_SIGNIFICANCE).fusion("ETV6::NTRK3", TIER_III)
                        .interpretationSays("(?i)uncertain significance")
                        .build(),
                Scenario.named("Leiomyosarcoma, RNA-NGS finds LMNA::NTRK1 without the kinase domain: uncertain significance")
                        .source(AMP_2017 + ": Tier III [D: the kinase domain is the drug target]; 2026.2 rule 3")
                        .reportRules(3)
                        .tissue("LMS")
                        .bench(RNA_NGS, rnaNgs(fusion("LMNA", 2, "NTRK1", 17, true, false)))
                        .orders("RNA_NGS RX-ROUTE-IHC-UNRELIABLE")
                        .call(OverallCall.FUSION_OF_UNCERTAIN_SIGNIFICANCE).fusion("LMNA::NTRK1", TIER_III)
                        .interpretationSays("(?i)uncertain significance")
                        .build(),
                Scenario.named("Glioblastoma, RNA-NGS finds ETV6::NTRK3 and its reciprocal NTRK3::ETV6: POSITIVE")
                        .source(AMP_2017 + ": the Tier I fusion decides; 2026.2 rule 3")
                        .reportRules(3)
                        .tissue("GB")
                        .bench(RNA_NGS, rnaNgs(fusion("ETV6", 5, "NTRK3", 15), fusion("NTRK3", 14, "ETV6", 6, true, null)))
                        .orders("RNA_NGS RX-ROUTE-IHC-UNRELIABLE")
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A).fusion("NTRK3::ETV6", TIER_III)
                        .interpretationSays("ETV6::NTRK3")
                        .build(),
                Scenario.named("Lung, IHC positive, RNA-NGS calls ETV6::NTRK3 without frame or kinase data: POSITIVE, review")
                        .source(AMP_2017 + ": the tier needs frame and kinase domain; 2026.2 rule 3: stays POSITIVE with"
                                + " a limitation asking for review")
                        .reportRules(3)
                        .tissue("LUAD")
                        .bench(PAN_TRK_IHC, ihc(IhcCall.POSITIVE))
                        .bench(RNA_NGS, rnaNgs(fusion("ETV6", 5, "NTRK3", 15, null, null)))
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-POSITIVE")
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", null)
                        .limitationSays("(?i)review")
                        .build());
    }

    /** 2026.2 rules 4 (high-prevalence tumour types) and 5 (a DNA-only negative after a stained IHC). */
    static List<Scenario> highPrevalenceAndDnaNegatives() {
        return List.of(
                Scenario.named("Infantile fibrosarcoma, DV200 20%: FISH fails, DNA-NGS negative is not a NEGATIVE")
                        .source("2026.2 rule 4; " + ESMO_2019 + ": fusions in >90%; " + SOLOMON_2020
                                + ": DNA panels miss NTRK3 breakpoints; qc-rules QC-RNA-DV200 (IBBL)")
                        .reportRules(1, 4)
                        .tissue("IFS").age(0).rna(100, 20)
                        .bench(NTRK_FISH, fails(INSUFFICIENT_TISSUE)).bench(DNA_NGS, dnaNgs())
                        .orders("NTRK_FISH RX-QC-FALLBACK" + ALL_PROBES, "DNA_NGS RX-QC-FALLBACK")
                        .advice("REQUEST_NEW_SPECIMEN RX-NO-QUALIFYING-ASSAY")
                        .adviceRationaleSays("RX-DNA-NEGATIVE-HIGH-SUSPICION")
                        .preTest(HIGH, HIGH_PREVALENCE)
                        .call(OverallCall.INCONCLUSIVE).reportNeverSays(FULL_NEGATIVE).reportSays(DNA_MAY_MISS)
                        .interpretationSays(NTRK2_NTRK3_OPEN)
                        .qcLimitations(blocked(RNA_NGS, "QC-RNA-DV200"), blocked(RT_PCR, "QC-RNA-DV200"))
                        .checkExports()
                        .build(),
                Scenario.named("Salivary secretory carcinoma, explicit DNA-NGS only, negative: RNA advised, INCONCLUSIVE")
                        .source("2026.2 rule 4: never NEGATIVE on DNA-NGS alone in a high-prevalence type; "
                                + ESMO_2019)
                        .reportRules(4)
                        .tissue("HNMASC").age(51).requested(DNA_NGS)
                        .bench(DNA_NGS, dnaNgs())
                        .orders("DNA_NGS RX-EXPLICIT-REQUEST").qcJudgedOnly(DNA_NGS)
                        .advice("CONSIDER_ALTERNATIVE_METHOD RX-NOT-REQUESTED")
                        .adviceRationaleSays("RX-DNA-NEGATIVE-HIGH-SUSPICION")
                        .preTest(HIGH, HIGH_PREVALENCE)
                        .call(OverallCall.INCONCLUSIVE).reportNeverSays(FULL_NEGATIVE)
                        .interpretationSays(NTRK2_NTRK3_OPEN)
                        .build(),
                Scenario.named("Secretory breast carcinoma: RNA-NGS negative closes the case")
                        .source(ESMO_2019 + ": RNA-based NGS covers NTRK1-3 partners and breakpoints; reflex table"
                                + " 2026.2: high-prevalence types count as high suspicion")
                        .reflexRules(4)
                        .tissue("JSCB").age(33)
                        .bench(RNA_NGS, rnaNgs())
                        .orders("RNA_NGS RX-ROUTE-HIGH-PREVALENCE")
                        .preTest(HIGH, HIGH_PREVALENCE)
                        .call(OverallCall.NEGATIVE)
                        .build(),
                Scenario.named("Lung, IHC equivocal, DV200 20%: DNA-NGS negative, FISH fails: INCONCLUSIVE")
                        .source("2026.2 rule 5; " + SOLOMON_2020 + ": DNA panels miss NTRK2/NTRK3 breakpoints; "
                                + ESMO_2019 + ": RNA-based confirmation")
                        .reportRules(1, 5)
                        .tissue("LUAD").rna(100, 20)
                        .bench(PAN_TRK_IHC, ihc(IhcCall.EQUIVOCAL)).bench(DNA_NGS, dnaNgs())
                        .bench(NTRK_FISH, fails(INSUFFICIENT_TISSUE))
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "DNA_NGS RX-QC-FALLBACK",
                                "NTRK_FISH RX-QC-FALLBACK" + ALL_PROBES)
                        .orderRationaleSays(NTRK_FISH, "RX-DNA-NEGATIVE-IHC-POSITIVE")
                        .call(OverallCall.INCONCLUSIVE).noConcordance()
                        .reportNeverSays("(?i)TRK expression without fusion")
                        .reportSays(DNA_MAY_MISS).reportSays("(?i)RNA[- ]based")
                        .interpretationSays(NTRK2_NTRK3_OPEN)
                        .qcLimitations(blocked(RNA_NGS, "QC-RNA-DV200"), blocked(RT_PCR, "QC-RNA-DV200"))
                        .build(),
                Scenario.named("Lung, IHC positive, RNA library fails, DNA-NGS negative: FISH with three probes negative")
                        .source("Reflex table 2026.2 RX-DNA-NEGATIVE-IHC-POSITIVE: " + ESMO_2019 + "; "
                                + SOLOMON_2020 + ": the stain is not explained by a DNA negative")
                        .reflexRules(5)
                        .tissue("LUAD")
                        .bench(PAN_TRK_IHC, ihc(IhcCall.POSITIVE)).bench(RNA_NGS, fails(LOW_MAPPED_READS))
                        .bench(DNA_NGS, dnaNgs()).bench(NTRK_FISH, fish(null))
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-POSITIVE", "DNA_NGS RX-RNA-FAILED",
                                "NTRK_FISH RX-DNA-NEGATIVE-IHC-POSITIVE" + ALL_PROBES)
                        .call(OverallCall.NEGATIVE).concordance("(?i)TRK expression without fusion")
                        .build(),
                Scenario.named("Glioblastoma, high suspicion, 70 ng DNA: RNA fails, DNA-NGS (caveat) negative, FISH negative")
                        .source(SOLOMON_2020 + ": DNA panels miss NTRK2/3 breakpoints (RX-DNA-NEGATIVE-HIGH-SUSPICION);"
                                + " qc-rules QC-DNA-YIELD [D] (PGDx elio 100 ng)")
                        .reportRules(1)
                        .tissue("GB").highSuspicion().dna(70, 1.0)
                        .bench(RNA_NGS, fails(INSUFFICIENT_LIBRARY)).bench(DNA_NGS, dnaNgs()).bench(NTRK_FISH, fish(null))
                        .orders("RNA_NGS RX-ROUTE-IHC-UNRELIABLE", "DNA_NGS RX-RNA-FAILED",
                                "NTRK_FISH RX-DNA-NEGATIVE-HIGH-SUSPICION" + ALL_PROBES)
                        .qc(DNA_NGS, PASS_WITH_CAVEAT, "QC-DNA-YIELD")
                        .preTest(HIGH, IHC_UNRELIABLE)
                        .call(OverallCall.NEGATIVE)
                        .qcLimitations(caveat(DNA_NGS, "QC-DNA-YIELD").measured(70))
                        .build());
    }

    /** Run failures, technical retests, non-evaluable and equivocal results, corrections, a cancellation. */
    static List<Scenario> failuresAndRevisions() {
        return List.of(
                Scenario.named("Lung, IHC control fails twice: one technical retest, then RNA-NGS negative")
                        .source("Laboratory repeat policy [D]: one retest of a technical failure; " + ESMO_2019
                                + ": RNA-NGS when IHC cannot be read")
                        .tissue("LUAD")
                        .bench(PAN_TRK_IHC, fails(CONTROL_FAILURE), fails(CONTROL_FAILURE)).bench(RNA_NGS, rnaNgs())
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "PAN_TRK_IHC RX-RETEST-TECHNICAL-FAILURE",
                                "RNA_NGS RX-IHC-NON-EVALUABLE")
                        .call(OverallCall.NEGATIVE).limitationSays("(?i)pan-TRK IHC.*no result").noConcordance()
                        .build(),
                Scenario.named("Glioblastoma, every method fails: RNA, DNA, FISH and RT-PCR")
                        .source("docs/clinical-rules.md#reflex and #overall-call [D]: the fallback chain, FAILURE when nothing"
                                + " is evaluable")
                        .tissue("GB")
                        .bench(RNA_NGS, fails(INSUFFICIENT_LIBRARY)).bench(DNA_NGS, ngsRunQcFailed("DNA hybrid-capture panel"))
                        .bench(NTRK_FISH, fails(INSUFFICIENT_TISSUE)).bench(RT_PCR, rtPcrFailed())
                        .orders("RNA_NGS RX-ROUTE-IHC-UNRELIABLE", "DNA_NGS RX-RNA-FAILED",
                                "NTRK_FISH RX-DNA-FAILED" + ALL_PROBES, "RT_PCR RX-FISH-PCR-FAILED")
                        .call(OverallCall.FAILURE).interpretationSays("(?i)no assay gave an evaluable result")
                        .build(),
                Scenario.named("Lung, IHC not evaluable (control failed): RNA-NGS finds ETV6::NTRK3, no concordance")
                        .source(ESMO_2019 + ": RNA-NGS when IHC cannot be read; docs/clinical-rules.md#concordance [D]:"
                                + " a non-evaluable stain gives no concordance statement")
                        .tissue("LUAD")
                        .bench(PAN_TRK_IHC, ihcControlFailed()).bench(RNA_NGS, etv6Ntrk3())
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-NON-EVALUABLE")
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A).noConcordance()
                        .build(),
                Scenario.named("Lung, IHC positive, RNA-NGS equivocal: FISH finds an NTRK3 split")
                        .source("docs/clinical-rules.md RX-MOLECULAR-EQUIVOCAL [D]: an equivocal molecular result is followed"
                                + " by the next method; "
                                + ESMO_2019)
                        .tissue("LUAD")
                        .bench(PAN_TRK_IHC, ihc(IhcCall.POSITIVE)).bench(RNA_NGS, rnaNgsEquivocal())
                        .bench(NTRK_FISH, fish(NTRK3))
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-POSITIVE",
                                "NTRK_FISH RX-MOLECULAR-EQUIVOCAL" + ALL_PROBES)
                        .call(OverallCall.POSITIVE).fusion("NTRK3", null).concordance("(?i)^concordant")
                        .build(),
                Scenario.named("Lung, NEGATIVE signed out, fusion found on re-analysis: CORRECTED to POSITIVE")
                        .source("docs/reporting.md [D]: a version is never changed, a correction issues the next"
                                + " version naming the one it supersedes; " + AMP_2017)
                        .tissue("LUAD")
                        .bench(PAN_TRK_IHC, ihc(IhcCall.POSITIVE)).bench(RNA_NGS, rnaNgs())
                        .afterSignOut(new Scenario.Correction(RNA_NGS, 1, CorrectionKind.CORRECTION,
                                RevisionReason.ANALYSIS_ERROR, "fusion filtered out by a misconfigured panel blacklist",
                                LabAccounts.DEMO_PATHOLOGIST, result(rnaNgs(fusion("ETV6", 5, "NTRK3", 15)))))
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-POSITIVE")
                        .revisedAs(ReportStatus.CORRECTED, RevisionReason.ANALYSIS_ERROR, OverallCall.NEGATIVE)
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A)
                        .concordance("(?i)^concordant").interpretationSays("(?i)corrected by " + LabAccounts.DEMO_PATHOLOGIST)
                        .build(),
                Scenario.named("Salivary secretory carcinoma, fusion without frame data, then AMENDED with it: Tier I")
                        .source(AMP_2017 + ": Tier I, Level A once in frame with the kinase domain retained;"
                                + " docs/reporting.md [D]: amendments issue a new version")
                        .tissue("HNMASC").age(60)
                        .bench(RNA_NGS, rnaNgs(fusion("ETV6", 5, "NTRK3", 15, null, null)))
                        .afterSignOut(new Scenario.Correction(RNA_NGS, 1, CorrectionKind.AMENDMENT,
                                RevisionReason.ADDITIONAL_INFORMATION, "frame and kinase domain from transcript review",
                                LabAccounts.DEMO_PATHOLOGIST, result(rnaNgs(fusion("ETV6", 5, "NTRK3", 15)))))
                        .orders("RNA_NGS RX-ROUTE-HIGH-PREVALENCE")
                        .revisedAs(ReportStatus.AMENDED, RevisionReason.ADDITIONAL_INFORMATION, OverallCall.POSITIVE)
                        .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A)
                        .build(),
                Scenario.named("Lung, order withdrawn by the LIMS while the IHC waits: no report")
                        .source("docs/reporting.md [D]: a cancelled accession gets no report; assay-tracking cancels"
                                + " the open orders")
                        .tissue("LUAD")
                        .cancelledWhenFirstAssayIsReady()
                        .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN")
                        .build());
    }

    private static Object result(Instruments.Step step) {
        return ((Instruments.Completes) step).result();
    }
}
