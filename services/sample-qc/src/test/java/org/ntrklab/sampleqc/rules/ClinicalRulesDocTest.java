package org.ntrklab.sampleqc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntrklab.testkit.ProjectFiles;
import org.ntrklab.events.QcMetric;
import org.ntrklab.sampleqc.evaluation.QcEvaluator;

/**
 * docs/clinical-rules.md, the page a molecular pathologist reviews, stays true to the default QC table: it
 * names the table's version and every rule id, and each rule's row gives the rule's FAIL and
 * PASS_WITH_CAVEAT bounds.
 */
class ClinicalRulesDocTest {

    private static final String PAGE = "docs/clinical-rules.md";

    private final QcRuleTable table = QcRuleTableLoader.defaults();

    @Test
    void namesTheTableVersionAndEveryRuleId() throws IOException {
        String page = page();
        assertThat(page).as("%s names the QC table version", PAGE).contains("`" + table.version() + "`");
        for (QcRule rule : table.rules()) {
            assertThat(page).as("%s names %s", PAGE, rule.id()).contains("`" + rule.id() + "`");
        }
        assertThat(page).contains("`" + QcEvaluator.NO_RULE + "`");
    }

    @Test
    void eachRuleRowGivesItsBounds() throws IOException {
        List<String> lines = page().lines().toList();
        for (QcRule rule : table.rules()) {
            String row = lines.stream().filter(l -> l.startsWith("| `" + rule.id() + "` |")).findFirst().orElse(null);
            assertThat(row).as("%s has a table row for %s", PAGE, rule.id()).isNotNull();
            // | rule id | assays | metric | FAIL | PASS_WITH_CAVEAT | source |
            String[] cells = row.split("\\|");
            String fail = cells[4].trim();
            String caveat = cells[5].trim();
            switch (rule.kind()) {
                case LOWER_BOUND -> {
                    assertThat(fail).as("FAIL of %s", rule.id()).isEqualTo(bound("<", rule.failBelow()));
                    assertThat(caveat).as("PASS_WITH_CAVEAT of %s", rule.id()).isEqualTo(bound("<", rule.caveatBelow()));
                }
                case UPPER_BOUND -> {
                    assertThat(fail).as("FAIL of %s", rule.id()).isEqualTo(bound(">", rule.failAbove()));
                    assertThat(caveat).as("PASS_WITH_CAVEAT of %s", rule.id()).isEqualTo(bound(">", rule.caveatAbove()));
                }
                case CATEGORIES -> {
                    assertThat(fail.isEmpty()).as("FAIL of %s is empty", rule.id()).isEqualTo(rule.failOn().isEmpty());
                    assertThat(caveat.isEmpty()).as("PASS_WITH_CAVEAT of %s is empty", rule.id())
                            .isEqualTo(rule.caveatOn().isEmpty());
                    if (rule.metric() != QcMetric.SPECIMEN_TYPE) {
                        // Specimen types are written in words; other categories as the table writes them.
                        rule.failOn().forEach(c -> assertThat(fail).as("FAIL of %s", rule.id()).contains(c));
                        rule.caveatOn().forEach(c -> assertThat(caveat).as("PASS_WITH_CAVEAT of %s", rule.id())
                                .contains(c));
                    }
                }
            }
        }
    }

    private static String bound(String comparison, Double value) {
        return value == null ? "" : comparison + " " + BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String page() {
        return ProjectFiles.read(PAGE);
    }
}
