package org.ntrklab.sampleqc.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.ntrklab.events.AssayType.CFDNA_NGS;
import static org.ntrklab.events.AssayType.DNA_NGS;
import static org.ntrklab.events.AssayType.NTRK_FISH;
import static org.ntrklab.events.AssayType.PAN_TRK_IHC;
import static org.ntrklab.events.AssayType.RNA_NGS;
import static org.ntrklab.events.AssayType.RT_PCR;
import static org.ntrklab.events.QcVerdict.FAIL;
import static org.ntrklab.events.QcVerdict.PASS;
import static org.ntrklab.events.QcVerdict.PASS_WITH_CAVEAT;
import static org.ntrklab.sampleqc.evaluation.LabBench.cfDnaExtraction;
import static org.ntrklab.sampleqc.evaluation.LabBench.days;
import static org.ntrklab.sampleqc.evaluation.LabBench.dnaExtraction;
import static org.ntrklab.sampleqc.evaluation.LabBench.ffpeBlock;
import static org.ntrklab.sampleqc.evaluation.LabBench.passingBench;
import static org.ntrklab.sampleqc.evaluation.LabBench.plasma;
import static org.ntrklab.sampleqc.evaluation.LabBench.rnaExtraction;
import static org.ntrklab.sampleqc.evaluation.LabBench.tissue;
import static org.ntrklab.sampleqc.evaluation.LabBench.tumourCellsAbsent;
import static org.ntrklab.sampleqc.evaluation.LabBench.tumourNuclei;
import static org.ntrklab.sampleqc.evaluation.LabBench.years;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.Decalcification;
import org.ntrklab.events.QcFinding;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.SpecimenType;
import org.ntrklab.sampleqc.evaluation.Measurement;
import org.ntrklab.sampleqc.evaluation.QcDecision;
import org.ntrklab.sampleqc.evaluation.QcEvaluator;
import org.ntrklab.sampleqc.evaluation.SpecimenFacts;

/**
 * The shipped rule table against the published acceptance criteria it encodes: every rule, both sides of every
 * band edge. Expected verdicts and thresholds are the published ones, not the table's.
 */
class DefaultQcRulesTest {

    private static final QcEvaluator EVALUATOR = new QcEvaluator(QcRuleTableLoader.defaults());

    /**
     * One published criterion applied to one specimen.
     *
     * @param cites names the rule's source must mention
     * @param value the expected measured value for a numeric rule, else null
     * @param category the expected measured category for a categorical rule, else null
     * @param threshold the bound that decided (for a PASS, the last bound cleared); null for categories
     */
    record Row(String ruleId, List<String> cites, AssayType assay, String situation, SpecimenFacts specimen,
            Map<MetricSource, Measurement> bench, QcVerdict verdict, Double value, String category, Double threshold) {

        @Override
        public String toString() {
            return ruleId + " (" + String.join("; ", cites) + "): " + assay + ", " + situation + " -> " + verdict;
        }
    }

    // ---- tumour content -------------------------------------------------------------------------------------

    private static final List<String> RNA_TUMOUR = List.of("Mayo", "Quest", "FoundationOne CDx");
    private static final List<String> DNA_TUMOUR = List.of("FoundationOne CDx");

    static Stream<Row> tumourContent() {
        return Stream.of(
                tumour("QC-RNA-TUMOUR", RNA_TUMOUR, RNA_NGS, 9.9, FAIL, 10.0),
                tumour("QC-RNA-TUMOUR", RNA_TUMOUR, RNA_NGS, 10.0, PASS_WITH_CAVEAT, 20.0),
                tumour("QC-RNA-TUMOUR", RNA_TUMOUR, RNA_NGS, 19.9, PASS_WITH_CAVEAT, 20.0),
                tumour("QC-RNA-TUMOUR", RNA_TUMOUR, RNA_NGS, 20.0, PASS, 20.0),
                tumour("QC-DNA-TUMOUR", DNA_TUMOUR, DNA_NGS, 19.9, FAIL, 20.0),
                tumour("QC-DNA-TUMOUR", DNA_TUMOUR, DNA_NGS, 20.0, PASS_WITH_CAVEAT, 30.0),
                tumour("QC-DNA-TUMOUR", DNA_TUMOUR, DNA_NGS, 29.9, PASS_WITH_CAVEAT, 30.0),
                tumour("QC-DNA-TUMOUR", DNA_TUMOUR, DNA_NGS, 30.0, PASS, 30.0));
    }

