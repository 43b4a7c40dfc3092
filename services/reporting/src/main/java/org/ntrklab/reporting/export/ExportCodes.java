package org.ntrklab.reporting.export;

import java.util.ArrayList;
import java.util.List;
import org.ntrklab.events.AmpTier;
import org.ntrklab.events.AssayType;
import org.ntrklab.reporting.report.ReportInterpreter;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.ReportedFusion;

/**
 * Codes and texts shared by the FHIR and the HL7 v2 exporter, so that both say the same thing.
 *
 * <p>LOINC codes follow the HL7 Genomics Reporting IG (STU3) and the LOINC answer list LL541-4; tiers
 * follow the AMP/ASCO/CAP 2017 joint consensus (Li et al., J Mol Diagn 19:4).
 */
final class ExportCodes {

    /** A code with its display text. */
    record Code(String code, String display) {
    }

    static final String LOINC_SYSTEM = "http://loinc.org";

    static final Code MASTER_PANEL = new Code("81247-9", "Master HL7 genetic variant reporting panel");
    static final Code OVERALL_INTERPRETATION = new Code("51968-6", "Genetic analysis overall interpretation");
    static final Code GENETIC_ANALYSIS_REPORT = new Code("51969-4", "Genetic analysis report");
    static final Code VARIANT_ASSESSMENT = new Code("69548-6", "Genetic variant assessment");
    static final Code PRESENT = new Code("LA9633-4", "Present");
    static final Code GENE_STUDIED = new Code("48018-6", "Gene studied [ID]");
    static final Code VARIATION_CODE = new Code("81252-9", "Discrete genetic variant");
    static final Code GENOMIC_SOURCE_CLASS = new Code("48002-0", "Genomic source class [Type]");
    static final Code SOMATIC = new Code("LA6684-0", "Somatic");
    static final Code LEVEL_OF_EVIDENCE = new Code("93044-6", "Level of evidence");

    private ExportCodes() {
    }

    /** LOINC answer list LL541-4 (positive / negative / inconclusive / failure). */
    static Code overallCall(OverallCall call) {
        switch (call) {
            case POSITIVE:
                return new Code("LA6576-8", "Positive");
            case NEGATIVE:
                return new Code("LA6577-6", "Negative");
            case INCONCLUSIVE:
                return new Code("LA9663-1", "Inconclusive");
            case FAILURE:
                return new Code("LA9664-9", "Failure");
            case FUSION_OF_UNCERTAIN_SIGNIFICANCE:
                // LL541-4 has no answer for "a variant of unknown significance only": Inconclusive is the one
                // that cannot be read as actionable; the text and the variant's Tier III say why.
                return new Code("LA9663-1", "Inconclusive");
            default:
                throw new IllegalArgumentException("unmapped overall call " + call);
        }
    }

    /** Readable name of the assay that detected a fusion: the name the report's own text uses. */
    static String assayText(AssayType assay) {
        return ReportInterpreter.name(assay);
    }

    /** AMP/ASCO/CAP 2017 tier as text, e.g. {@code Tier I - Level A}. */
    static String tierText(AmpTier tier) {
        switch (tier) {
            case TIER_I_LEVEL_A:
                return "Tier I - Level A";
            case TIER_I_LEVEL_B:
                return "Tier I - Level B";
            case TIER_II:
                return "Tier II";
            case TIER_III:
                return "Tier III";
            case TIER_IV:
                return "Tier IV";
            default:
                throw new IllegalArgumentException("unmapped tier " + tier);
        }
    }

    /**
     * The genes a fusion names, 5' partner first: both partners when the method identified them, otherwise
     * only the NTRK gene (FISH break-apart probes do not identify the partner).
     */
    static List<String> genesStudied(ReportedFusion fusion) {
        List<String> genes = new ArrayList<>();
        addIfPresent(genes, fusion.getFivePrimeGene());
        addIfPresent(genes, fusion.getThreePrimeGene());
        if (genes.isEmpty() && fusion.getHgncName() != null) {
            for (String part : fusion.getHgncName().split("::")) {
                addIfPresent(genes, part);
            }
        }
        if (genes.isEmpty()) {
            genes.add(fusion.getNtrkGene().name());
        }
        return genes;
    }

    private static void addIfPresent(List<String> genes, String symbol) {
        if (symbol != null && !symbol.isBlank()) {
            genes.add(symbol.strip());
        }
    }
}
