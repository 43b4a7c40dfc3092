package org.ntrklab.reflex.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.RunFailureReason;

/** A lab's own reflex table is read strictly: anything doubtful stops the service with the entry named. */
class ReflexRuleTableLoaderTest {

    private static final String HEADER = """
            version: lab-1
            paediatric-age-below: 18
            max-chain-depth: 4
            max-retests-per-assay: 1
            retest-run-failures: [INSTRUMENT_ERROR]
            """;

    private static ReflexRuleTable load(String yaml) {
        return ReflexRuleTableLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "lab.yml");
    }

    @Test
    @DisplayName("A valid table is read with its settings and entries")
    void readsValidTable() {
        ReflexRuleTable t = load(HEADER + """
                tumour-types:
                  - {code: HNMASC, route: HIGH_PREVALENCE, category: secretory, name: MASC, source: ESMO 2019}
                """);
        assertThat(t.version()).isEqualTo("lab-1");
        assertThat(t.maxChainDepth()).isEqualTo(4);
        assertThat(t.retestable(RunFailureReason.INSTRUMENT_ERROR)).isTrue();
        assertThat(t.retestable(RunFailureReason.LOW_MAPPED_READS)).isFalse();
        assertThat(t.tumourType("HNMASC")).get().extracting(TumourTypeEntry::route).isEqualTo(TumourRoute.HIGH_PREVALENCE);
    }

    @Test
    @DisplayName("A misspelt key is named")
    void unknownKey() {
        assertThatThrownBy(() -> load(HEADER + """
                tumour-types:
                  - {code: GB, route: IHC_UNRELIABLE, category: glioma, name: GB, sorce: Solomon 2020}
                """)).hasMessageContaining("lab.yml, tumour type #1 (GB): unknown key 'sorce'");
    }

    @Test
    @DisplayName("An entry without a source is refused: every route must cite its evidence")
    void missingSource() {
        assertThatThrownBy(() -> load(HEADER + """
                tumour-types:
                  - {code: GB, route: IHC_UNRELIABLE, category: glioma, name: GB}
                """)).hasMessageContaining("GB has no source");
    }

    @Test
    @DisplayName("A code listed under two routes is refused")
    void duplicateCode() {
        assertThatThrownBy(() -> load(HEADER + """
                tumour-types:
                  - {code: GB, route: IHC_UNRELIABLE, category: glioma, name: GB, source: Solomon 2020}
                  - {code: GB, route: IHC_SCREEN, category: other, name: GB, source: x}
                """)).hasMessageContaining("GB is listed twice");
    }

    @Test
    @DisplayName("An unknown route or failure reason is refused, not defaulted")
    void unknownEnum() {
        assertThatThrownBy(() -> load(HEADER + """
                tumour-types:
                  - {code: GB, route: STRAIGHT_TO_NGS, category: glioma, name: GB, source: Solomon 2020}
                """)).hasMessageContaining("STRAIGHT_TO_NGS");
        assertThatThrownBy(() -> load(HEADER.replace("[INSTRUMENT_ERROR]", "[POWER_CUT]") + """
                tumour-types:
                  - {code: GB, route: IHC_UNRELIABLE, category: glioma, name: GB, source: Solomon 2020}
                """)).hasMessageContaining("POWER_CUT");
    }

    @Test
    @DisplayName("Settings out of range and malformed codes are refused")
    void badSettings() {
        String entry = "tumour-types:\n  - {code: GB, route: IHC_UNRELIABLE, category: glioma, name: GB, source: s}\n";
        assertThatThrownBy(() -> load(HEADER.replace("max-chain-depth: 4", "max-chain-depth: 0") + entry))
                .hasMessageContaining("max-chain-depth must be between 1 and 10");
        assertThatThrownBy(() -> load(HEADER.replace("max-chain-depth: 4\n", "") + entry))
                .hasMessageContaining("has no max-chain-depth");
        assertThatThrownBy(() -> load(HEADER + entry.replace("code: GB", "code: gb-1")))
                .hasMessageContaining("'gb-1' is not an OncoTree code");
        assertThatThrownBy(() -> load(HEADER)).hasMessageContaining("lists no tumour types");
    }
}