    private static Row tumour(String ruleId, List<String> cites, AssayType assay, double percent, QcVerdict verdict,
            double threshold) {
        return numeric(ruleId, cites, assay, "tumour nuclei " + percent + "%", ffpeBlock(),
                passingBench(tumourNuclei(percent)), verdict, percent, threshold);
    }

    // ---- RNA and DNA extraction ----------------------------------------------------------------------------

    private static final List<String> DV200 = List.of("Baylor HGSC", "IBBL", "Biopreserv Biobank 2018");
    private static final List<String> RNA_YIELD = List.of("[D]");
    private static final List<String> DNA_YIELD = List.of("[D]", "PGDx elio");
    private static final List<String> DELTA_CT = List.of("Illumina FFPE QC kit");

    static Stream<Row> extraction() {
        return Stream.of(
                dv200(RNA_NGS, 29.9, FAIL),
                dv200(RNA_NGS, 30.0, PASS),
                dv200(RT_PCR, 29.9, FAIL),
                dv200(RT_PCR, 30.0, PASS),
                numeric("QC-RNA-YIELD", RNA_YIELD, RNA_NGS, "RNA 19.9 ng", ffpeBlock(),
                        passingBench(rnaExtraction(19.9, 70.0)), FAIL, 19.9, 20.0),
                numeric("QC-RNA-YIELD", RNA_YIELD, RNA_NGS, "RNA 20 ng", ffpeBlock(),
                        passingBench(rnaExtraction(20.0, 70.0)), PASS, 20.0, 20.0),
                dnaYield(49.9, FAIL, 50.0),
                dnaYield(50.0, PASS_WITH_CAVEAT, 100.0),
                dnaYield(99.9, PASS_WITH_CAVEAT, 100.0),
                dnaYield(100.0, PASS, 100.0),
                deltaCt(SpecimenType.FFPE_BLOCK, 2.0, PASS),
                deltaCt(SpecimenType.FFPE_BLOCK, 2.01, FAIL),
                deltaCt(SpecimenType.FFPE_SLIDES, 2.01, FAIL),
                deltaCt(SpecimenType.CYTOLOGY_CELL_BLOCK, 2.01, FAIL));
    }

    private static Row dv200(AssayType assay, double dv200, QcVerdict verdict) {
        return numeric("QC-RNA-DV200", DV200, assay, "DV200 " + dv200 + "%", ffpeBlock(),
                passingBench(rnaExtraction(150, dv200)), verdict, dv200, 30.0);
    }

    private static Row dnaYield(double ng, QcVerdict verdict, double threshold) {
        return numeric("QC-DNA-YIELD", DNA_YIELD, DNA_NGS, "DNA " + ng + " ng", ffpeBlock(),
                passingBench(dnaExtraction(ng, 0.8)), verdict, ng, threshold);
    }

    private static Row deltaCt(SpecimenType type, double deltaCt, QcVerdict verdict) {
        return numeric("QC-DNA-DELTA-CT", DELTA_CT, DNA_NGS, type + " delta-Ct " + deltaCt,
                tissue(type, Decalcification.NONE, Duration.ofDays(14)), passingBench(dnaExtraction(400, deltaCt)),
                verdict, deltaCt, 2.0);
    }

    // ---- plasma -----------------------------------------------------------------------------------------------

    private static final List<String> CFDNA_YIELD = List.of("Guardant360 CDx", "TSO500");
    private static final List<String> K2EDTA = List.of("K2EDTA", "AACR 2016");
    private static final List<String> STRECK = List.of("Streck cfDNA BCT", "PLoS One 2016");

    static Stream<Row> plasmaSpecimens() {
        return Stream.of(
                cfDnaYield(4.99, FAIL, 5.0),
                cfDnaYield(5.0, PASS_WITH_CAVEAT, 20.0),
                cfDnaYield(19.99, PASS_WITH_CAVEAT, 20.0),
                cfDnaYield(20.0, PASS, 20.0),
                tubeAge("QC-TUBE-AGE-K2EDTA", K2EDTA, BloodTubeType.K2EDTA, 3.0, PASS, 3.0),
                tubeAge("QC-TUBE-AGE-K2EDTA", K2EDTA, BloodTubeType.K2EDTA, 3.01, FAIL, 3.0),
                tubeAge("QC-TUBE-AGE-STRECK", STRECK, BloodTubeType.STRECK_BCT, 5.0, PASS, 5.0),
                tubeAge("QC-TUBE-AGE-STRECK", STRECK, BloodTubeType.STRECK_BCT, 5.01, PASS_WITH_CAVEAT, 5.0),
                tubeAge("QC-TUBE-AGE-STRECK", STRECK, BloodTubeType.STRECK_BCT, 7.0, PASS_WITH_CAVEAT, 5.0),
                tubeAge("QC-TUBE-AGE-STRECK", STRECK, BloodTubeType.STRECK_BCT, 7.01, FAIL, 7.0));
    }

