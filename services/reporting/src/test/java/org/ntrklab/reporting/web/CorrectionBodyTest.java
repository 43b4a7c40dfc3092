package org.ntrklab.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.CorrectionKind;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.RevisionReason;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A correction arrives as plain JSON (as a web form or any HTTP client writes it) and becomes the command the
 * topic's schema describes, read as the result its order's assay produces; what is wrong is named by field
 * and rule, never by repeating what was sent.
 */
class CorrectionBodyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MARKER = "ZQX-secret-7731";
    private static final Map<String, AssayType> ORDERS = Map.of("ORD-RNA", AssayType.RNA_NGS,
            "ORD-IHC", AssayType.PAN_TRK_IHC);

    private static CorrectionBody.Read read(String json) {
        JsonNode body = JSON.readTree(json);
        return CorrectionBody.read(body, id -> Optional.ofNullable(ORDERS.get(id)), "PATH-0042");
    }

    private static final String NGS = """
            {"orderId": "ORD-RNA", "kind": "CORRECTION", "reason": "ANALYSIS_ERROR",
             "explanation": "fusion filtered out by a misconfigured panel blacklist",
             "correctedResult": {"panel": "RNA fusion panel", "call": "FUSION_DETECTED", "mappedReads": 3200000,
               "runQcPassed": true,
               "fusions": [{"fivePrimeGene": "ETV6", "threePrimeGene": "NTRK3", "fivePrimeExon": 5,
                 "threePrimeExon": 15, "inFrame": true, "supportingReads": 412}]}}
            """;

    @Test
    void plainJsonBecomesTheCommandWithTheResultOfTheOrdersAssay() {
        CorrectionBody.Read read = read(NGS);
        assertThat(read.problem()).isNull();
        assertThat(read.command().getAssay()).as("taken from the order").isEqualTo(AssayType.RNA_NGS);
        assertThat(read.command().getKind()).isEqualTo(CorrectionKind.CORRECTION);
        assertThat(read.command().getReason()).isEqualTo(RevisionReason.ANALYSIS_ERROR);
        assertThat(read.command().getExplanation()).startsWith("fusion filtered out");
        assertThat(read.command().getPathologistRef()).isEqualTo("PATH-0042");
        NgsResult result = (NgsResult) read.command().getCorrectedResult();
        assertThat(result.getCall()).isEqualTo(MolecularCall.FUSION_DETECTED);
        assertThat(result.getMappedReads()).isEqualTo(3_200_000L);
        assertThat(result.getFusions()).singleElement().satisfies(f -> {
            assertThat(f.getFivePrimeGene()).isEqualTo("ETV6");
            assertThat(f.getThreePrimeExon()).isEqualTo(15);
            assertThat(f.getKinaseDomainRetained()).as("left out: its default").isNull();
        });
    }

    @Test
    void thePathologistIsTheCallerWhateverTheBodySays() {
        CorrectionBody.Read read = read(NGS.replace("\"kind\"", "\"pathologistRef\": \"PATH-9999\", \"kind\""));
        assertThat(read.command().getPathologistRef()).isEqualTo("PATH-0042");
    }

    @Test
    void anIhcCorrectionIsReadAsAnIhcResult() {
        CorrectionBody.Read read = read("""
                {"orderId": "ORD-IHC", "kind": "AMENDMENT", "reason": "TRANSCRIPTION_ERROR",
                 "correctedResult": {"clone": "EPR17341", "percentPositiveTumourCells": 40.5, "intensity": 2,
                   "internalControlOk": true, "call": "POSITIVE"}}
                """);
        assertThat(read.problem()).isNull();
        IhcResult ihc = (IhcResult) read.command().getCorrectedResult();
        assertThat(ihc.getCall()).isEqualTo(IhcCall.POSITIVE);
        assertThat(ihc.getPatterns()).as("default").isEmpty();
        assertThat(read.command().getExplanation()).isNull();
    }

    @Test
    void anUnknownOrderIsNotFoundButABrokenBodyIsABadRequestWhateverItNames() {
        CorrectionBody.Read unknown = read(NGS.replace("ORD-RNA", "ORD-NONE"));
        assertThat(unknown.problem().unknownOrder()).isTrue();
        CorrectionBody.Read broken = read("{\"orderId\": \"ORD-NONE\", \"assay\": \"" + MARKER + "\"}");
        assertThat(broken.problem().unknownOrder()).isFalse();
        assertThat(broken.problem().message()).contains("kind").contains("required").doesNotContain(MARKER);
    }

    @Test
    void eachRefusalNamesTheFieldAndTheRuleNeverTheValue() {
        assertThat(read(NGS.replace("\"fivePrimeExon\": 5", "\"fivePrimeExon\": {\"int\": 5}")).problem().message())
                .as("Avro's JSON encoding of a nullable field is not plain JSON")
                .startsWith("correctedResult.fusions[0].fivePrimeExon: must be a whole number");
        assertThat(read(NGS.replace("\"ANALYSIS_ERROR\"", "\"" + MARKER + "\"")).problem().message())
                .startsWith("reason: must be one of [").doesNotContain(MARKER);
        assertThat(read(NGS.replace("\"panel\"", "\"" + MARKER + "\": 1, \"panel\"")).problem().message())
                .startsWith("correctedResult: has a field that NgsResult does not have").doesNotContain(MARKER);
        assertThat(read(NGS.replace("\"kind\"", "\"" + MARKER + "\": 1, \"kind\"")).problem().message())
                .startsWith("the body: has a field a correction does not have").doesNotContain(MARKER);
        assertThat(read(NGS.replace("misconfigured", MARKER + "\\u0007")).problem().message())
                .isEqualTo("explanation: must not contain control characters");
        for (String hidden : new String[] {"\\u202E", "\\u2066", "\\u200B", "\\u2028", "\\uFEFF", "\\uD800"}) {
            assertThat(read(NGS.replace("misconfigured", "mis" + hidden + "configured")).problem().message())
                    .as(hidden).isEqualTo("explanation: must not contain invisible, direction-changing or malformed"
                            + " characters");
        }
        assertThat(read(NGS.replace("\"runQcPassed\": true,", "")).problem().message())
                .isEqualTo("correctedResult.runQcPassed: is required");
        assertThat(read(NGS.replace("\"mappedReads\": 3200000", "\"mappedReads\": 1e400")).problem().message())
                .startsWith("correctedResult.mappedReads: must be a whole number");
        assertThat(read(NGS.replace("\"orderId\": \"ORD-RNA\"", "\"orderId\": \"ORD-RNA\", \"assay\": \"PAN_TRK_IHC\""))
                .problem().message()).isEqualTo("assay: must be the order's assay, RNA_NGS");
        assertThat(read("[\"" + MARKER + "\"]").problem().message()).doesNotContain(MARKER);
        assertThat(read(NGS.replace("fusion filtered out", "x".repeat(PlainJson.MAX_TEXT + 1))).problem().message())
                .isEqualTo("explanation: must be at most " + PlainJson.MAX_TEXT + " characters");
    }
}
