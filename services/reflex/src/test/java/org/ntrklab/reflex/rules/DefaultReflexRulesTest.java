package org.ntrklab.reflex.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The shipped routing table: real OncoTree codes (release oncotree_2026_05_21) on the routes of
 * docs/clinical-rules.md#tumour-types-in-the-default-table, each with its source.
 */
class DefaultReflexRulesTest {

    private final ReflexRuleTable table = ReflexRuleTableLoader.defaults();

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource({
        // ESMO 2019: >90% in secretory carcinoma of breast and salivary gland and infantile fibrosarcoma.
        "HNMASC, HIGH_PREVALENCE, ESMO 2019",
        "JSCB, HIGH_PREVALENCE, 92.87%",
        "IFS, HIGH_PREVALENCE, 90.56%",
        // Solomon et al. 2020, Table 3: specificity by tumour type.
        "GB, IHC_UNRELIABLE, 20.8%",
        "DIFG, IHC_UNRELIABLE, 20.8%",
        "PAST, IHC_UNRELIABLE, 20.8%",
        "ACYC, IHC_UNRELIABLE, 52%",
        "PAC, IHC_UNRELIABLE, polymorphous adenocarcinoma",
        "SYNS, IHC_UNRELIABLE, 74.4%",
        "OS, IHC_UNRELIABLE, 74.4%",
        "DSRCT, IHC_UNRELIABLE, 45.8%",
        "ERMS, IHC_UNRELIABLE, 45.8%",
        "MPNST, IHC_UNRELIABLE, neural differentiation",
        "LMS, IHC_UNRELIABLE, smooth muscle",
        "GIST, IHC_UNRELIABLE, GIST",
        "LUAD, IHC_SCREEN, specificity 100%",
        "COADREAD, IHC_SCREEN, specificity 100%",
        "IDC, IHC_SCREEN, 82.1%"})
    @DisplayName("Each route's tumour types, with the figure their source gives")
    void routes(String code, TumourRoute route, String evidence) {
        TumourTypeEntry entry = table.tumourType(code).orElseThrow();
        assertThat(entry.route()).isEqualTo(route);
        assertThat(entry.source()).contains(evidence);
    }

    @Test
    @DisplayName("Every entry names its source; the settings are the documented defaults")
    void everyEntryHasASource() {
        assertThat(table.tumourTypes()).hasSizeGreaterThan(100);
        assertThat(table.tumourTypes().values()).allSatisfy(e -> assertThat(e.source()).isNotBlank());
        assertThat(table.paediatricAgeBelow()).isEqualTo(18);
        assertThat(table.maxChainDepth()).isEqualTo(5);
        assertThat(table.maxRetestsPerAssay()).isEqualTo(1);
    }

    @Test
    @DisplayName("Salivary secretory carcinoma is high-prevalence while other salivary carcinomas are IHC-unreliable")
    void salivarySplit() {
        assertThat(List.of("HNMASC", "MUCC", "SDCA").stream().map(c -> table.tumourType(c).orElseThrow().route()))
                .containsExactly(TumourRoute.HIGH_PREVALENCE, TumourRoute.IHC_UNRELIABLE, TumourRoute.IHC_UNRELIABLE);
    }
}