    private static Row cfDnaYield(double ng, QcVerdict verdict, double threshold) {
        return numeric("QC-CFDNA-YIELD", CFDNA_YIELD, CFDNA_NGS, "cfDNA " + ng + " ng",
                plasma(BloodTubeType.STRECK_BCT, days(2)), passingBench(cfDnaExtraction(ng)), verdict, ng, threshold);
    }

    private static Row tubeAge(String ruleId, List<String> cites, BloodTubeType tube, double ageDays, QcVerdict verdict,
            double threshold) {
        return numeric(ruleId, cites, CFDNA_NGS, tube + " tube " + ageDays + " d old at receipt",
                plasma(tube, days(ageDays)), passingBench(), verdict, ageDays, threshold);
    }

    // ---- tissue history ----------------------------------------------------------------------------------------

    private static final List<AssayType> NUCLEIC_ACID_TISSUE_ASSAYS = List.of(RNA_NGS, DNA_NGS, NTRK_FISH, RT_PCR);
    private static final List<String> DECALCIFICATION = List.of("FoundationOne CDx", "Quest", "Iowa", "ARUP");
    private static final List<String> BLOCK_AGE = List.of("NIH CCR", "Japanese Society of Pathology", "MD Anderson");

    static Stream<Row> tissueHistory() {
        List<Row> rows = new ArrayList<>();
        for (AssayType assay : NUCLEIC_ACID_TISSUE_ASSAYS) {
            rows.add(decalcified(assay, SpecimenType.FFPE_BLOCK, Decalcification.ACID, FAIL));
            rows.add(decalcified(assay, SpecimenType.FFPE_BLOCK, Decalcification.EDTA, PASS_WITH_CAVEAT));
            rows.add(decalcified(assay, SpecimenType.FFPE_BLOCK, Decalcification.UNKNOWN, PASS_WITH_CAVEAT));
            rows.add(decalcified(assay, SpecimenType.FFPE_BLOCK, Decalcification.NONE, PASS));
            rows.add(blockAge(assay, years(3), 3.0, PASS, 3.0));
            rows.add(blockAge(assay, years(3.01), 3.01, PASS_WITH_CAVEAT, 3.0));
            rows.add(blockAge(assay, years(10), 10.0, PASS_WITH_CAVEAT, 3.0));
            rows.add(blockAge(assay, years(10.01), 10.01, FAIL, 10.0));
        }
        // Acid ruins nucleic acids whether or not the tissue was then fixed.
        rows.add(decalcified(RNA_NGS, SpecimenType.FRESH_FROZEN, Decalcification.ACID, FAIL));
        rows.add(decalcified(DNA_NGS, SpecimenType.CYTOLOGY_CELL_BLOCK, Decalcification.ACID, FAIL));
        rows.add(decalcified(NTRK_FISH, SpecimenType.FFPE_SLIDES, Decalcification.EDTA, PASS_WITH_CAVEAT));
        return rows.stream();
    }

    private static Row decalcified(AssayType assay, SpecimenType type, Decalcification decalcification,
            QcVerdict verdict) {
        return category("QC-DECALCIFICATION", DECALCIFICATION, assay, type + " decalcified " + decalcification,
                tissue(type, decalcification, Duration.ofDays(14)), passingBench(), verdict, decalcification.name());
    }

    private static Row blockAge(AssayType assay, Duration age, double ageYears, QcVerdict verdict, double threshold) {
        return numeric("QC-BLOCK-AGE", BLOCK_AGE, assay, "block " + ageYears + " y old at receipt",
                tissue(SpecimenType.FFPE_BLOCK, Decalcification.NONE, age), passingBench(), verdict, ageYears,
                threshold);
    }

    // ---- tumour cells and specimen type --------------------------------------------------------------------

