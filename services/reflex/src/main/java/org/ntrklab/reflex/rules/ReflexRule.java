package org.ntrklab.reflex.rules;

/**
 * The test-selection and reflex rules of docs/clinical-rules.md, each with the id that every order and
 * recommendation records, a one-line rationale and its published source ({@code [D]} marks a design
 * inference rather than a published rule). Which tumour types take which route is configuration
 * ({@link ReflexRuleTable}); what each route and reflex does is here.
 */
public enum ReflexRule {

    ROUTE_BLOOD("RX-ROUTE-BLOOD",
            "Plasma specimen: cfDNA NGS; a negative cfDNA result is non-informative",
            Sources.ESMO_CTDNA_2022),
    ROUTE_HIGH_PREVALENCE("RX-ROUTE-HIGH-PREVALENCE",
            "Tumour type where NTRK fusions are highly recurrent (>90%, almost always ETV6::NTRK3): direct molecular"
                    + " testing, RNA-NGS first with break-apart FISH and RT-PCR as the accepted alternatives and DNA-NGS"
                    + " last, no IHC screen; counted as high suspicion whatever the request says",
            Sources.ESMO_2019),
    ROUTE_IHC_UNRELIABLE("RX-ROUTE-IHC-UNRELIABLE",
            "Pan-TRK IHC is unreliable in this tumour type (wild-type TRK expression lowers specificity): RNA-NGS"
                    + " directly",
            Sources.SOLOMON_2020),
    ROUTE_PAEDIATRIC("RX-ROUTE-PAEDIATRIC",
            "Patient under the paediatric age limit: NTRK fusions are about five times as frequent (1.34% vs 0.28%);"
                    + " RNA-NGS directly [D]",
            Sources.WESTPHALEN_2021),
    ROUTE_IHC_SCREEN("RX-ROUTE-IHC-SCREEN",
            "Tumour type with rare NTRK fusions: pan-TRK IHC screen first, molecular testing of IHC-positive cases",
            Sources.ESMO_2019),
    EXPLICIT_REQUEST("RX-EXPLICIT-REQUEST",
            "Assay requested explicitly on the order",
            "Ordering clinician's request (LIMS work request EXPLICIT_ASSAYS)"),
    QC_FALLBACK("RX-QC-FALLBACK",
            "The preferred assay failed sample QC: the next assay of the same route whose QC passed [D]",
            Sources.ESMO_2019 + "; fallback order [D]"),
    IHC_POSITIVE("RX-IHC-POSITIVE",
            "Pan-TRK IHC positive: RNA-NGS confirmation, since IHC also stains wild-type TRK and a TRK inhibitor is"
                    + " not started on IHC alone",
            Sources.ESMO_2019),
    IHC_EQUIVOCAL("RX-IHC-EQUIVOCAL",
            "Pan-TRK IHC equivocal: RNA-NGS confirmation",
            Sources.ESMO_2019),
    IHC_NON_EVALUABLE("RX-IHC-NON-EVALUABLE",
            "Pan-TRK IHC not evaluable or failed: RNA-NGS instead",
            Sources.ESMO_2019),
    IHC_NEGATIVE_HIGH_SUSPICION("RX-IHC-NEGATIVE-HIGH-SUSPICION",
            "Pan-TRK IHC negative but clinical suspicion is high: RNA-NGS, since IHC detects only 79.4% of NTRK3"
                    + " fusions (96.2% NTRK1, 100% NTRK2)",
            Sources.SOLOMON_2020),
    RNA_FAILED("RX-RNA-FAILED",
            "RNA-NGS failed (run, result or sample QC): DNA-NGS if its QC passed, otherwise NTRK break-apart FISH [D]",
            Sources.ESMO_2019 + " [D]"),
    RNA_FAILED_HIGH_PREVALENCE("RX-RNA-FAILED-HIGH-PREVALENCE",
            "RNA-NGS failed in a tumour type where ETV6::NTRK3 is expected in >90%: break-apart FISH, then RT-PCR"
                    + " for ETV6::NTRK3 (accepted confirmation in these types); DNA-NGS, which misses NTRK3"
                    + " breakpoints, only last",
            Sources.ESMO_2019 + "; " + Sources.SOLOMON_2020),
    DNA_NEGATIVE_HIGH_SUSPICION("RX-DNA-NEGATIVE-HIGH-SUSPICION",
            "DNA-NGS found no fusion but suspicion is high (clinical, or a high-prevalence tumour type): RNA-NGS,"
                    + " else break-apart FISH (and RT-PCR in high-prevalence types), since DNA panels miss"
                    + " NTRK2/NTRK3 breakpoints in large introns",
            Sources.SOLOMON_2020 + "; " + Sources.ESMO_2019),
    DNA_NEGATIVE_IHC_POSITIVE("RX-DNA-NEGATIVE-IHC-POSITIVE",
            "DNA-NGS found no fusion after a positive or equivocal pan-TRK IHC: RNA-NGS, else break-apart FISH,"
                    + " since DNA panels miss NTRK2/NTRK3 breakpoints and the staining is not yet explained",
            Sources.ESMO_2019 + "; " + Sources.SOLOMON_2020),
    DNA_FAILED("RX-DNA-FAILED",
            "DNA-NGS failed: RNA-NGS if not yet tried, otherwise NTRK break-apart FISH [D]",
            Sources.ESMO_2019 + " [D]"),
    MOLECULAR_EQUIVOCAL("RX-MOLECULAR-EQUIVOCAL",
            "Equivocal molecular result: the next molecular method not yet tried [D]",
            Sources.ESMO_2019 + " [D]"),
    FISH_OR_PCR_FAILED("RX-FISH-PCR-FAILED",
            "FISH or RT-PCR failed: the next molecular method not yet tried [D]",
            Sources.ESMO_2019 + " [D]"),
    CFDNA_NOT_DETECTED("RX-CFDNA-NOT-DETECTED",
            "No fusion detected (or an equivocal result) in cfDNA, which is non-informative: test tumour tissue",
            Sources.ESMO_CTDNA_2022),
    CFDNA_FAILED("RX-CFDNA-FAILED",
            "cfDNA NGS failed or could not be run: test tumour tissue, the preferred material for fusions",
            Sources.ESMO_CTDNA_2022),
    RETEST_TECHNICAL_FAILURE("RX-RETEST-TECHNICAL-FAILURE",
            "The run failed for a technical reason, not because of the specimen: repeat the same assay [D]",
            "Laboratory repeat policy [D]"),
    NO_QUALIFYING_ASSAY("RX-NO-QUALIFYING-ASSAY",
            "Every assay this step could use failed sample QC on this specimen: a new specimen is needed [D]",
            Sources.ESMO_2019 + " [D]"),
    NOT_REQUESTED("RX-NOT-REQUESTED",
            "The next step needs an assay the order did not request (explicit request): order it explicitly if"
                    + " wanted",
            "LIMS work request EXPLICIT_ASSAYS: only the listed assays are ordered"),
    CHAIN_LIMIT("RX-CHAIN-LIMIT",
            "The reflex chain reached its configured depth: no further automatic order; pathologist review",
            "Bounded reflex chain depth [D]");

    private final String id;
    private final String rationale;
    private final String reference;

    ReflexRule(String id, String rationale, String reference) {
        this.id = id;
        this.rationale = rationale;
        this.reference = reference;
    }

    public String id() {
        return id;
    }

    public String rationale() {
        return rationale;
    }

    public String reference() {
        return reference;
    }

    /** Published references the rules cite. */
    public static final class Sources {
        public static final String ESMO_2019 =
                "ESMO 2019 (Marchio et al., Ann Oncol 30:1417-1427, doi:10.1093/annonc/mdz204)";
        public static final String SOLOMON_2020 =
                "Solomon et al., Mod Pathol 2020;33:38-46 (pan-TRK IHC sensitivity and specificity by gene and tumour type)";
        public static final String WESTPHALEN_2021 =
                "Westphalen et al., npj Precis Oncol 2021 (NTRK fusion prevalence 1.34% under 18 vs 0.28% in adults)";
        public static final String ESMO_CTDNA_2022 =
                "ESMO ctDNA recommendations (Pascual et al., Ann Oncol 2022;33:750-768): undetected ctDNA is"
                        + " non-informative; reflex tissue testing";

        private Sources() {
        }
    }
}
