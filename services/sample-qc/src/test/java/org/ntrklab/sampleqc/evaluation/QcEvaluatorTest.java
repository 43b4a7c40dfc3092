package org.ntrklab.sampleqc.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ntrklab.sampleqc.evaluation.LabBench.dnaExtraction;
import static org.ntrklab.sampleqc.evaluation.LabBench.ffpeBlock;
import static org.ntrklab.sampleqc.evaluation.LabBench.passingBench;
import static org.ntrklab.sampleqc.evaluation.LabBench.rnaExtraction;
import static org.ntrklab.sampleqc.evaluation.LabBench.tissue;
import static org.ntrklab.sampleqc.evaluation.LabBench.tumourCellsAbsent;
import static org.ntrklab.sampleqc.evaluation.LabBench.tumourNuclei;
import static org.ntrklab.sampleqc.evaluation.LabBench.years;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ntrklab.events.QcMetric;
import org.ntrklab.sampleqc.rules.QcRule;
import org.ntrklab.sampleqc.rules.QcRuleTable;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.Decalcification;
import org.ntrklab.events.QcFinding;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.SpecimenType;
import org.ntrklab.sampleqc.rules.MetricSource;
import org.ntrklab.sampleqc.rules.QcRuleTableLoader;

class QcEvaluatorTest {

    private final QcEvaluator evaluator = new QcEvaluator(QcRuleTableLoader.defaults());

    @Test
    void rnaNgsWaitsForTheRnaExtractionWhileTumourContentIsAlreadyKnown() {
        Map<MetricSource, Measurement> bench = bench(tumourNuclei(60));

        assertThat(evaluator.evaluate(AssayType.RNA_NGS, ffpeBlock(), bench)).isEmpty();
    }

    @Test
    void dnaNgsWaitsForTheDnaExtractionEvenWhenTheRnaOneHasArrived() {
        Map<MetricSource, Measurement> bench = bench(tumourNuclei(60), rnaExtraction(150, 70.0));

        assertThat(evaluator.evaluate(AssayType.DNA_NGS, ffpeBlock(), bench)).isEmpty();
    }

    @Test
    void acidDecalcifiedBlockFailsRnaNgsBeforeAnythingIsExtracted() {
        SpecimenFacts boneBiopsy = tissue(SpecimenType.FFPE_BLOCK, Decalcification.ACID, Duration.ofDays(10));

        QcDecision decision = evaluator.evaluate(AssayType.RNA_NGS, boneBiopsy, bench()).orElseThrow();

        assertThat(decision.verdict()).isEqualTo(QcVerdict.FAIL);
        assertThat(finding(decision, "QC-DECALCIFICATION").getVerdict()).isEqualTo(QcVerdict.FAIL);
        assertThat(finding(decision, "QC-DECALCIFICATION").getMeasuredCategory()).isEqualTo("ACID");
        // Only rules judged on what is known are reported; no finding pretends a missing extraction was judged.
        assertThat(decision.findings()).extracting(QcFinding::getRuleId)
                .doesNotContain("QC-RNA-DV200", "QC-RNA-YIELD", "QC-RNA-TUMOUR");
    }

    @Test
    void edtaDecalcifiedBlockStillWaitsForItsExtraction() {
        // A caveat is not a failure: the bench results may still rescue the specimen.
        SpecimenFacts boneBiopsy = tissue(SpecimenType.FFPE_BLOCK, Decalcification.EDTA, Duration.ofDays(10));

        assertThat(evaluator.evaluate(AssayType.RNA_NGS, boneBiopsy, bench())).isEmpty();
    }

    @Test
    void worstFindingDecidesTheAssay() {
        // Old block (caveat) with DV200 25% (fail): the failure wins.
        SpecimenFacts oldBlock = tissue(SpecimenType.FFPE_BLOCK, Decalcification.NONE, years(5));

        QcDecision decision = evaluator.evaluate(AssayType.RNA_NGS, oldBlock,
                passingBench(rnaExtraction(150, 25.0))).orElseThrow();

        assertThat(finding(decision, "QC-BLOCK-AGE").getVerdict()).isEqualTo(QcVerdict.PASS_WITH_CAVEAT);
        assertThat(finding(decision, "QC-RNA-DV200").getVerdict()).isEqualTo(QcVerdict.FAIL);
        assertThat(decision.verdict()).isEqualTo(QcVerdict.FAIL);
    }