    private static final List<String> ASSESSABLE_TUMOUR = List.of("[D]");
    private static final List<String> TISSUE_ASSAY = List.of("ESMO 2019", "Marchio");
    private static final List<String> IHC_ON_FFPE = List.of("VENTANA pan-TRK");
    private static final List<String> CFDNA_ON_PLASMA = List.of("Guardant360 CDx", "FoundationOne Liquid CDx");
    private static final List<SpecimenType> TISSUE = List.of(SpecimenType.FFPE_BLOCK, SpecimenType.FFPE_SLIDES,
            SpecimenType.CYTOLOGY_CELL_BLOCK, SpecimenType.FRESH_FROZEN);

    static Stream<Row> tumourCellsAndSpecimenType() {
        List<Row> rows = new ArrayList<>();
        rows.add(tumourCells("QC-IHC-TUMOUR-CELLS", PAN_TRK_IHC, false, FAIL));
        rows.add(tumourCells("QC-IHC-TUMOUR-CELLS", PAN_TRK_IHC, true, PASS));
        rows.add(tumourCells("QC-FISH-TUMOUR-CELLS", NTRK_FISH, false, FAIL));
        rows.add(tumourCells("QC-FISH-TUMOUR-CELLS", NTRK_FISH, true, PASS));
        rows.add(tumourCells("QC-RTPCR-TUMOUR-CELLS", RT_PCR, false, FAIL));
        rows.add(tumourCells("QC-RTPCR-TUMOUR-CELLS", RT_PCR, true, PASS));
        for (AssayType assay : List.of(PAN_TRK_IHC, NTRK_FISH, RT_PCR, RNA_NGS, DNA_NGS)) {
            rows.add(specimenType("QC-TISSUE-ASSAY-SPECIMEN", TISSUE_ASSAY, assay,
                    plasma(BloodTubeType.STRECK_BCT, days(1)), FAIL));
            rows.add(specimenType("QC-TISSUE-ASSAY-SPECIMEN", TISSUE_ASSAY, assay, ffpeBlock(), PASS));
        }
        rows.add(specimenType("QC-IHC-SPECIMEN", IHC_ON_FFPE, PAN_TRK_IHC,
                tissue(SpecimenType.FRESH_FROZEN, Decalcification.NONE, Duration.ofDays(1)), FAIL));
        rows.add(specimenType("QC-IHC-SPECIMEN", IHC_ON_FFPE, PAN_TRK_IHC, ffpeBlock(), PASS));
        rows.add(specimenType("QC-IHC-SPECIMEN", IHC_ON_FFPE, PAN_TRK_IHC,
                tissue(SpecimenType.FFPE_SLIDES, Decalcification.NONE, Duration.ofDays(14)), PASS));
        for (SpecimenType type : TISSUE) {
            rows.add(specimenType("QC-CFDNA-SPECIMEN", CFDNA_ON_PLASMA, CFDNA_NGS,
                    tissue(type, Decalcification.NONE, Duration.ofDays(14)), FAIL));
        }
        rows.add(specimenType("QC-CFDNA-SPECIMEN", CFDNA_ON_PLASMA, CFDNA_NGS, plasma(BloodTubeType.K2EDTA, days(1)),
                PASS));
        return rows.stream();
    }

    private static Row tumourCells(String ruleId, AssayType assay, boolean present, QcVerdict verdict) {
        return category(ruleId, ASSESSABLE_TUMOUR, assay, present ? "tumour cells present" : "no tumour cells",
                ffpeBlock(), passingBench(present ? tumourNuclei(60) : tumourCellsAbsent()), verdict,
                String.valueOf(present));
    }

    private static Row specimenType(String ruleId, List<String> cites, AssayType assay, SpecimenFacts specimen,
            QcVerdict verdict) {
        return category(ruleId, cites, assay, "on " + specimen.specimenType(), specimen, passingBench(), verdict,
                specimen.specimenType().name());
    }

    // ---- the tests ---------------------------------------------------------------------------------------------

