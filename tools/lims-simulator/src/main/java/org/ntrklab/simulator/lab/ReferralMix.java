package org.ntrklab.simulator.lab;

import static org.ntrklab.simulator.lab.FusionPartners.AFAP1_NTRK2;
import static org.ntrklab.simulator.lab.FusionPartners.EML4_NTRK3;
import static org.ntrklab.simulator.lab.FusionPartners.ETV6_NTRK3;
import static org.ntrklab.simulator.lab.FusionPartners.GFOD1_NTRK2;
import static org.ntrklab.simulator.lab.FusionPartners.IRF2BP2_NTRK1;
import static org.ntrklab.simulator.lab.FusionPartners.LMNA_NTRK1;
import static org.ntrklab.simulator.lab.FusionPartners.MYO5A_NTRK3;
import static org.ntrklab.simulator.lab.FusionPartners.QKI_NTRK2;
import static org.ntrklab.simulator.lab.FusionPartners.TPM3_NTRK1;
import static org.ntrklab.simulator.lab.FusionPartners.TPM4_NTRK3;
import static org.ntrklab.simulator.lab.FusionPartners.TPR_NTRK1;

import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.ntrklab.simulator.lab.TumourProfile.AgeBand;
import org.ntrklab.simulator.lab.TumourProfile.PartnerShare;

/**
 * The tumour types an NTRK-testing lab receives, and how often. Codes are the ones reflex's default routing
 * table lists (reflex-rules-default.yml), so each type takes its intended route; SIC, HNSC and UEC are not
 * listed there and take reflex's default IHC screen, and CMN is a local code (OncoTree has none for
 * congenital mesoblastic nephroma) whose infants take reflex's paediatric route.
 *
 * <p>Referral shares are our assumption [D]: a lab that runs NTRK work-ups is sent the high-prevalence types
 * on purpose, so with this table about 7.5% of referrals carry a fusion (about 22 of 300 cases), against
 * 0.30% in unselected solid tumours (Westphalen et al., npj Precis Oncol 2021). Partner shares within a
 * type, age bands and plasma and decalcification shares are also our assumptions [D]. The partners themselves
 * are listed with their sources in docs/lims-simulator.md#the-cases-ground-truth; prevalence and IHC
 * specificity follow the sources named in each row.
 */
public final class ReferralMix {

    private static final String SOLOMON = "Solomon et al., Mod Pathol 2020, Table 3";
    private static final String META = "meta-analysis PMC7758559";
    private static final String RNA_SERIES = "RNA-NGS series of 19,591 samples, docs/lims-simulator.md";
    private static final String WESTPHALEN = "Westphalen et al., npj Precis Oncol 2021";
    private static final String PARTNERS = "partners: docs/lims-simulator.md";

    private final List<TumourProfile> profiles;

    public ReferralMix(List<TumourProfile> profiles) {
        this.profiles = List.copyOf(profiles);
        if (this.profiles.isEmpty() || this.profiles.stream().mapToDouble(TumourProfile::referralShare).sum() <= 0) {
            throw new IllegalArgumentException("a referral mix needs at least one tumour type with a share");
        }
    }