    @Test
    void oneCaveatAmongPassesGivesPassWithCaveat() {
        QcDecision decision = evaluator.evaluate(AssayType.RNA_NGS, ffpeBlock(),
                passingBench(tumourNuclei(15))).orElseThrow();

        assertThat(decision.findings()).extracting(QcFinding::getVerdict)
                .containsOnlyOnce(QcVerdict.PASS_WITH_CAVEAT).doesNotContain(QcVerdict.FAIL);
        assertThat(decision.verdict()).isEqualTo(QcVerdict.PASS_WITH_CAVEAT);
    }

    @Test
    void everyFindingPassingGivesPass() {
        QcDecision decision = evaluator.evaluate(AssayType.DNA_NGS, ffpeBlock(), passingBench()).orElseThrow();

        assertThat(decision.findings()).isNotEmpty().allMatch(f -> f.getVerdict() == QcVerdict.PASS);
        assertThat(decision.verdict()).isEqualTo(QcVerdict.PASS);
    }

    @Test
    void rnaExtractionWithoutDv200IsJudgedWithCaution() {
        QcDecision decision = evaluator.evaluate(AssayType.RNA_NGS, ffpeBlock(),
                passingBench(rnaExtraction(150, null))).orElseThrow();

        QcFinding dv200 = finding(decision, "QC-RNA-DV200");
        assertThat(dv200.getVerdict()).isEqualTo(QcVerdict.PASS_WITH_CAVEAT);
        assertThat(dv200.getMeasuredValue()).isNull();
        assertThat(dv200.getRationale()).contains("not measured");
        assertThat(decision.verdict()).isEqualTo(QcVerdict.PASS_WITH_CAVEAT);
    }

    @Test
    void dnaExtractionWithoutDeltaCtIsJudgedWithCaution() {
        QcDecision decision = evaluator.evaluate(AssayType.DNA_NGS, ffpeBlock(),
                passingBench(dnaExtraction(400, null))).orElseThrow();

        assertThat(finding(decision, "QC-DNA-DELTA-CT").getVerdict()).isEqualTo(QcVerdict.PASS_WITH_CAVEAT);
        assertThat(decision.verdict()).isEqualTo(QcVerdict.PASS_WITH_CAVEAT);
    }

    @Test
    void labMayRequireTheMetricWithIfNotMeasuredFail() {
        QcEvaluator strict = new QcEvaluator(QcRuleTableLoader.load(yaml("""
                version: "lab-2026.2"
                rules:
                  - id: LAB-DV200
                    assays: [RNA_NGS]
                    metric: DV200_PERCENT
                    fail-below: 30
                    if-not-measured: FAIL
                    rationale: No RNA-NGS run without a fragment analysis
                    source: Lab validation report VR-2026-03
                """), "lab-qc-rules.yml"));

        QcDecision decision = strict.evaluate(AssayType.RNA_NGS, ffpeBlock(),
                passingBench(rnaExtraction(150, null))).orElseThrow();

        assertThat(finding(decision, "LAB-DV200").getVerdict()).isEqualTo(QcVerdict.FAIL);
        assertThat(decision.verdict()).isEqualTo(QcVerdict.FAIL);
    }

    @Test
    void tumourContentWithoutPercentageIsJudgedWithCaution() {
        Measurement noPercentage = Measurement.tumourContent("ev-tc", LabBench.RECEIVED.toEpochMilli(), true, null);

        QcDecision decision = evaluator.evaluate(AssayType.DNA_NGS, ffpeBlock(), passingBench(noPercentage))
                .orElseThrow();

        assertThat(finding(decision, "QC-DNA-TUMOUR").getVerdict()).isEqualTo(QcVerdict.PASS_WITH_CAVEAT);
    }

    @Test
    void noTumourCellsCountsAsZeroTumourNuclei() {
        QcDecision rna = evaluator.evaluate(AssayType.RNA_NGS, ffpeBlock(), passingBench(tumourCellsAbsent()))
                .orElseThrow();
        QcDecision dna = evaluator.evaluate(AssayType.DNA_NGS, ffpeBlock(), passingBench(tumourCellsAbsent()))
                .orElseThrow();

        assertThat(finding(rna, "QC-RNA-TUMOUR").getMeasuredValue()).isEqualTo(0.0);
        assertThat(finding(rna, "QC-RNA-TUMOUR").getVerdict()).isEqualTo(QcVerdict.FAIL);
        assertThat(finding(dna, "QC-DNA-TUMOUR").getMeasuredValue()).isEqualTo(0.0);
        assertThat(finding(dna, "QC-DNA-TUMOUR").getVerdict()).isEqualTo(QcVerdict.FAIL);
    }