    static Stream<Row> publishedCriteria() {
        return Stream.of(tumourContent(), extraction(), plasmaSpecimens(), tissueHistory(), tumourCellsAndSpecimenType())
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedCriteria")
    void theRuleUnderTestDecidesAsPublished(Row row) {
        QcDecision decision = EVALUATOR.evaluate(row.assay(), row.specimen(), row.bench()).orElseThrow();

        QcFinding finding = findingOf(decision, row.ruleId());
        assertThat(finding.getVerdict()).isEqualTo(row.verdict());
        if (row.category() == null) {
            assertThat(finding.getMeasuredValue()).isCloseTo(row.value(), within(1e-9));
            assertThat(finding.getThresholdValue()).isEqualTo(row.threshold());
        } else {
            assertThat(finding.getMeasuredCategory()).isEqualTo(row.category());
            assertThat(finding.getThresholdValue()).isNull();
        }
        assertThat(finding.getReference()).isNotBlank();
        for (String cited : row.cites()) {
            assertThat(finding.getReference()).contains(cited);
        }
        // Everything else on the bench passes, so the rule under test sets the assay's verdict.
        assertThat(decision.verdict()).isEqualTo(row.verdict());
    }

    @Test
    void everyRuleOfTheDefaultTableIsExercised() {
        Set<String> exercised = publishedCriteria().map(Row::ruleId).collect(Collectors.toSet());

        assertThat(exercised).containsExactlyInAnyOrderElementsOf(
                EVALUATOR.table().rules().stream().map(QcRule::id).toList());
    }

    @Test
    void everyRuleIsExercisedForEveryAssayItListsAndWithBothVerdictsOfEachCategory() {
        List<Row> rows = publishedCriteria().toList();
        for (QcRule rule : EVALUATOR.table().rules()) {
            Set<AssayType> assays = rows.stream().filter(r -> r.ruleId().equals(rule.id())).map(Row::assay)
                    .collect(Collectors.toSet());
            assertThat(assays).as(rule.id()).containsExactlyInAnyOrderElementsOf(rule.assays());
            for (String failing : rule.failOn()) {
                assertThat(rows).as(rule.id() + " on " + failing)
                        .anyMatch(r -> r.ruleId().equals(rule.id()) && failing.equals(r.category()));
            }
            for (String caveat : rule.caveatOn()) {
                assertThat(rows).as(rule.id() + " on " + caveat)
                        .anyMatch(r -> r.ruleId().equals(rule.id()) && caveat.equals(r.category()));
            }
        }
    }

    /** How close to a bound a value must be to count as testing its edge. */
    private static final double EDGE = 0.1 + 1e-9;

    @Test
    void everyBandEdgeIsExercisedOnBothSides() {
        List<Row> rows = publishedCriteria().filter(r -> r.category() == null).toList();
        for (QcRule rule : EVALUATOR.table().rules()) {
            List<Double> values = rows.stream().filter(r -> r.ruleId().equals(rule.id())).map(Row::value).toList();
            for (Double bound : Arrays.asList(rule.failBelow(), rule.caveatBelow())) {
                if (bound != null) {
                    assertThat(values).as(rule.id() + " at " + bound).anyMatch(v -> Math.abs(v - bound) < 1e-9);
                    assertThat(values).as(rule.id() + " just below " + bound).anyMatch(v -> v < bound && bound - v <= EDGE);
                }
            }
            for (Double bound : Arrays.asList(rule.failAbove(), rule.caveatAbove())) {
                if (bound != null) {
                    assertThat(values).as(rule.id() + " at " + bound).anyMatch(v -> Math.abs(v - bound) < 1e-9);
                    assertThat(values).as(rule.id() + " just above " + bound).anyMatch(v -> v > bound && v - bound <= EDGE);
                }
            }
        }
    }

    // ---- rows and findings --------------------------------------------------------------------------------------

    private static Row numeric(String ruleId, List<String> cites, AssayType assay, String situation,
            SpecimenFacts specimen, Map<MetricSource, Measurement> bench, QcVerdict verdict, double value,
            double threshold) {
        return new Row(ruleId, cites, assay, situation, specimen, bench, verdict, value, null, threshold);
    }

    private static Row category(String ruleId, List<String> cites, AssayType assay, String situation,
            SpecimenFacts specimen, Map<MetricSource, Measurement> bench, QcVerdict verdict, String category) {
        return new Row(ruleId, cites, assay, situation, specimen, bench, verdict, null, category, null);
    }

    private static QcFinding findingOf(QcDecision decision, String ruleId) {
        List<QcFinding> matching = decision.findings().stream().filter(f -> f.getRuleId().equals(ruleId)).toList();
        assertThat(matching).as("findings of " + ruleId + " in " + decision).hasSize(1);
        return matching.get(0);
    }
}
