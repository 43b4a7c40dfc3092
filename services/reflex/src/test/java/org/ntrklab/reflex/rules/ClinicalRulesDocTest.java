package org.ntrklab.reflex.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.ntrklab.testkit.ProjectFiles;

/**
 * docs/clinical-rules.md, the page a molecular pathologist reviews, stays true to the reflex rules: it names
 * every rule id the code writes on orders and recommendations, the default table's version and its settings,
 * and every high-prevalence tumour type.
 */
class ClinicalRulesDocTest {

    private static final String PAGE = "docs/clinical-rules.md";

    private final ReflexRuleTable table = ReflexRuleTableLoader.defaults();

    @Test
    void namesEveryReflexRuleId() throws IOException {
        String page = page();
        for (ReflexRule rule : ReflexRule.values()) {
            // In backticks, so that RX-RNA-FAILED is not found inside RX-RNA-FAILED-HIGH-PREVALENCE.
            assertThat(page).as("%s names %s (%s)", PAGE, rule.id(), rule).contains("`" + rule.id() + "`");
        }
    }

    @Test
    void namesTheDefaultTableVersionAndSettings() throws IOException {
        String page = page();
        assertThat(page).as("%s names the reflex table version", PAGE).contains("`" + table.version() + "`");
        assertThat(page).contains("`paediatric-age-below`: " + table.paediatricAgeBelow())
                .contains("`max-chain-depth` (" + table.maxChainDepth() + ";")
                .contains("`max-retests-per-assay` (" + table.maxRetestsPerAssay() + ")");
        for (var reason : table.retestRunFailures()) {
            assertThat(page).as("%s names the retested run failure %s", PAGE, reason).contains(reason.name());
        }
    }

    @Test
    void namesEveryHighPrevalenceTumourType() throws IOException {
        String page = page();
        table.tumourTypes().values().stream().filter(e -> e.route() == TumourRoute.HIGH_PREVALENCE)
                .forEach(e -> assertThat(page).as("%s names high-prevalence type %s", PAGE, e.code())
                        .contains("`" + e.code() + "`"));
        assertThat(page).as("%s gives the number of codes in the table", PAGE)
                .contains("lists " + table.tumourTypes().size() + " codes");
    }

    private static String page() {
        return ProjectFiles.read(PAGE);
    }
}