    @Test
    void noTumourCellsFailsIhcWithoutWaitingForAnything() {
        QcDecision decision = evaluator.evaluate(AssayType.PAN_TRK_IHC, ffpeBlock(), bench(tumourCellsAbsent()))
                .orElseThrow();

        assertThat(decision.verdict()).isEqualTo(QcVerdict.FAIL);
        assertThat(finding(decision, "QC-IHC-TUMOUR-CELLS").getMeasuredCategory()).isEqualTo("false");
    }

    @Test
    void ffpeOnlyRulesDoNotJudgeFreshFrozenTissue() {
        // Five years in the freezer and no delta-Ct: block age and the FFPE QC kit do not apply to frozen tissue.
        SpecimenFacts frozen = tissue(SpecimenType.FRESH_FROZEN, Decalcification.NONE, years(5));

        QcDecision decision = evaluator.evaluate(AssayType.DNA_NGS, frozen,
                passingBench(dnaExtraction(400, null))).orElseThrow();

        assertThat(decision.findings()).extracting(QcFinding::getRuleId)
                .doesNotContain("QC-DNA-DELTA-CT", "QC-BLOCK-AGE")
                .contains("QC-DNA-TUMOUR", "QC-DNA-YIELD", "QC-DECALCIFICATION");
        assertThat(decision.verdict()).isEqualTo(QcVerdict.PASS);
    }

    @Test
    void sameDnaExtractionOnFfpeIsJudgedByDeltaCt() {
        QcDecision decision = evaluator.evaluate(AssayType.DNA_NGS, ffpeBlock(),
                passingBench(dnaExtraction(400, 3.5))).orElseThrow();

        assertThat(finding(decision, "QC-DNA-DELTA-CT").getVerdict()).isEqualTo(QcVerdict.FAIL);
    }

    @Test
    void decisionRecordsTheDefaultTableVersion() {
        QcDecision decision = evaluator.evaluate(AssayType.RNA_NGS, ffpeBlock(), passingBench()).orElseThrow();

        assertThat(decision.ruleSetVersion()).isEqualTo("ntrk-default-2026.2");
        assertThat(decision.assay()).isEqualTo(AssayType.RNA_NGS);
    }

    @Test
    void decisionRecordsTheLabTableVersion() {
        QcEvaluator lab = new QcEvaluator(QcRuleTableLoader.load(yaml("""
                version: "st-elsewhere-2026.3"
                rules:
                  - id: LAB-RNA-YIELD
                    assays: [RNA_NGS]
                    metric: RNA_YIELD_NG
                    fail-below: 50
                    rationale: Our panel needs 50 ng
                    source: Lab validation report VR-2026-04
                """), "lab-qc-rules.yml"));

        Optional<QcDecision> decision = lab.evaluate(AssayType.RNA_NGS, ffpeBlock(), passingBench());

        assertThat(decision).map(QcDecision::ruleSetVersion).contains("st-elsewhere-2026.3");
    }

    private static Map<MetricSource, Measurement> bench(Measurement... arrived) {
        Map<MetricSource, Measurement> bench = new EnumMap<>(MetricSource.class);
        for (Measurement m : arrived) {
            bench.put(m.source(), m);
        }
        return bench;
    }

    private static QcFinding finding(QcDecision decision, String ruleId) {
        List<QcFinding> matching = decision.findings().stream().filter(f -> f.getRuleId().equals(ruleId)).toList();
        assertThat(matching).as(ruleId + " in " + decision).hasSize(1);
        return matching.get(0);
    }

    private static ByteArrayInputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAssayNoRuleCoversFailsVisiblyInsteadOfPassingUnexamined() {
        // A lab table that judges RNA-NGS only on FFPE blocks says nothing about slides.
        QcRuleTable labTable = new QcRuleTable("lab-1", List.of(new QcRule("LAB-DV200", Set.of(AssayType.RNA_NGS),
                QcMetric.DV200_PERCENT, Set.of(SpecimenType.FFPE_BLOCK), null, 30.0, null, null, null, null, null, null,
                "Fragmented RNA", "Lab validation")));
        SpecimenFacts slides = LabBench.tissue(SpecimenType.FFPE_SLIDES, Decalcification.NONE, LabBench.days(5));

        QcDecision decision = new QcEvaluator(labTable).evaluate(AssayType.RNA_NGS, slides, Map.of()).orElseThrow();

        assertThat(decision.verdict()).isEqualTo(QcVerdict.FAIL);
        assertThat(decision.findings()).singleElement().satisfies(f -> {
            assertThat(f.getRuleId()).isEqualTo(QcEvaluator.NO_RULE);
            assertThat(f.getMeasuredCategory()).isEqualTo("FFPE_SLIDES");
        });
    }
}
