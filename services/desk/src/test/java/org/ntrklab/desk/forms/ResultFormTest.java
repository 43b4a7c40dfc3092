package org.ntrklab.desk.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntrklab.events.CfDnaResult;
import org.ntrklab.events.FishResult;
import org.ntrklab.events.FusionCall;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.IhcStainingPattern;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.RtPcrResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The corrected-result part of the correction form: a pathologist sees one control per field of the result
 * their order's assay produced, filled in with what the instrument reported, and what they send back is read
 * into the plain JSON reporting takes, or refused with problems that name the control as the form labels it.
 */
class ResultFormTest {

    private static final Schema IHC = IhcResult.getClassSchema();
    private static final Schema FISH = FishResult.getClassSchema();
    private static final Schema PCR = RtPcrResult.getClassSchema();
    private static final Schema NGS = NgsResult.getClassSchema();
    private static final Schema CFDNA = CfDnaResult.getClassSchema();

    /** A result as reporting shows it: Avro's own JSON rendering of the instrument's record. */
    private static final String IHC_RESULT = IhcResult.newBuilder().setClone("EPR17341")
            .setPercentPositiveTumourCells(35.0).setIntensity(2)
            .setPatterns(List.of(IhcStainingPattern.CYTOPLASMIC, IhcStainingPattern.NUCLEAR))
            .setInternalControlOk(true).setCall(IhcCall.POSITIVE).build().toString();

    private static FusionCall etv6Ntrk3() {
        return FusionCall.newBuilder().setFivePrimeGene("ETV6").setThreePrimeGene("NTRK3").setFivePrimeExon(5)
                .setThreePrimeExon(15).setFivePrimeTranscript("NM_001987.5").setInFrame(true)
                .setKinaseDomainRetained(true).setSupportingReads(412).build();
    }

    private static FusionCall fusion(String fivePrime, String threePrime) {
        return FusionCall.newBuilder().setFivePrimeGene(fivePrime).setThreePrimeGene(threePrime).build();
    }

    private static String ngsResult(List<FusionCall> fusions) {
        return NgsResult.newBuilder().setPanel("RNA fusion panel v2").setCall(MolecularCall.FUSION_DETECTED)
                .setFusions(fusions).setMappedReads(3_200_000L).setRunQcPassed(true).build().toString();
    }

