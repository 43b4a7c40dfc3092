package org.ntrklab.sampleqc.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.QcMetric;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.SpecimenType;

/**
 * A lab edits its rule table by hand; a table with any mistake must be refused whole, with a message that
 * tells the lab what to fix.
 */
class QcRuleTableLoaderTest {

    private static final String LOCATION = "file:/etc/ntrk/qc-rules-lab.yml";

    @Test
    void defaultTableLoadsWithItsVersionAndUniquelyNamedRules() {
        QcRuleTable table = QcRuleTableLoader.defaults();

        assertThat(table.version()).isEqualTo("ntrk-default-2026.2");
        assertThat(table.rules()).isNotEmpty();
        List<String> ids = table.rules().stream().map(QcRule::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void everyDefaultRuleSaysWhereItsThresholdComesFrom() {
        assertThat(QcRuleTableLoader.defaults().rules()).allSatisfy(rule -> {
            assertThat(rule.source()).as(rule.id()).isNotBlank();
            assertThat(rule.rationale()).as(rule.id()).isNotBlank();
        });
    }

    @Test
    void labTableIsReadWithEveryField() {
        QcRuleTable table = load("""
                version: "lab-2026.2"
                description: Validated by the molecular pathology QA board
                rules:
                  - id: LAB-TUBE-AGE
                    assays: [CFDNA_NGS]
                    blood-tube-types: [STRECK_BCT]
                    metric: BLOOD_TUBE_AGE_DAYS
                    fail-above: 6
                    caveat-above: 4
                    rationale: Our validation showed germline contamination after 4 days
                    source: Lab validation report VR-2026-07
                  - id: LAB-DV200
                    assays: [RNA_NGS]
                    specimen-types: [FFPE_BLOCK]
                    metric: DV200_PERCENT
                    fail-below: 25
                    caveat-below: 40
                    if-not-measured: FAIL
                    rationale: Our RNA panel fails below DV200 25%
                    source: Lab validation report VR-2026-03
                """);

        assertThat(table.version()).isEqualTo("lab-2026.2");
        QcRule tube = table.rules().get(0);
        assertThat(tube.kind()).isEqualTo(QcRule.Kind.UPPER_BOUND);
        assertThat(tube.bloodTubeTypes()).containsExactly(BloodTubeType.STRECK_BCT);
        assertThat(tube.failAbove()).isEqualTo(6.0);
        assertThat(tube.caveatAbove()).isEqualTo(4.0);
        assertThat(tube.ifNotMeasured()).isEqualTo(QcVerdict.PASS_WITH_CAVEAT);
        QcRule dv200 = table.rules().get(1);
        assertThat(dv200.kind()).isEqualTo(QcRule.Kind.LOWER_BOUND);
        assertThat(dv200.assays()).containsExactly(AssayType.RNA_NGS);
        assertThat(dv200.specimenTypes()).containsExactly(SpecimenType.FFPE_BLOCK);
        assertThat(dv200.metric()).isEqualTo(QcMetric.DV200_PERCENT);
        assertThat(dv200.ifNotMeasured()).isEqualTo(QcVerdict.FAIL);
    }

    @Test
    void misspelledPropertyIsRefused() {
        // Ignored, "specimen-type" would silently widen a FFPE-only rule to every specimen.
        assertRefused(rule("""
                    metric: FFPE_DELTA_CT
                    fail-above: 2
                    specimen-type: [FFPE_BLOCK]
                """)).hasMessageContaining("specimen-type").hasMessageContaining(LOCATION);
    }

    @Test
    void misspelledTableVersionIsRefused() {
        assertRefused("""
                versoin: "lab-1"
                rules:
                  - id: LAB-DV200
                    assays: [RNA_NGS]
                    metric: DV200_PERCENT
                    fail-below: 30
                    rationale: Fragmented RNA
                    source: Lab validation
                """).hasMessageContaining("versoin").hasMessageContaining(LOCATION);
    }

    @Test
    void unknownMetricIsRefused() {
        assertRefused(rule("""
                    metric: RIN_SCORE
                    fail-below: 7
                """)).hasMessageContaining("RIN_SCORE").hasMessageContaining(LOCATION);
    }

    @Test
    void unknownAssayIsRefused() {
        assertRefused("""
                version: "lab-1"
                rules:
                  - id: LAB-DV200
                    assays: [RNA_NGS, WHOLE_TRANSCRIPTOME]
                    metric: DV200_PERCENT
                    fail-below: 30
                    rationale: Fragmented RNA
                    source: Lab validation
                """).hasMessageContaining("WHOLE_TRANSCRIPTOME").hasMessageContaining(LOCATION);
    }

    @Test
    void ruleWithoutSourceIsRefused() {
        assertRefused("""
                version: "lab-1"
                rules:
                  - id: LAB-DV200
                    assays: [RNA_NGS]
                    metric: DV200_PERCENT
                    fail-below: 30
                    rationale: Fragmented RNA
                """).hasMessageContaining("LAB-DV200").hasMessageContaining("no source");
    }

    @Test
    void ruleWithBlankSourceIsRefused() {
        assertRefused("""
                version: "lab-1"
                rules:
                  - id: LAB-DV200
                    assays: [RNA_NGS]
                    metric: DV200_PERCENT
                    fail-below: 30
                    rationale: Fragmented RNA
                    source: "  "
                """).hasMessageContaining("LAB-DV200").hasMessageContaining("no source");
    }

    @Test
    void twoRulesWithOneIdAreRefused() {
        assertRefused("""
                version: "lab-1"
                rules:
                  - id: LAB-DV200
                    assays: [RNA_NGS]
                    metric: DV200_PERCENT
                    fail-below: 30
                    rationale: Fragmented RNA
                    source: Lab validation
                  - id: LAB-DV200
                    assays: [RT_PCR]
                    metric: DV200_PERCENT
                    fail-below: 20
                    rationale: Fragmented RNA
                    source: Lab validation
                """).hasMessageContaining("LAB-DV200").hasMessageContaining("twice");
    }

    @Test
    void failBoundInsideTheCaveatBandIsRefused() {
        assertRefused(rule("""
                    metric: TUMOUR_NUCLEI_PERCENT
                    fail-below: 20
                    caveat-below: 10
                """)).hasMessageContaining("fail-below 20.0 is above caveat-below 10.0");
    }

    @Test
    void upperFailBoundInsideTheCaveatBandIsRefused() {
        assertRefused(rule("""
                    metric: BLOCK_AGE_YEARS
                    fail-above: 3
                    caveat-above: 10
                """)).hasMessageContaining("fail-above 3.0 is below caveat-above 10.0");
    }

    @Test
    void boundsMixedWithCategoriesAreRefused() {
        assertRefused(rule("""
                    metric: DECALCIFICATION
                    fail-below: 1
                    fail-on: [ACID]
                """)).hasMessageContaining("exactly one of");
    }

    @Test
    void lowerAndUpperBoundsTogetherAreRefused() {
        assertRefused(rule("""
                    metric: FFPE_DELTA_CT
                    fail-below: 0
                    fail-above: 2
                """)).hasMessageContaining("exactly one of");
    }

    @Test
    void categoriesOnANumericMetricAreRefused() {
        assertRefused(rule("""
                    metric: DV200_PERCENT
                    fail-on: ["low"]
                """)).hasMessageContaining("DV200_PERCENT is numeric");
    }

    @Test
    void boundsOnACategoricalMetricAreRefused() {
        assertRefused(rule("""
                    metric: DECALCIFICATION
                    fail-below: 1
                """)).hasMessageContaining("DECALCIFICATION is categorical");
    }

    @Test
    void ruleWithoutAnyBoundIsRefused() {
        assertRefused(rule("""
                    metric: DV200_PERCENT
                """)).hasMessageContaining("exactly one of");
    }

    @Test
    void emptyFileIsRefused() {
        assertRefused("").hasMessageContaining(LOCATION).hasMessageFindingMatch("is empty|No content");
    }

    @Test
    void fileWithOnlyCommentsIsRefused() {
        assertRefused("# rules to follow after validation\n").hasMessageContaining(LOCATION)
                .hasMessageFindingMatch("is empty|No content");
    }

    @Test
    void emptyYamlDocumentIsRefused() {
        assertRefused("---\n").hasMessageContaining(LOCATION).hasMessageContaining("is empty");
    }

    @Test
    void tableWithoutVersionIsRefused() {
        assertRefused("""
                rules:
                  - id: LAB-DV200
                    assays: [RNA_NGS]
                    metric: DV200_PERCENT
                    fail-below: 30
                    rationale: Fragmented RNA
                    source: Lab validation
                """).hasMessageContaining("no version");
    }

    @Test
    void tableWithoutRulesIsRefused() {
        assertRefused("version: \"lab-1\"\nrules: []\n").hasMessageContaining("has no rules");
    }

    @Test
    void aCategoryTheMetricCannotTakeIsRefused() {
        // "ACIDIC" would never match, so an acid-decalcified block would pass decalcification QC.
        assertRefused(rule("""
                    metric: DECALCIFICATION
                    fail-on: [ACIDIC]
                """)).hasMessageContaining("ACIDIC").hasMessageContaining("ACID").hasMessageContaining(LOCATION);
        assertRefused(rule("""
                    metric: TUMOUR_CELLS_PRESENT
                    fail-on: ["no"]
                """)).hasMessageContaining("'no'");
    }

    @Test
    void aMisspeltRequiredKeyIsNamedRatherThanReportedMissing() {
        assertRefused(rule("""
                    metric: DV200_PERCENT
                    fail-bellow: 30
                """)).hasMessageContaining("unknown key 'fail-bellow'").hasMessageContaining("LAB-RULE")
                .hasMessageContaining(LOCATION);
    }

    @Test
    void aKeyGivenTwiceInOneRuleIsRefused() {
        assertRefused(rule("""
                    metric: DV200_PERCENT
                    fail-below: 30
                    fail-below: 40
                """)).hasMessageContaining("fail-below").hasMessageContaining(LOCATION);
    }

    @Test
    void anEmptyRuleEntryIsRefusedWithTheFileNamed() {
        assertRefused("version: \"lab-1\"\nrules:\n  -\n").hasMessageContaining("rule #1")
                .hasMessageContaining(LOCATION);
    }

    @Test
    void aPlasmaMetricForATissueAssayIsRefusedBecauseItsDecisionWouldNeverCome() {
        assertRefused(rule("""
                    metric: CFDNA_YIELD_NG
                    fail-below: 5
                """)).hasMessageContaining("CFDNA_YIELD_NG").hasMessageContaining("for ever");
    }

    /** A one-rule table for RNA-NGS whose metric and bounds are the given lines. */
    private static String rule(String metricAndBounds) {
        return """
                version: "lab-1"
                rules:
                  - id: LAB-RULE
                    assays: [RNA_NGS]
                """ + metricAndBounds + """
                    rationale: Lab validation showed it
                    source: Lab validation report VR-2026-01
                """;
    }

    private static QcRuleTable load(String yaml) {
        return QcRuleTableLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), LOCATION);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String yaml) {
        return assertThatThrownBy(() -> load(yaml)).isInstanceOf(IllegalArgumentException.class);
    }
}