    /** The default mix; shares sum to 1. */
    public static ReferralMix standard() {
        return new ReferralMix(List.of(
                row("LUAD", "Lung Adenocarcinoma", 0.235, 0.0017, 1.00, 40, 88, 0.13, 0.02,
                        "NSCLC 0.17% (" + META + "); IHC specificity lung 100% (" + SOLOMON + "); TPM3/LMNA::NTRK1 ("
                                + PARTNERS + "); bone-metastasis biopsies decalcified [D]",
                        p(TPM3_NTRK1, 0.35), p(LMNA_NTRK1, 0.20), p(ETV6_NTRK3, 0.25), p(EML4_NTRK3, 0.20)),
                row("COADREAD", "Colorectal Adenocarcinoma", 0.17, 0.0026, 1.00, 35, 89, 0.13, 0,
                        "colorectal 0.26% (" + META + "); IHC specificity colon 100% (" + SOLOMON + "); TPM3::NTRK1,"
                                + " the original colon-cancer oncogene, and LMNA::NTRK1 (" + PARTNERS + ")",
                        p(TPM3_NTRK1, 0.50), p(LMNA_NTRK1, 0.30), p(ETV6_NTRK3, 0.10), p(EML4_NTRK3, 0.10)),
                row("IDC", "Breast Invasive Ductal Carcinoma", 0.09, 0.0060, 0.821, 30, 89, 0.13, 0.02,
                        "non-secretory breast 0.60% (" + META + "); IHC specificity breast 82.1% (" + SOLOMON + ")",
                        p(ETV6_NTRK3, 0.50), p(TPM3_NTRK1, 0.25), p(LMNA_NTRK1, 0.25)),
                row("JSCB", "Juvenile Secretory Carcinoma of the Breast", 0.025, 0.9287, 0.821, 10, 70, 0, 0,
                        "secretory breast 92.87% (" + META + "); ETV6::NTRK3 (" + PARTNERS + "); IHC specificity"
                                + " breast 82.1% (" + SOLOMON + "); age band [D]",
                        p(ETV6_NTRK3, 1.0)),
                row("HNMASC", "Mammary Analogue Secretory Carcinoma of Salivary Gland Origin", 0.03, 0.90, 0.52,
                        20, 80, 0, 0, "MASC >90% (ESMO 2019; Westphalen 2021), lower bound taken [D]; all salivary"
                                + " cases ETV6::NTRK3 (Mol Diagn Ther 2022); IHC specificity salivary 52% ("
                                + SOLOMON + ")",
                        p(ETV6_NTRK3, 1.0)),
                row("IFS", "Infantile Fibrosarcoma", 0.02, 0.9056, 0.744, 0, 1, 0, 0,
                        "infantile fibrosarcoma 90.56% (" + META + "); ETV6::NTRK3 (" + PARTNERS + "); IHC"
                                + " specificity sarcoma 74.4% (" + SOLOMON + "); infants [D]",
                        p(ETV6_NTRK3, 1.0)),
                row("CMN", "Congenital Mesoblastic Nephroma, cellular/mixed (local code)", 0.01, 0.2152, 0.744, 0, 1,
                        0, 0, "congenital mesoblastic nephroma 21.52% (" + META + "); ETV6::NTRK3 (" + PARTNERS
                                + "); IHC specificity as for sarcoma, a mesenchymal tumour [D]; infants [D]",
                        p(ETV6_NTRK3, 1.0)),
                row("THPA", "Papillary Thyroid Cancer", 0.05, 0.02, 1.00, 20, 80, 0, 0,
                        "prevalence 2% [D]: no published figure cited, only 'intermediate frequency'"
                                + " (PathologyOutlines); IHC specificity thyroid 100% (" + SOLOMON + ");"
                                + " IRF2BP2/TPR::NTRK1 (" + PARTNERS + ")",
                        p(ETV6_NTRK3, 0.40), p(IRF2BP2_NTRK1, 0.20), p(TPR_NTRK1, 0.20), p(TPM3_NTRK1, 0.20)),
                row("GB", "Glioblastoma, IDH-Wildtype", 0.05, 0.0191, 0.208, 40, 85, 0, 0,
                        "GBM 1.91% (" + RNA_SERIES + "); IHC specificity glioma 20.8% (" + SOLOMON + ");"
                                + " AFAP1/GFOD1::NTRK2 in glioma/GBM (" + PARTNERS + ")",
                        p(AFAP1_NTRK2, 0.40), p(GFOD1_NTRK2, 0.30), p(QKI_NTRK2, 0.10), p(TPM3_NTRK1, 0.20)),
                row("SKCM", "Cutaneous Melanoma", 0.04, 0.0031, 0.811, 30, 89, 0.13, 0,
                        "cutaneous melanoma 0.31% (" + META + "); IHC specificity overall 81.1% (" + SOLOMON + ");"
                                + " LMNA::NTRK1 spitzoid, MYO5A::NTRK3 Spitz (" + PARTNERS + ")",
                        p(LMNA_NTRK1, 0.30), p(TPM3_NTRK1, 0.30), p(MYO5A_NTRK3, 0.20), p(ETV6_NTRK3, 0.20)),
                row("SARCNOS", "Sarcoma, NOS", 0.05, 0.01, 0.744, 20, 85, 0, 0.05,
                        "prevalence 1% [D]: no adult soft-tissue figure cited; IHC specificity"
                                + " sarcoma 74.4% (" + SOLOMON + "); TPM4::NTRK3 (" + PARTNERS + "); bone involvement"
                                + " decalcified [D]",
                        p(TPM4_NTRK3, 0.30), p(TPM3_NTRK1, 0.30), p(LMNA_NTRK1, 0.20), p(ETV6_NTRK3, 0.20)),
                row("OS", "Osteosarcoma", 0.015, 0.0, 0.744, 10, 40, 0, 0.80,
                        "bone sarcoma ~0% (" + META + "); IHC specificity sarcoma 74.4% (" + SOLOMON + "); bone"
                                + " biopsies are decalcified [D]"),
                row("PAAD", "Pancreatic Adenocarcinoma", 0.05, 0.0030, 1.00, 45, 89, 0.13, 0,
                        "0.30%, the all-solid-tumour figure (" + WESTPHALEN + ") [D: no pancreas figure"
                                + " cited]; IHC specificity pancreas 100% (" + SOLOMON + ")",
                        p(ETV6_NTRK3, 0.30), p(TPM3_NTRK1, 0.30), p(LMNA_NTRK1, 0.20), p(EML4_NTRK3, 0.20)),
                row("CHOL", "Cholangiocarcinoma", 0.04, 0.0030, 1.00, 40, 89, 0.13, 0,
                        "0.30%, the all-solid-tumour figure (" + WESTPHALEN + ") [D: no biliary figure"
                                + " cited]; IHC specificity cholangiocarcinoma 100% (" + SOLOMON + ")",
                        p(ETV6_NTRK3, 0.30), p(TPM3_NTRK1, 0.30), p(LMNA_NTRK1, 0.20), p(EML4_NTRK3, 0.20)),
                row("SIC", "Small Intestinal Carcinoma", 0.02, 0.0132, 0.811, 40, 85, 0, 0,
                        "small intestine 1.32% (" + RNA_SERIES + "); IHC specificity overall 81.1% (" + SOLOMON + ")",
                        p(TPM3_NTRK1, 0.40), p(LMNA_NTRK1, 0.20), p(ETV6_NTRK3, 0.40)),
                row("HNSC", "Head and Neck Squamous Cell Carcinoma", 0.04, 0.0095, 0.811, 40, 85, 0, 0,
                        "head and neck 0.95% (" + RNA_SERIES + "); IHC specificity overall 81.1% (" + SOLOMON + ")",
                        p(ETV6_NTRK3, 0.50), p(TPM3_NTRK1, 0.25), p(EML4_NTRK3, 0.25)),
                row("UEC", "Uterine Endometrioid Carcinoma", 0.04, 0.0019, 0.811, 40, 85, 0, 0,
                        "uterine 0.19% (" + RNA_SERIES + "); IHC specificity overall 81.1% (" + SOLOMON + ")",
                        p(TPM3_NTRK1, 0.40), p(LMNA_NTRK1, 0.30), p(ETV6_NTRK3, 0.30)),
                row("PDIFLG", "Pediatric-Type Diffuse Low-Grade Glioma", 0.025, 0.0134, 0.208, 1, 17, 0, 0,
                        "paediatric prevalence 1.34% under 18 (" + WESTPHALEN + "); IHC specificity glioma 20.8% ("
                                + SOLOMON + "); QKI::NTRK2 pilocytic astrocytoma, AFAP1/GFOD1::NTRK2 ("
                                + PARTNERS + ")",
                        p(QKI_NTRK2, 0.50), p(AFAP1_NTRK2, 0.25), p(GFOD1_NTRK2, 0.25))));
    }

    /** A tumour type, drawn by referral share. */
    public TumourProfile pick(Random random) {
        Objects.requireNonNull(random, "random");
        return Draws.over(random).pick(profiles, TumourProfile::referralShare);
    }

    public List<TumourProfile> profiles() {
        return profiles;
    }

    /** The fusion-positive share of the whole mix: sum of share × prevalence over the table. */
    public double expectedFusionRate() {
        double total = profiles.stream().mapToDouble(TumourProfile::referralShare).sum();
        return profiles.stream().mapToDouble(t -> t.referralShare() * t.fusionPrevalence()).sum() / total;
    }

    private static TumourProfile row(String code, String text, double share, double prevalence, double specificity,
            int minAge, int maxAge, double plasma, double decalcified, String source, PartnerShare... partners) {
        return new TumourProfile(code, text, share, prevalence, List.of(partners), specificity,
                new AgeBand(minAge, maxAge), plasma, decalcified, source + "; referral share [D]");
    }

    private static PartnerShare p(FusionTruth fusion, double share) {
        return new PartnerShare(fusion, share);
    }
}