    /** A submitted form; a name given twice has two values (as ticked boxes are sent). */
    private static Map<String, List<String>> form(String... namesAndValues) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return form;
    }

    /** What the browser sends back for a form nobody changed: each control's shown value. */
    private static Map<String, List<String>> unchanged(List<ResultField> fields) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (ResultField f : fields) {
            if (f.value() == null || f.value().isEmpty()) {
                continue;
            }
            form.put(f.name(), "choices".equals(f.control()) ? List.of(f.value().split(",")) : List.of(f.value()));
        }
        return form;
    }

    private static JsonNode json(String text) {
        return JsonMapper.shared().readTree(text);
    }

    private static ResultField field(List<ResultField> fields, String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no control " + name));
    }

    private static Map<String, List<String>> validIhcForm() {
        return form("result.clone", "EPR17341", "result.percentPositiveTumourCells", "35",
                "result.intensity", "2", "result.patterns", "CYTOPLASMIC", "result.patterns", "MEMBRANOUS",
                "result.internalControlOk", "yes", "result.call", "POSITIVE");
    }

    @Nested
    class WhichForm {

        @Test
        void eachAssayGetsTheFormOfTheResultItProduces() {
            assertThat(ResultForm.schema("PAN_TRK_IHC")).isEqualTo(IHC);
            assertThat(ResultForm.schema("NTRK_FISH")).isEqualTo(FISH);
            assertThat(ResultForm.schema("RT_PCR")).isEqualTo(PCR);
            assertThat(ResultForm.schema("RNA_NGS")).isEqualTo(NGS);
            assertThat(ResultForm.schema("DNA_NGS")).isEqualTo(NGS);
            assertThat(ResultForm.schema("CFDNA_NGS")).as("plasma has its own result, with allele fractions")
                    .isEqualTo(CFDNA);
        }

        @Test
        void anAssayTheLabDoesNotRunHasNoForm() {
            assertThatThrownBy(() -> ResultForm.schema("WESTERN_BLOT")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("WESTERN_BLOT");
            assertThatThrownBy(() -> ResultForm.schema("rna_ngs")).as("codes are exact")
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ResultForm.schema(null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Controls {

        @Test
        void ihcFormHasOneControlPerFieldFilledInWithTheReportedResult() {
            List<ResultField> fields = ResultForm.fields(IHC, IHC_RESULT);

            assertThat(fields).extracting(ResultField::name, ResultField::label, ResultField::control,
                    ResultField::required, ResultField::value).containsExactly(
                    tuple("result.clone", "Clone", "text", true, "EPR17341"),
                    tuple("result.percentPositiveTumourCells", "Percent positive tumour cells", "decimal", true,
                            "35.0"),
                    tuple("result.intensity", "Intensity", "number", true, "2"),
                    tuple("result.patterns", "Patterns", "choices", false, "CYTOPLASMIC,NUCLEAR"),
                    tuple("result.internalControlOk", "Internal control ok", "yes-no", true, "yes"),
                    tuple("result.call", "Call", "choice", true, "POSITIVE"));
            assertThat(field(fields, "result.call").options())
                    .containsExactly("POSITIVE", "NEGATIVE", "EQUIVOCAL", "NON_EVALUABLE");
            assertThat(field(fields, "result.patterns").options())
                    .containsExactly("CYTOPLASMIC", "NUCLEAR", "MEMBRANOUS", "PERINUCLEAR");
            assertThat(field(fields, "result.internalControlOk").options()).containsExactly("yes", "no");
            assertThat(field(fields, "result.intensity").help()).as("the scale is explained next to the control")
                    .contains("0 (none) to 3 (strong)");
            assertThat(fields).allSatisfy(f -> assertThat(f.group()).isNull());
        }

        @Test
        void fishFormOffersTheThreeNtrkProbes() {
            String current = FishResult.newBuilder().setProbeGene(NtrkGene.NTRK3).setNucleiScored(100)
                    .setSplitSignalPercent(22.5).setCall(MolecularCall.FUSION_DETECTED)
                    .setProbesTested(List.of(NtrkGene.NTRK1, NtrkGene.NTRK3)).build().toString();

            List<ResultField> fields = ResultForm.fields(FISH, current);

            assertThat(fields).extracting(ResultField::name, ResultField::control, ResultField::required,
                    ResultField::value).containsExactly(
                    tuple("result.probeGene", "choice", true, "NTRK3"),
                    tuple("result.nucleiScored", "number", true, "100"),
                    tuple("result.splitSignalPercent", "decimal", true, "22.5"),
                    tuple("result.call", "choice", true, "FUSION_DETECTED"),
                    tuple("result.probesTested", "choices", false, "NTRK1,NTRK3"));
            assertThat(field(fields, "result.probeGene").options()).containsExactly("NTRK1", "NTRK2", "NTRK3");
            assertThat(field(fields, "result.call").options())
                    .containsExactly("FUSION_DETECTED", "NO_FUSION_DETECTED", "EQUIVOCAL", "FAILED");
        }

        @Test
        void rtPcrTargetsAreEditedOneALine() {
            String current = RtPcrResult.newBuilder().setTargets(List.of("ETV6::NTRK3", "TPM3::NTRK1", "LMNA::NTRK1"))
                    .setDetectedTargets(List.of("ETV6::NTRK3")).setCall(MolecularCall.FUSION_DETECTED).build()
                    .toString();

            List<ResultField> fields = ResultForm.fields(PCR, current);

            assertThat(fields).extracting(ResultField::name, ResultField::control, ResultField::required,
                    ResultField::value).containsExactly(
                    tuple("result.targets", "lines", false, "ETV6::NTRK3\nTPM3::NTRK1\nLMNA::NTRK1"),
                    tuple("result.detectedTargets", "lines", false, "ETV6::NTRK3"),
                    tuple("result.call", "choice", true, "FUSION_DETECTED"));
        }

        @Test
        void ngsFusionsAreRowsWithOneBlankRowToAddAFusion() {
            List<ResultField> fields = ResultForm.fields(NGS, ngsResult(List.of(etv6Ntrk3())));

            List<String> fusionParts = List.of("fivePrimeGene", "threePrimeGene", "fivePrimeExon", "threePrimeExon",
                    "fivePrimeTranscript", "threePrimeTranscript", "inFrame", "kinaseDomainRetained",
                    "supportingReads", "uniqueMolecules", "variantAllelePercent");
            List<String> expectedNames = new ArrayList<>(List.of("result.panel", "result.call"));
            for (int row = 0; row < 2; row++) {
                for (String part : fusionParts) {
                    expectedNames.add("result.fusions." + row + "." + part);
                }
            }
            expectedNames.addAll(List.of("result.mappedReads", "result.runQcPassed"));
            assertThat(fields).extracting(ResultField::name).containsExactlyElementsOf(expectedNames);

            assertThat(fields).filteredOn(f -> f.name().startsWith("result.fusions.0."))
                    .extracting(ResultField::label, ResultField::control, ResultField::required, ResultField::value,
                            ResultField::group)
                    .containsExactly(
                            tuple("Five prime gene", "text", true, "ETV6", "Fusion call 1"),
                            tuple("Three prime gene", "text", true, "NTRK3", "Fusion call 1"),
                            tuple("Five prime exon", "number", false, "5", "Fusion call 1"),
                            tuple("Three prime exon", "number", false, "15", "Fusion call 1"),
                            tuple("Five prime transcript", "text", false, "NM_001987.5", "Fusion call 1"),
                            tuple("Three prime transcript", "text", false, null, "Fusion call 1"),
                            tuple("In frame", "yes-no", false, "yes", "Fusion call 1"),
                            tuple("Kinase domain retained", "yes-no", false, "yes", "Fusion call 1"),
                            tuple("Supporting reads", "number", false, "412", "Fusion call 1"),
                            tuple("Unique molecules", "number", false, null, "Fusion call 1"),
                            tuple("Variant allele percent", "decimal", false, null, "Fusion call 1"));
            assertThat(fields).filteredOn(f -> f.name().startsWith("result.fusions.1."))
                    .as("the row to add a fusion is empty, and only its genes are asked for once it is begun")
                    .allSatisfy(f -> {
                        assertThat(f.value()).isNull();
                        assertThat(f.group()).isEqualTo("Fusion call 2");
                    });
            assertThat(field(fields, "result.mappedReads")).extracting(ResultField::control, ResultField::required,
                    ResultField::value).containsExactly("number", false, "3200000");
            assertThat(field(fields, "result.runQcPassed")).extracting(ResultField::control, ResultField::required,
                    ResultField::value).containsExactly("yes-no", true, "yes");
        }

        @Test
        void aFlagReportedFalseShowsAsNo() {
            String current = NgsResult.newBuilder().setPanel("DNA panel").setCall(MolecularCall.FAILED)
                    .setRunQcPassed(false).build().toString();

            assertThat(field(ResultForm.fields(NGS, current), "result.runQcPassed").value()).isEqualTo("no");
        }

        @Test
        void cfDnaFormAsksForAlleleFractionAndInput() {
            List<ResultField> fields = ResultForm.fields(CFDNA, null);

            assertThat(field(fields, "result.fusions.0.variantAllelePercent").control()).isEqualTo("decimal");
            assertThat(field(fields, "result.cfDnaInputNg")).extracting(ResultField::control, ResultField::required)
                    .containsExactly("decimal", false);
            assertThat(field(fields, "result.notDetectedIsNonInformative").control()).isEqualTo("yes-no");
        }

        @Test
        void withNoResultOrOneTheDeskCannotReadTheFormIsBlank() {
            for (String current : new String[] {null, "", "   ", "not json {", "[1, 2]"}) {
                List<ResultField> fields = ResultForm.fields(NGS, current);
                assertThat(fields).as("from %s", current).allSatisfy(f -> assertThat(f.value()).isNull());
                assertThat(fields).as("one empty fusion row").filteredOn(f -> f.group() != null)
                        .extracting(ResultField::group).containsOnly("Fusion call 1");
            }
        }

        @Test
        void avroUnionValuesReadAsTheirPlainValue() {
            String current = """
                    {"panel": "RNA fusion panel v2", "call": "FUSION_DETECTED", "mappedReads": {"long": 900},
                     "runQcPassed": true, "fusions": [{"fivePrimeGene": "TPM3", "threePrimeGene": "NTRK1",
                       "fivePrimeExon": {"int": 8}, "inFrame": {"boolean": false},
                       "fivePrimeTranscript": {"string": "NM_152263.4"}}]}
                    """;

            List<ResultField> fields = ResultForm.fields(NGS, current);

            assertThat(field(fields, "result.mappedReads").value()).isEqualTo("900");
            assertThat(field(fields, "result.fusions.0.fivePrimeExon").value()).isEqualTo("8");
            assertThat(field(fields, "result.fusions.0.inFrame").value()).isEqualTo("no");
            assertThat(field(fields, "result.fusions.0.fivePrimeTranscript").value()).isEqualTo("NM_152263.4");
        }

        @Test
        void fusionRowsStopGrowingAtTheRowLimitButAReportedFusionIsNeverLeftOut() {
            List<FusionCall> three = List.of(etv6Ntrk3(), fusion("TPM3", "NTRK1"), fusion("LMNA", "NTRK1"));
            assertThat(groups(ResultForm.fields(NGS, ngsResult(three))))
                    .containsExactly("Fusion call 1", "Fusion call 2", "Fusion call 3", "Fusion call 4");

            List<FusionCall> four = new ArrayList<>(three);
            four.add(fusion("QKI", "NTRK2"));
            assertThat(groups(ResultForm.fields(NGS, ngsResult(four))))
                    .containsExactly("Fusion call 1", "Fusion call 2", "Fusion call 3", "Fusion call 4");

            List<FusionCall> five = new ArrayList<>(four);
            five.add(fusion("EML4", "ALK"));
            List<ResultField> fields = ResultForm.fields(NGS, ngsResult(five));
            assertThat(groups(fields)).as("every fusion the instrument reported can be seen and corrected")
                    .containsExactly("Fusion call 1", "Fusion call 2", "Fusion call 3", "Fusion call 4",
                            "Fusion call 5");
            assertThat(field(fields, "result.fusions.4.fivePrimeGene").value()).isEqualTo("EML4");
        }

        private static List<String> groups(List<ResultField> fields) {
            return fields.stream().map(ResultField::group).filter(g -> g != null).distinct().toList();
        }
    }

    @Nested
    class ReadingAValidForm {

        @Test
        void ihcFormReadsAsTheResultReportingTakes() {
            ResultForm.Read read = ResultForm.read(IHC, validIhcForm());

            assertThat(read.problems()).isEmpty();
            assertThat(read.result()).isEqualTo(json("""
                    {"clone": "EPR17341", "percentPositiveTumourCells": 35.0, "intensity": 2,
                     "patterns": ["CYTOPLASMIC", "MEMBRANOUS"], "internalControlOk": true, "call": "POSITIVE"}
                    """));
        }

        @Test
        void spacesAroundWhatWasTypedAreNotKept() {
            ResultForm.Read read = ResultForm.read(IHC, form("result.clone", "  A7H6R ",
                    "result.percentPositiveTumourCells", " 0.5 ", "result.intensity", "\t1 ",
                    "result.internalControlOk", "no", "result.call", "EQUIVOCAL"));

            assertThat(read.problems()).isEmpty();
            assertThat(read.result()).isEqualTo(json("""
                    {"clone": "A7H6R", "percentPositiveTumourCells": 0.5, "intensity": 1, "patterns": [],
                     "internalControlOk": false, "call": "EQUIVOCAL"}
                    """));
        }

        @Test
        void fishWithSeveralProbes() {
            ResultForm.Read read = ResultForm.read(FISH, form("result.probeGene", "NTRK1", "result.nucleiScored", "60",
                    "result.splitSignalPercent", "3", "result.call", "NO_FUSION_DETECTED",
                    "result.probesTested", "NTRK1", "result.probesTested", "NTRK2", "result.probesTested", "NTRK3"));

            assertThat(read.problems()).isEmpty();
            assertThat(read.result()).isEqualTo(json("""
                    {"probeGene": "NTRK1", "nucleiScored": 60, "splitSignalPercent": 3.0, "call": "NO_FUSION_DETECTED",
                     "probesTested": ["NTRK1", "NTRK2", "NTRK3"]}
                    """));
        }

        @Test
        void rtPcrTargetsAreOneALineWhateverTheLineEndingsAndBlankLines() {
            // Browsers send a textarea's line breaks as CR LF.
            ResultForm.Read read = ResultForm.read(PCR, form(
                    "result.targets", "ETV6::NTRK3\r\n  TPM3::NTRK1  \r\n\r\nLMNA::NTRK1\r\n",
                    "result.detectedTargets", "",
                    "result.call", "NO_FUSION_DETECTED"));

            assertThat(read.problems()).isEmpty();
            assertThat(read.result()).isEqualTo(json("""
                    {"targets": ["ETV6::NTRK3", "TPM3::NTRK1", "LMNA::NTRK1"], "detectedTargets": [],
                     "call": "NO_FUSION_DETECTED"}
                    """));
        }

        @Test
        void ngsFusionsAreTheRowsFilledInAndAnUnknownIsNull() {
            // The second row is left empty and the third is used: the empty one is not a fusion.
            ResultForm.Read read = ResultForm.read(NGS, form(
                    "result.panel", "RNA fusion panel v2",
                    "result.call", "FUSION_DETECTED",
                    "result.fusions.0.fivePrimeGene", "ETV6", "result.fusions.0.threePrimeGene", "NTRK3",
                    "result.fusions.0.fivePrimeExon", "5", "result.fusions.0.threePrimeExon", "15",
                    "result.fusions.0.inFrame", "yes", "result.fusions.0.kinaseDomainRetained", "",
                    "result.fusions.0.supportingReads", "412",
                    "result.fusions.1.fivePrimeGene", "", "result.fusions.1.inFrame", "",
                    "result.fusions.2.fivePrimeGene", "TPM3", "result.fusions.2.threePrimeGene", "NTRK1",
                    "result.fusions.2.inFrame", "no",
                    "result.mappedReads", "5000000000",
                    "result.runQcPassed", "yes"));

            assertThat(read.problems()).isEmpty();
            assertThat(read.result()).isEqualTo(json("""
                    {"panel": "RNA fusion panel v2", "call": "FUSION_DETECTED",
                     "fusions": [
                       {"fivePrimeGene": "ETV6", "threePrimeGene": "NTRK3", "fivePrimeExon": 5, "threePrimeExon": 15,
                        "fivePrimeTranscript": null, "threePrimeTranscript": null, "inFrame": true,
                        "kinaseDomainRetained": null, "supportingReads": 412, "uniqueMolecules": null,
                        "variantAllelePercent": null},
                       {"fivePrimeGene": "TPM3", "threePrimeGene": "NTRK1", "fivePrimeExon": null,
                        "threePrimeExon": null, "fivePrimeTranscript": null, "threePrimeTranscript": null,
                        "inFrame": false, "kinaseDomainRetained": null, "supportingReads": null,
                        "uniqueMolecules": null, "variantAllelePercent": null}],
                     "mappedReads": 5000000000, "runQcPassed": true}
                    """));
        }

        @Test
        void aNegativeNgsResultWithTheBlankRowUntouchedHasNoFusions() {
            ResultForm.Read read = ResultForm.read(NGS, form("result.panel", "DNA panel",
                    "result.call", "NO_FUSION_DETECTED", "result.fusions.0.fivePrimeGene", "  ",
                    "result.fusions.0.threePrimeGene", "", "result.mappedReads", "", "result.runQcPassed", "yes"));

            assertThat(read.problems()).isEmpty();
            assertThat(read.result()).isEqualTo(json("""
                    {"panel": "DNA panel", "call": "NO_FUSION_DETECTED", "fusions": [], "mappedReads": null,
                     "runQcPassed": true}
                    """));
        }

        @Test
        void cfDnaAlleleFractionAndTheNonInformativeFlag() {
            ResultForm.Read read = ResultForm.read(CFDNA, form("result.panel", "Plasma fusion panel",
                    "result.call", "FUSION_DETECTED",
                    "result.fusions.0.fivePrimeGene", "ETV6", "result.fusions.0.threePrimeGene", "NTRK3",
                    "result.fusions.0.uniqueMolecules", "7", "result.fusions.0.variantAllelePercent", "0.8",
                    "result.cfDnaInputNg", "", "result.notDetectedIsNonInformative", "yes"));

            assertThat(read.problems()).isEmpty();
            assertThat(read.result()).isEqualTo(json("""
                    {"panel": "Plasma fusion panel", "call": "FUSION_DETECTED",
                     "fusions": [{"fivePrimeGene": "ETV6", "threePrimeGene": "NTRK3", "fivePrimeExon": null,
                        "threePrimeExon": null, "fivePrimeTranscript": null, "threePrimeTranscript": null,
                        "inFrame": null, "kinaseDomainRetained": null, "supportingReads": null, "uniqueMolecules": 7,
                        "variantAllelePercent": 0.8}],
                     "cfDnaInputNg": null, "notDetectedIsNonInformative": true}
                    """));
        }

        @Test
        void aLongCountBeyondTheRangeOfAnIntIsKeptExactly() {
            ResultForm.Read read = ResultForm.read(NGS, form("result.panel", "p", "result.call", "FAILED",
                    "result.mappedReads", "9223372036854775807", "result.runQcPassed", "no"));

            assertThat(read.problems()).isEmpty();
            assertThat(read.result().get("mappedReads").isIntegralNumber()).isTrue();
            assertThat(read.result().get("mappedReads").asLong()).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Nested
    class AnUnchangedFormSendsBackTheResultAsReported {

        @Test
        void ihc() {
            ResultForm.Read read = ResultForm.read(IHC, unchanged(ResultForm.fields(IHC, IHC_RESULT)));

            assertThat(read.problems()).isEmpty();
            assertThat(read.result()).isEqualTo(json(IHC_RESULT));
        }

        @Test
        void fish() {
            String current = FishResult.newBuilder().setProbeGene(NtrkGene.NTRK2).setNucleiScored(50)
                    .setSplitSignalPercent(18.0).setCall(MolecularCall.EQUIVOCAL)
                    .setProbesTested(List.of(NtrkGene.NTRK2)).build().toString();

            ResultForm.Read read = ResultForm.read(FISH, unchanged(ResultForm.fields(FISH, current)));

            assertThat(read.problems()).isEmpty();
            assertThat(read.result()).isEqualTo(json(current));
        }

        @Test
        void rtPcr() {
            String current = RtPcrResult.newBuilder().setTargets(List.of("ETV6::NTRK3", "TPM3::NTRK1"))
                    .setDetectedTargets(List.of("TPM3::NTRK1")).setCall(MolecularCall.FUSION_DETECTED).build()
                    .toString();

            ResultForm.Read read = ResultForm.read(PCR, unchanged(ResultForm.fields(PCR, current)));

            assertThat(read.problems()).isEmpty();
            assertThat(read.result()).isEqualTo(json(current));
        }

        @Test
        void cfDna() {
            String current = CfDnaResult.newBuilder().setPanel("Plasma fusion panel")
                    .setCall(MolecularCall.FUSION_DETECTED)
                    .setFusions(List.of(FusionCall.newBuilder(etv6Ntrk3()).setVariantAllelePercent(1.25).build()))
                    .setCfDnaInputNg(30.0).build().toString();

            ResultForm.Read read = ResultForm.read(CFDNA, unchanged(ResultForm.fields(CFDNA, current)));

            assertThat(read.problems()).isEmpty();
            assertThat(read.result()).isEqualTo(json(current));
        }

        @Test
        void ngsWithAsManyFusionsAsTheInstrumentReported() {
            for (int count : new int[] {0, 1, 4, 5, 7}) {
                List<FusionCall> fusions = IntStream.range(0, count)
                        .mapToObj(i -> FusionCall.newBuilder(etv6Ntrk3()).setSupportingReads(100 + i).build())
                        .toList();
                // mappedReads is a long: kept beyond an int's range so that the JSON compares number for number.
                String current = NgsResult.newBuilder().setPanel("RNA fusion panel v2")
                        .setCall(count == 0 ? MolecularCall.NO_FUSION_DETECTED : MolecularCall.FUSION_DETECTED)
                        .setFusions(fusions).setMappedReads(6_000_000_000L).setRunQcPassed(true).build().toString();

                ResultForm.Read read = ResultForm.read(NGS, unchanged(ResultForm.fields(NGS, current)));

                assertThat(read.problems()).as("%d fusions", count).isEmpty();
                assertThat(read.result()).as("%d fusions: none dropped, none changed", count)
                        .isEqualTo(json(current));
            }
        }

        @Test
        void aFusionAddedInTheBlankRowIsAddedToThoseReported() {
            List<ResultField> fields = ResultForm.fields(NGS, ngsResult(List.of(etv6Ntrk3())));
            Map<String, List<String>> form = unchanged(fields);
            form.put("result.fusions.1.fivePrimeGene", List.of("TPM3"));
            form.put("result.fusions.1.threePrimeGene", List.of("NTRK1"));

            ResultForm.Read read = ResultForm.read(NGS, form);

            assertThat(read.problems()).isEmpty();
            assertThat(read.result().get("fusions").size()).isEqualTo(2);
            assertThat(read.result().get("fusions").get(0).get("fivePrimeGene").asString()).isEqualTo("ETV6");
            assertThat(read.result().get("fusions").get(1).get("fivePrimeGene").asString()).isEqualTo("TPM3");
            assertThat(read.result().get("fusions").get(1).get("threePrimeGene").asString()).isEqualTo("NTRK1");
        }
    }

    @Nested
    class Problems {

        private ResultForm.Read ihcWith(String name, String... values) {
            Map<String, List<String>> form = validIhcForm();
            form.put(name, List.of(values));
            return ResultForm.read(IHC, form);
        }

        @ParameterizedTest
        @ValueSource(strings = {"strong", "2.5", "2,0", "two", "2+", "0x2"})
        void aWholeNumberThatIsNot(String typed) {
            ResultForm.Read read = ihcWith("result.intensity", typed);

            assertThat(read.problems()).containsExactly("Intensity must be a whole number");
            assertThat(read.result()).as("nothing is sent").isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"35%", "thirty", "35,5", "~35", "35 40"})
        void aNumberThatIsNot(String typed) {
            ResultForm.Read read = ihcWith("result.percentPositiveTumourCells", typed);

            assertThat(read.problems()).containsExactly("Percent positive tumour cells must be a number");
            assertThat(read.result()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e400", "-1e309"})
        void aNumberThatIsNotFiniteIsRefused(String typed) {
            ResultForm.Read read = ihcWith("result.percentPositiveTumourCells", typed);

            assertThat(read.problems()).containsExactly("Percent positive tumour cells must be a number");
            assertThat(read.result()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"2147483648", "99999999999", "-2147483649"})
        void aWholeNumberTooLargeToStoreIsRefusedNotWrappedAround(String typed) {
            ResultForm.Read read = ihcWith("result.intensity", typed);

            assertThat(read.problems()).singleElement(InstanceOfAssertFactories.STRING)
                    .startsWith("Intensity must be a whole number");
            assertThat(read.result()).isNull();
        }

        @Test
        void aLongCountTooLargeToStoreIsRefused() {
            ResultForm.Read read = ResultForm.read(NGS, form("result.panel", "p", "result.call", "FAILED",
                    "result.mappedReads", "9223372036854775808", "result.runQcPassed", "no"));

            assertThat(read.problems()).singleElement(InstanceOfAssertFactories.STRING)
                    .startsWith("Mapped reads must be a whole number");
            assertThat(read.result()).isNull();
        }

        @Test
        void requiredValuesLeftOutAreEachNamed() {
            ResultForm.Read read = ResultForm.read(IHC, form("result.clone", "   ", "result.intensity", "",
                    "result.patterns", "NUCLEAR"));

            assertThat(read.problems()).containsExactly("Clone is required",
                    "Percent positive tumour cells is required", "Intensity is required",
                    "Internal control ok is required", "Call is required");
            assertThat(read.result()).isNull();
        }

        @Test
        void optionalValuesMayBeLeftOut() {
            ResultForm.Read read = ResultForm.read(IHC, form("result.clone", "EPR17341",
                    "result.percentPositiveTumourCells", "0", "result.intensity", "0",
                    "result.internalControlOk", "yes", "result.call", "NEGATIVE"));

            assertThat(read.problems()).isEmpty();
            assertThat(read.result().get("patterns")).as("no pattern ticked").isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"STRONGLY_POSITIVE", "positive", "Positive", "POSITIVE;NEGATIVE"})
        void aCallThatIsNotOneOfTheChoices(String sent) {
            ResultForm.Read read = ihcWith("result.call", sent);

            assertThat(read.problems())
                    .containsExactly("Call must be one of POSITIVE, NEGATIVE, EQUIVOCAL, NON_EVALUABLE");
            assertThat(read.result()).isNull();
        }

        @Test
        void aTickedPatternThatIsNotOneOfTheChoices() {
            ResultForm.Read read = ihcWith("result.patterns", "NUCLEAR", "GRANULAR");

            assertThat(read.problems())
                    .containsExactly("Patterns must be one of CYTOPLASMIC, NUCLEAR, MEMBRANOUS, PERINUCLEAR");
            assertThat(read.result()).isNull();
        }

        @Test
        void aProbeTheLabDoesNotHave() {
            ResultForm.Read read = ResultForm.read(FISH, form("result.probeGene", "NTRK4", "result.nucleiScored", "60",
                    "result.splitSignalPercent", "3", "result.call", "NO_FUSION_DETECTED",
                    "result.probesTested", "ALK"));

            assertThat(read.problems()).containsExactly("Probe gene must be one of NTRK1, NTRK2, NTRK3",
                    "Probes tested must be one of NTRK1, NTRK2, NTRK3");
            assertThat(read.result()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"true", "YES", "y", "1", "maybe"})
        void aFlagThatIsNotYesOrNo(String sent) {
            ResultForm.Read read = ihcWith("result.internalControlOk", sent);

            assertThat(read.problems()).containsExactly("Internal control ok must be yes or no");
            assertThat(read.result()).isNull();
        }

        @Test
        void aFusionRowIsNamedByItsNumberAsTheFormShowsIt() {
            ResultForm.Read read = ResultForm.read(NGS, form("result.panel", "RNA fusion panel v2",
                    "result.call", "FUSION_DETECTED",
                    "result.fusions.0.fivePrimeGene", "ETV6", "result.fusions.0.threePrimeGene", "NTRK3",
                    "result.fusions.0.fivePrimeExon", "exon 5", "result.fusions.0.variantAllelePercent", "1.2.3",
                    "result.fusions.1.threePrimeGene", "NTRK1", "result.fusions.1.inFrame", "perhaps",
                    "result.runQcPassed", "yes"));

            assertThat(read.problems()).containsExactly(
                    "Fusion call 1: Five prime exon must be a whole number",
                    "Fusion call 1: Variant allele percent must be a number",
                    "Fusion call 2: Five prime gene is required",
                    "Fusion call 2: In frame must be yes or no");
            assertThat(read.result()).isNull();
        }

        @Test
        void aBegunFusionRowMustNameBothGenes() {
            ResultForm.Read read = ResultForm.read(NGS, form("result.panel", "p", "result.call", "FUSION_DETECTED",
                    "result.fusions.0.supportingReads", "40", "result.runQcPassed", "yes"));

            assertThat(read.problems()).containsExactly("Fusion call 1: Five prime gene is required",
                    "Fusion call 1: Three prime gene is required");
            assertThat(read.result()).isNull();
        }

        @Test
        void everyProblemIsListedAtOnce() {
            ResultForm.Read read = ResultForm.read(IHC, form("result.clone", "", "result.percentPositiveTumourCells",
                    "lots", "result.intensity", "3.5", "result.internalControlOk", "ok", "result.call", "POS"));

            assertThat(read.problems()).hasSize(5);
            assertThat(read.result()).isNull();
        }

        @Test
        void eachProblemStartsWithTheControlsLabelAsTheFormShowsIt() {
            for (Schema schema : List.of(IHC, FISH, PCR, NGS, CFDNA)) {
                List<ResultField> fields = ResultForm.fields(schema, null);
                // Put something unreadable in every control that is not free text.
                Map<String, List<String>> form = new LinkedHashMap<>();
                for (ResultField f : fields) {
                    form.put(f.name(), List.of("text".equals(f.control()) || "lines".equals(f.control()) ? "X"
                            : "??"));
                }

                ResultForm.Read read = ResultForm.read(schema, form);

                List<String> shownLabels = fields.stream()
                        .filter(f -> !"text".equals(f.control()) && !"lines".equals(f.control()))
                        .map(f -> f.group() == null ? f.label() : f.group() + ": " + f.label()).toList();
                assertThat(read.problems()).as(schema.getName()).hasSameSizeAs(shownLabels);
                for (int i = 0; i < shownLabels.size(); i++) {
                    assertThat(read.problems().get(i)).as(schema.getName()).startsWith(shownLabels.get(i) + " must ");
                }
                assertThat(read.result()).isNull();
            }
        }
    }
}
