package org.ntrklab.desk.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a control shows what is chosen now, and the id its label points at. */
class ResultFieldTest {

    private static ResultField field(String control, List<String> options, String value) {
        return new ResultField("result.patterns", "Patterns", control, options, false, value, null, null);
    }

    @Test
    void theTickedBoxesOfAChoicesControlAreTheOnesInItsValue() {
        ResultField patterns = field("choices", List.of("CYTOPLASMIC", "NUCLEAR", "MEMBRANOUS", "PERINUCLEAR"),
                "CYTOPLASMIC,PERINUCLEAR");

        assertThat(patterns.has("CYTOPLASMIC")).isTrue();
        assertThat(patterns.has("PERINUCLEAR")).isTrue();
        assertThat(patterns.has("NUCLEAR")).as("a symbol inside another is not ticked").isFalse();
        assertThat(patterns.has("MEMBRANOUS")).isFalse();
    }

    @Test
    void aChoiceIsChosenOnlyWhenItIsExactlyTheValue() {
        ResultField call = field("choice", List.of("FUSION_DETECTED", "NO_FUSION_DETECTED"), "NO_FUSION_DETECTED");

        assertThat(call.has("NO_FUSION_DETECTED")).isTrue();
        assertThat(call.has("FUSION_DETECTED")).isFalse();
    }

    @Test
    void nothingIsChosenWithoutAValue() {
        assertThat(field("choice", List.of("yes", "no"), null).has("yes")).isFalse();
        assertThat(field("choices", List.of("NUCLEAR"), null).has("NUCLEAR")).isFalse();
        assertThat(field("choices", List.of("NUCLEAR"), "").has("NUCLEAR")).isFalse();
    }

    @Test
    void theIdHasNoDotsSoLabelsAndStylesFindIt() {
        ResultField exon = new ResultField("result.fusions.0.fivePrimeExon", "Five prime exon", "number", List.of(),
                false, "5", null, "Fusion call 1");

        assertThat(exon.id()).isEqualTo("result-fusions-0-fivePrimeExon");
    }
}
