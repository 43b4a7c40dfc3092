package org.ntrklab.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.ntrklab.events.AssayInterpretation.EQUIVOCAL;
import static org.ntrklab.events.AssayInterpretation.FAILED;
import static org.ntrklab.events.AssayInterpretation.NEGATIVE;
import static org.ntrklab.events.AssayInterpretation.NON_EVALUABLE;
import static org.ntrklab.events.AssayInterpretation.POSITIVE;
import static org.ntrklab.events.AssayType.CFDNA_NGS;
import static org.ntrklab.events.AssayType.DNA_NGS;
import static org.ntrklab.events.AssayType.NTRK_FISH;
import static org.ntrklab.events.AssayType.PAN_TRK_IHC;
import static org.ntrklab.events.AssayType.RNA_NGS;
import static org.ntrklab.events.AssayType.RT_PCR;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntrklab.events.AmpTier;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayState;
import org.ntrklab.reporting.report.ReportBody.QcLimitationLine;
import org.ntrklab.events.TumourTypeRoute;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.QcMetric;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.CfDnaResult;
import org.ntrklab.events.ClinicalSuspicion;
import org.ntrklab.events.FishResult;
import org.ntrklab.events.FusionCall;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.IhcStainingPattern;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.Recommendation;
import org.ntrklab.events.RtPcrResult;
import org.ntrklab.events.SpecimenType;
import org.ntrklab.reporting.report.ReportBody.AssayLine;
import org.ntrklab.reporting.report.ReportBody.FusionLine;

/**
 * The interpretation rules of docs/clinical-rules.md, one rule at a time: overall call, HGNC fusion names,
 * AMP/ASCO/CAP tiers, the IHC/molecular concordance statement and the limitations of each method. Expected values
 * come from that page and the publications it cites; identifiers are synthetic pseudonyms.
 */
class ReportInterpreterTest {

    static final CaseFacts FACTS = new CaseFacts("ORD-0001", "SP-0001", "PT-0001", "LUAD", "Lung Adenocarcinoma",
            SpecimenType.FFPE_BLOCK, ClinicalSuspicion.STANDARD);

    static final String IHC_NTRK3_LIMITATION = "A negative pan-TRK IHC does not exclude an NTRK3 fusion";

    private final ReportInterpreter interpreter = new ReportInterpreter();

    // ---- orders as reporting holds them -------------------------------------------------------

    static FusionCall fusion(String fivePrime, Integer fivePrimeExon, String threePrime, Integer threePrimeExon,
            Boolean inFrame, Boolean kinaseRetained) {
        return FusionCall.newBuilder().setFivePrimeGene(fivePrime).setThreePrimeGene(threePrime)
                .setFivePrimeExon(fivePrimeExon).setThreePrimeExon(threePrimeExon).setInFrame(inFrame)
                .setKinaseDomainRetained(kinaseRetained).setSupportingReads(214).build();
    }

    /** The classic secretory-carcinoma fusion, in frame with the NTRK3 kinase domain kept. */
    static FusionCall etv6Ntrk3() {
        return fusion("ETV6", 5, "NTRK3", 15, true, true);
    }

    static FusionCall tpm3Ntrk1() {
        return fusion("TPM3", 7, "NTRK1", 10, true, true);
    }

    static MolecularCall molecularCall(AssayInterpretation interpretation) {
        switch (interpretation) {
            case POSITIVE:
                return MolecularCall.FUSION_DETECTED;
            case NEGATIVE:
                return MolecularCall.NO_FUSION_DETECTED;
            case EQUIVOCAL:
                return MolecularCall.EQUIVOCAL;
            default:
                return MolecularCall.FAILED;
        }
    }

    static OrderRecord resulted(String orderId, AssayType assay, AssayInterpretation interpretation, Object details) {
        Finding finding = Finding.of(details);
        return new OrderRecord(orderId, assay, AssayState.RESULTED, interpretation, interpretation, finding, null, null,
                finding);
    }

    static OrderRecord ihc(String orderId, AssayInterpretation interpretation) {
        IhcCall call = IhcCall.valueOf(interpretation.name());
        boolean stains = interpretation == POSITIVE || interpretation == EQUIVOCAL;
        return resulted(orderId, PAN_TRK_IHC, interpretation, IhcResult.newBuilder().setClone("EPR17341")
                .setPercentPositiveTumourCells(stains ? 60.0 : 0.0).setIntensity(stains ? 2 : 0)
                .setPatterns(stains ? List.of(IhcStainingPattern.CYTOPLASMIC) : List.of())
                .setInternalControlOk(interpretation != NON_EVALUABLE).setCall(call).build());
    }

    static NgsResult ngs(String panel, AssayInterpretation interpretation, FusionCall... fusions) {
        return NgsResult.newBuilder().setPanel(panel).setCall(molecularCall(interpretation))
                .setFusions(Arrays.asList(fusions)).setMappedReads(4_800_000L)
                .setRunQcPassed(interpretation != FAILED).build();
    }

    static OrderRecord rna(String orderId, AssayInterpretation interpretation, FusionCall... fusions) {
        return resulted(orderId, RNA_NGS, interpretation, ngs("RNA fusion panel", interpretation, fusions));
    }

    static OrderRecord dna(String orderId, AssayInterpretation interpretation, FusionCall... fusions) {
        return resulted(orderId, DNA_NGS, interpretation, ngs("DNA hybrid-capture panel", interpretation, fusions));
    }

    static OrderRecord cfDna(String orderId, AssayInterpretation interpretation, FusionCall... fusions) {
        return resulted(orderId, CFDNA_NGS, interpretation, CfDnaResult.newBuilder().setPanel("cfDNA panel")
                .setCall(molecularCall(interpretation)).setFusions(Arrays.asList(fusions)).setCfDnaInputNg(30.0)
                .build());
    }

    static OrderRecord fish(String orderId, NtrkGene probe, AssayInterpretation interpretation) {
        return resulted(orderId, NTRK_FISH, interpretation, FishResult.newBuilder().setProbeGene(probe)
                .setNucleiScored(100).setSplitSignalPercent(interpretation == POSITIVE ? 38.0 : 4.0)
                .setCall(molecularCall(interpretation)).build());
    }

    static OrderRecord pcr(String orderId, AssayInterpretation interpretation, List<String> targets,
            List<String> detected) {
        return resulted(orderId, RT_PCR, interpretation, RtPcrResult.newBuilder().setTargets(targets)
                .setDetectedTargets(detected).setCall(molecularCall(interpretation)).build());
    }

    static final List<String> PCR_TARGETS = List.of("ETV6::NTRK3", "TPM3::NTRK1", "LMNA::NTRK1");

    static OrderRecord runFailed(String orderId, AssayType assay, String reason) {
        return new OrderRecord(orderId, assay, AssayState.RUN_FAILED, null, null, null, reason, null, null);
    }

    static OrderRecord blocked(String orderId, AssayType assay) {
        return new OrderRecord(orderId, assay, AssayState.BLOCKED_QC, null, null, null, "QC_FAIL", null, null);
    }

    static OrderRecord cancelled(String orderId, AssayType assay) {
        return new OrderRecord(orderId, assay, AssayState.CANCELLED, null, null, null, null, null, null);
    }

    /** A positive order of each molecular method, each finding ETV6::NTRK3 (FISH: an NTRK3 rearrangement). */
    static OrderRecord positiveBy(AssayType assay) {
        switch (assay) {
            case RNA_NGS:
                return rna("ORD-M1", POSITIVE, etv6Ntrk3());
            case DNA_NGS:
                return dna("ORD-M1", POSITIVE, etv6Ntrk3());
            case CFDNA_NGS:
                return cfDna("ORD-M1", POSITIVE, etv6Ntrk3());
            case RT_PCR:
                return pcr("ORD-M1", POSITIVE, PCR_TARGETS, List.of("ETV6::NTRK3"));
            case NTRK_FISH:
                return fish("ORD-M1", NtrkGene.NTRK3, POSITIVE);
            default:
                throw new IllegalArgumentException(assay + " is not a molecular method");
        }
    }

    /** A negative order of each tissue molecular method. */
    static OrderRecord negativeBy(AssayType assay) {
        switch (assay) {
            case RNA_NGS:
                return rna("ORD-M1", NEGATIVE);
            case DNA_NGS:
                return dna("ORD-M1", NEGATIVE);
            case CFDNA_NGS:
                return cfDna("ORD-M1", NEGATIVE);
            case RT_PCR:
                return pcr("ORD-M1", NEGATIVE, PCR_TARGETS, List.of());
            case NTRK_FISH:
                return fish("ORD-M1", NtrkGene.NTRK3, NEGATIVE);
            default:
                throw new IllegalArgumentException(assay + " is not a molecular method");
        }
    }

    static OrderRecord equivocalBy(AssayType assay) {
        switch (assay) {
            case RNA_NGS:
                return rna("ORD-M1", EQUIVOCAL);
            case DNA_NGS:
                return dna("ORD-M1", EQUIVOCAL);
            case CFDNA_NGS:
                return cfDna("ORD-M1", EQUIVOCAL);
            case RT_PCR:
                return pcr("ORD-M1", EQUIVOCAL, PCR_TARGETS, List.of());
            case NTRK_FISH:
                return fish("ORD-M1", NtrkGene.NTRK3, EQUIVOCAL);
            default:
                throw new IllegalArgumentException(assay + " is not a molecular method");
        }
    }

    private ReportBody interpret(OrderRecord... orders) {
        return interpreter.interpret(FACTS, List.of(orders), List.of());
    }

    private static FusionLine onlyFusion(ReportBody body) {
        assertThat(body.fusions()).hasSize(1);
        return body.fusions().get(0);
    }

    // ---- overall call ---------------------------------------------------------------------------

    @Nested
    @DisplayName("POSITIVE: an NTRK fusion detected by a molecular method (docs/clinical-rules.md; ESMO 2019, Marchio et al., Ann Oncol 30:1417)")
    class Positive {

        @ParameterizedTest(name = "{0} positive -> POSITIVE")
        @EnumSource(value = AssayType.class, names = {"PAN_TRK_IHC"}, mode = EnumSource.Mode.EXCLUDE)
        @DisplayName("Every molecular method that finds an NTRK fusion makes the case POSITIVE (ESMO 2019)")
        void molecularPositiveIsPositive(AssayType method) {
            ReportBody body = interpret(positiveBy(method));

            assertThat(body.overallCall()).isEqualTo(OverallCall.POSITIVE);
            FusionLine f = onlyFusion(body);
            assertThat(f.ntrkGene()).isEqualTo(NtrkGene.NTRK3);
            assertThat(f.detectedBy()).isEqualTo(method);
        }

        @Test
        @DisplayName("A positive cfDNA result is positive: detection in plasma is informative (ESMO ctDNA recommendations 2022)")
        void cfDnaPositiveIsPositiveEvenWithTissueNegative() {
            ReportBody body = interpret(rna("ORD-R1", NEGATIVE), cfDna("ORD-C1", POSITIVE, etv6Ntrk3()));

            assertThat(body.overallCall()).isEqualTo(OverallCall.POSITIVE);
            assertThat(onlyFusion(body).hgncName()).isEqualTo("ETV6::NTRK3");
        }

        @Test
        @DisplayName("Pan-TRK IHC positive alone is not POSITIVE: IHC shows expression, not a fusion (ESMO 2019)")
        void ihcPositiveAloneIsNotPositive() {
            ReportBody body = interpret(ihc("ORD-I1", POSITIVE));

            assertThat(body.overallCall()).isNotEqualTo(OverallCall.POSITIVE);
            assertThat(body.fusions()).isEmpty();
        }

        @Test
        @DisplayName("The report carries the order, specimen, pseudonymous patient and tumour type it was written for")
        void identifiersCarried() {
            ReportBody body = interpret(positiveBy(RNA_NGS));

            assertThat(body.orderId()).isEqualTo("ORD-0001");
            assertThat(body.specimenId()).isEqualTo("SP-0001");
            assertThat(body.patientRef()).isEqualTo("PT-0001");
            assertThat(body.tumourCode()).isEqualTo("LUAD");
            assertThat(body.tumourText()).isEqualTo("Lung Adenocarcinoma");
        }
    }

    @Nested
    @DisplayName("Fusion naming (HGNC fusion nomenclature, Bruford et al., Leukemia 2021; docs/clinical-rules.md#tiers)")
    class HgncNaming {

        @Test
        @DisplayName("ETV6::NTRK3 with exons: 'ETV6 exon 5 :: NTRK3 exon 15', every partner detail carried")
        void etv6Ntrk3WithExons() {
            FusionLine f = onlyFusion(interpret(rna("ORD-R1", POSITIVE, etv6Ntrk3())));

            assertThat(f.hgncName()).isEqualTo("ETV6::NTRK3");
            assertThat(f.description()).isEqualTo("ETV6 exon 5 :: NTRK3 exon 15");
            assertThat(f.ntrkGene()).isEqualTo(NtrkGene.NTRK3);
            assertThat(f.fivePrimeGene()).isEqualTo("ETV6");
            assertThat(f.threePrimeGene()).isEqualTo("NTRK3");
            assertThat(f.fivePrimeExon()).isEqualTo(5);
            assertThat(f.threePrimeExon()).isEqualTo(15);
            assertThat(f.inFrame()).isTrue();
            assertThat(f.kinaseDomainRetained()).isTrue();
            assertThat(f.detectedBy()).isEqualTo(RNA_NGS);
        }

        @Test
        @DisplayName("The 5' partner is named first: TPM3::NTRK1, 'TPM3 exon 7 :: NTRK1 exon 10'")
        void fivePrimePartnerFirst() {
            FusionLine f = onlyFusion(interpret(rna("ORD-R1", POSITIVE, tpm3Ntrk1())));

            assertThat(f.hgncName()).isEqualTo("TPM3::NTRK1");
            assertThat(f.description()).isEqualTo("TPM3 exon 7 :: NTRK1 exon 10");
            assertThat(f.ntrkGene()).isEqualTo(NtrkGene.NTRK1);
        }

        @Test
        @DisplayName("NTRK as the 5' partner is still named 5' first: NTRK3::ETV6, NTRK gene NTRK3")
        void ntrkFivePrimeNamedFirst() {
            FusionLine f = onlyFusion(interpret(rna("ORD-R1", POSITIVE, fusion("NTRK3", 14, "ETV6", 6, true, false))));

            assertThat(f.hgncName()).isEqualTo("NTRK3::ETV6");
            assertThat(f.description()).isEqualTo("NTRK3 exon 14 :: ETV6 exon 6");
            assertThat(f.ntrkGene()).isEqualTo(NtrkGene.NTRK3);
            assertThat(f.fivePrimeGene()).isEqualTo("NTRK3");
        }

        @Test
        @DisplayName("Missing exons are left out of the description, side by side: 'ETV6 :: NTRK3 exon 15', 'ETV6 exon 5 :: NTRK3', 'ETV6 :: NTRK3'")
        void missingExons() {
            assertThat(onlyFusion(interpret(rna("ORD-R1", POSITIVE, fusion("ETV6", null, "NTRK3", 15, true, true))))
                    .description()).isEqualTo("ETV6 :: NTRK3 exon 15");
            assertThat(onlyFusion(interpret(rna("ORD-R1", POSITIVE, fusion("ETV6", 5, "NTRK3", null, true, true))))
                    .description()).isEqualTo("ETV6 exon 5 :: NTRK3");
            FusionLine neither = onlyFusion(interpret(rna("ORD-R1", POSITIVE,
                    fusion("ETV6", null, "NTRK3", null, true, true))));
            assertThat(neither.description()).isEqualTo("ETV6 :: NTRK3");
            assertThat(neither.hgncName()).isEqualTo("ETV6::NTRK3");
            assertThat(neither.fivePrimeExon()).isNull();
            assertThat(neither.threePrimeExon()).isNull();
        }

        @Test
        @DisplayName("A fusion not involving NTRK1/2/3 (EML4::ALK) called on the same panel is not reported")
        void nonNtrkFusionNotReported() {
            ReportBody body = interpret(rna("ORD-R1", POSITIVE, fusion("EML4", 13, "ALK", 20, true, true),
                    etv6Ntrk3()));

            assertThat(body.fusions()).extracting(FusionLine::hgncName).containsExactly("ETV6::NTRK3");
        }

        @Test
        @DisplayName("The same fusion found by DNA-NGS and RNA-NGS is reported once, named by RNA-NGS (listed second)")
        void sameFusionTwoMethodsOnceRnaNames() {
            ReportBody body = interpret(dna("ORD-D1", POSITIVE, fusion("ETV6", null, "NTRK3", null, null, null)),
                    rna("ORD-R1", POSITIVE, etv6Ntrk3()));

            FusionLine f = onlyFusion(body);
            assertThat(f.detectedBy()).isEqualTo(RNA_NGS);
            assertThat(f.description()).isEqualTo("ETV6 exon 5 :: NTRK3 exon 15");
            assertThat(f.tier()).isEqualTo(AmpTier.TIER_I_LEVEL_A);
        }

        @Test
        @DisplayName("The same fusion found by RT-PCR and RNA-NGS is reported once, named by RNA-NGS")
        void sameFusionPcrAndRnaOnce() {
            ReportBody body = interpret(pcr("ORD-P1", POSITIVE, PCR_TARGETS, List.of("ETV6::NTRK3")),
                    rna("ORD-R1", POSITIVE, etv6Ntrk3()));

            FusionLine f = onlyFusion(body);
            assertThat(f.detectedBy()).isEqualTo(RNA_NGS);
            assertThat(f.description()).isEqualTo("ETV6 exon 5 :: NTRK3 exon 15");
        }

        @Test
        @DisplayName("An NTRK3 FISH rearrangement and an ETV6::NTRK3 by RNA-NGS are one fusion, named by RNA-NGS")
        void fishAndRnaSameGeneOnce() {
            ReportBody body = interpret(fish("ORD-F1", NtrkGene.NTRK3, POSITIVE), rna("ORD-R1", POSITIVE, etv6Ntrk3()));

            FusionLine f = onlyFusion(body);
            assertThat(f.hgncName()).isEqualTo("ETV6::NTRK3");
            assertThat(f.detectedBy()).isEqualTo(RNA_NGS);
        }

        @Test
        @DisplayName("Two different NTRK fusions are both reported")
        void twoDifferentFusionsBothReported() {
            ReportBody body = interpret(rna("ORD-R1", POSITIVE, etv6Ntrk3(), tpm3Ntrk1()));

            assertThat(body.fusions()).extracting(FusionLine::hgncName)
                    .containsExactlyInAnyOrder("ETV6::NTRK3", "TPM3::NTRK1");
        }

        @Test
        @DisplayName("A POSITIVE whose NTRK symbol arrives in lower case or padded (accepted as NTRK by result normalisation) still names its fusion the HGNC way [D]")
        void symbolSpellingStillNamed() {
            ReportBody body = interpret(rna("ORD-R1", POSITIVE, fusion("ETV6", 5, " ntrk3", 15, true, true)));

            assertThat(body.overallCall()).isEqualTo(OverallCall.POSITIVE);
            FusionLine f = onlyFusion(body);
            assertThat(f.hgncName()).isEqualTo("ETV6::NTRK3");
            assertThat(f.ntrkGene()).isEqualTo(NtrkGene.NTRK3);
        }

        @Test
        @DisplayName("RT-PCR names the detected target the HGNC way, no exons: 'ETV6::NTRK3', 'ETV6 :: NTRK3'")
        void rtPcrTargetNamed() {
            FusionLine f = onlyFusion(interpret(pcr("ORD-P1", POSITIVE, PCR_TARGETS, List.of("ETV6::NTRK3"))));

            assertThat(f.hgncName()).isEqualTo("ETV6::NTRK3");
            assertThat(f.description()).isEqualTo("ETV6 :: NTRK3");
            assertThat(f.fivePrimeGene()).isEqualTo("ETV6");
            assertThat(f.threePrimeGene()).isEqualTo("NTRK3");
            assertThat(f.ntrkGene()).isEqualTo(NtrkGene.NTRK3);
            assertThat(f.detectedBy()).isEqualTo(RT_PCR);
        }
    }

    @Nested
    @DisplayName("FISH positive: rearrangement without partner (docs/clinical-rules.md#tiers; ESMO 2019)")
    class FishPositive {

        @ParameterizedTest(name = "{0} probe")
        @EnumSource(NtrkGene.class)
        @DisplayName("FISH positive -> '<gene> rearrangement detected; partner not identified', no partner, no tier")
        void fishPositiveLine(NtrkGene probe) {
            ReportBody body = interpret(fish("ORD-F1", probe, POSITIVE));

            assertThat(body.overallCall()).isEqualTo(OverallCall.POSITIVE);
            FusionLine f = onlyFusion(body);
            assertThat(f.hgncName()).isEqualTo(probe.name());
            assertThat(f.description()).isEqualTo(probe.name() + " rearrangement detected; partner not identified");
            assertThat(f.ntrkGene()).isEqualTo(probe);
            assertThat(f.fivePrimeGene()).isNull();
            assertThat(f.threePrimeGene()).isNull();
            assertThat(f.fivePrimeExon()).isNull();
            assertThat(f.threePrimeExon()).isNull();
            assertThat(f.inFrame()).isNull();
            assertThat(f.kinaseDomainRetained()).isNull();
            assertThat(f.tier()).isNull();
            assertThat(f.detectedBy()).isEqualTo(NTRK_FISH);
        }

        @Test
        @DisplayName("FISH positive carries the limitation that break-apart FISH gives no partner")
        void fishPositiveLimitation() {
            ReportBody body = interpret(fish("ORD-F1", NtrkGene.NTRK3, POSITIVE));

            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).containsIgnoringCase("FISH")
                    .containsIgnoringCase("partner"));
        }
    }

    // ---- tiers ----------------------------------------------------------------------------------

    static Stream<Arguments> tiers() {
        return Stream.of(
                Arguments.of("in frame, NTRK 3', kinase kept", fusion("ETV6", 5, "NTRK3", 15, true, true),
                        AmpTier.TIER_I_LEVEL_A),
                Arguments.of("in frame, NTRK1 3', kinase kept", fusion("TPM3", 7, "NTRK1", 10, true, true),
                        AmpTier.TIER_I_LEVEL_A),
                Arguments.of("NTRK as 5' partner", fusion("NTRK3", 14, "ETV6", 6, true, true), AmpTier.TIER_III),
                Arguments.of("NTRK as 5' partner, frame unknown", fusion("NTRK1", 9, "TPM3", 8, null, null),
                        AmpTier.TIER_III),
                Arguments.of("kinase domain lost", fusion("ETV6", 5, "NTRK3", 12, true, false), AmpTier.TIER_III),
                Arguments.of("out of frame", fusion("ETV6", 5, "NTRK3", 15, false, true), AmpTier.TIER_III),
                Arguments.of("out of frame and kinase lost", fusion("ETV6", 5, "NTRK3", 15, false, false),
                        AmpTier.TIER_III));
    }

    static Stream<Arguments> untiered() {
        return Stream.of(
                Arguments.of("frame unknown", fusion("ETV6", 5, "NTRK3", 15, null, true)),
                Arguments.of("kinase domain unknown", fusion("ETV6", 5, "NTRK3", 15, true, null)),
                Arguments.of("both unknown", fusion("ETV6", 5, "NTRK3", 15, null, null)));
    }

    @Nested
    @DisplayName("AMP/ASCO/CAP tier (AMP/ASCO/CAP 2017, Li et al., J Mol Diagn 19:4; docs/clinical-rules.md#tiers [D])")
    class Tier {

        @ParameterizedTest(name = "{0} -> {2}")
        @MethodSource("org.ntrklab.reporting.report.ReportInterpreterTest#tiers")
        @DisplayName("In frame + NTRK 3' + kinase retained -> Tier I Level A; NTRK 5', kinase lost or out of frame -> Tier III")
        void tierByStructure(String why, FusionCall call, AmpTier expected) {
            ReportBody body = interpret(rna("ORD-R1", POSITIVE, call));

            FusionLine f = onlyFusion(body);
            assertThat(f.tier()).isEqualTo(expected);
            assertThat(body.limitations()).noneSatisfy(l -> assertThat(l).contains("pathologist review"));
        }

        @ParameterizedTest(name = "{0} -> no tier, review")
        @MethodSource("org.ntrklab.reporting.report.ReportInterpreterTest#untiered")
        @DisplayName("Frame or kinase domain not reported -> no tier, and a limitation asking for pathologist review")
        void unknownStructureNoTier(String why, FusionCall call) {
            ReportBody body = interpret(rna("ORD-R1", POSITIVE, call));

            assertThat(onlyFusion(body).tier()).isNull();
            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains("ETV6::NTRK3")
                    .contains("pathologist review"));
        }

        @Test
        @DisplayName("RT-PCR detection of an NTRK-3' target (ETV6::NTRK3) -> Tier I Level A: primers target known in-frame transcripts [D]")
        void rtPcrNtrkThreePrimeIsTierOne() {
            ReportBody body = interpret(pcr("ORD-P1", POSITIVE, PCR_TARGETS, List.of("ETV6::NTRK3")));

            assertThat(onlyFusion(body).tier()).isEqualTo(AmpTier.TIER_I_LEVEL_A);
            assertThat(body.limitations()).noneSatisfy(l -> assertThat(l).contains("pathologist review"));
        }

        @Test
        @DisplayName("A cfDNA fusion follows the same structural rule: in frame + NTRK 3' + kinase retained -> Tier I Level A")
        void cfDnaTier() {
            assertThat(onlyFusion(interpret(cfDna("ORD-C1", POSITIVE, etv6Ntrk3()))).tier())
                    .isEqualTo(AmpTier.TIER_I_LEVEL_A);
        }
    }

    // ---- NEGATIVE, INCONCLUSIVE, FAILURE ------------------------------------------------------

    @Nested
    @DisplayName("NEGATIVE (docs/clinical-rules.md#what-a-negative-covers; Solomon et al., Mod Pathol 2020)")
    class Negative {

        @ParameterizedTest(name = "{0} negative -> NEGATIVE")
        @EnumSource(value = AssayType.class, names = {"RNA_NGS", "DNA_NGS"})
        @DisplayName("No fusion by a tissue NGS method that covers NTRK1, NTRK2 and NTRK3 -> NEGATIVE")
        void tissueMolecularNegative(AssayType method) {
            ReportBody body = interpret(negativeBy(method));

            assertThat(body.overallCall()).isEqualTo(OverallCall.NEGATIVE);
            assertThat(body.fusions()).isEmpty();
        }

        @Test
        @DisplayName("A single-probe FISH negative speaks for its gene only -> INCONCLUSIVE, 'No NTRK3 fusion ...; NTRK1, NTRK2 not tested' (an overall NEGATIVE needs all three genes)")
        void singleProbeFishNegativeIsGeneSpecific() {
            ReportBody body = interpret(fish("ORD-F1", NtrkGene.NTRK3, NEGATIVE));

            assertThat(body.overallCall()).isEqualTo(OverallCall.INCONCLUSIVE);
            assertThat(body.interpretation()).startsWith("No NTRK3 fusion detected by NTRK FISH; NTRK1, NTRK2 not tested");
        }

        @Test
        @DisplayName("FISH negatives with probes for all three genes together exclude a fusion: 'No NTRK1, NTRK2 or NTRK3 fusion'")
        void threeProbesTogetherAreConclusive() {
            ReportBody body = interpret(fish("ORD-F1", NtrkGene.NTRK1, NEGATIVE), fish("ORD-F2", NtrkGene.NTRK2, NEGATIVE),
                    fish("ORD-F3", NtrkGene.NTRK3, NEGATIVE));

            assertThat(body.interpretation()).startsWith("No NTRK1, NTRK2 or NTRK3 fusion detected");
        }

        @Test
        @DisplayName("A targeted RT-PCR negative excludes its targets, not whole genes -> INCONCLUSIVE (ESMO 2019: RT-PCR detects only known transcripts)")
        void rtPcrNegativeCoversItsTargets() {
            ReportBody body = interpret(pcr("ORD-P1", NEGATIVE, List.of("ETV6::NTRK3", "TPM3::NTRK1"), List.of()));

            assertThat(body.overallCall()).isEqualTo(OverallCall.INCONCLUSIVE);
            assertThat(body.interpretation()).startsWith("No NTRK fusion detected by RT-PCR; NTRK1, NTRK2, NTRK3 not tested");
            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains("ETV6::NTRK3, TPM3::NTRK1"));
        }

        @Test
        @DisplayName("One FISH run with NTRK1, NTRK2 and NTRK3 probes, all negative -> NEGATIVE")
        void multiProbeFishNegative() {
            OrderRecord fish = resulted("ORD-F1", NTRK_FISH, NEGATIVE, FishResult.newBuilder()
                    .setProbeGene(NtrkGene.NTRK1).setProbesTested(List.of(NtrkGene.NTRK1, NtrkGene.NTRK2, NtrkGene.NTRK3))
                    .setNucleiScored(100).setSplitSignalPercent(3.0).setCall(MolecularCall.NO_FUSION_DETECTED).build());
            ReportBody body = interpret(fish);

            assertThat(body.overallCall()).isEqualTo(OverallCall.NEGATIVE);
            assertThat(body.interpretation()).startsWith("No NTRK1, NTRK2 or NTRK3 fusion detected by NTRK FISH");
        }

        @Test
        @DisplayName("IHC negative with no molecular test -> NEGATIVE, with the NTRK3 79.4% sensitivity limitation (Solomon 2020)")
        void ihcNegativeAlone() {
            ReportBody body = interpret(ihc("ORD-I1", NEGATIVE));

            assertThat(body.overallCall()).isEqualTo(OverallCall.NEGATIVE);
            assertThat(body.fusions()).isEmpty();
            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains(IHC_NTRK3_LIMITATION)
                    .contains("79.4%"));
        }

        @Test
        @DisplayName("IHC negative confirmed by RNA-NGS negative -> NEGATIVE on the molecular test; the IHC-only limitation is not needed")
        void ihcNegativeWithMolecularNegative() {
            ReportBody body = interpret(ihc("ORD-I1", NEGATIVE), rna("ORD-R1", NEGATIVE));

            assertThat(body.overallCall()).isEqualTo(OverallCall.NEGATIVE);
            assertThat(body.limitations()).noneSatisfy(l -> assertThat(l).contains(IHC_NTRK3_LIMITATION));
        }

        @Test
        @DisplayName("Negative by one tissue method and equivocal by another -> NEGATIVE (a method that passed QC found no fusion)")
        void negativeWinsOverEquivocal() {
            assertThat(interpret(rna("ORD-R1", EQUIVOCAL), dna("ORD-D1", NEGATIVE)).overallCall())
                    .isEqualTo(OverallCall.NEGATIVE);
        }
    }

    static Stream<Arguments> ihcWithoutConfirmation() {
        return Stream.of(
                Arguments.of("IHC positive, no molecular test", List.of(ihc("ORD-I1", POSITIVE))),
                Arguments.of("IHC equivocal, no molecular test", List.of(ihc("ORD-I1", EQUIVOCAL))),
                Arguments.of("IHC positive, RNA-NGS FAILED", List.of(ihc("ORD-I1", POSITIVE), rna("ORD-R1", FAILED))),
                Arguments.of("IHC positive, RNA-NGS RUN_FAILED",
                        List.of(ihc("ORD-I1", POSITIVE), runFailed("ORD-R1", RNA_NGS, "LOW_MAPPED_READS"))),
                Arguments.of("IHC positive, RNA-NGS BLOCKED_QC", List.of(ihc("ORD-I1", POSITIVE),
                        blocked("ORD-R1", RNA_NGS))),
                Arguments.of("IHC equivocal, RNA-NGS FAILED, DNA-NGS BLOCKED_QC", List.of(ihc("ORD-I1", EQUIVOCAL),
                        rna("ORD-R1", FAILED), blocked("ORD-D1", DNA_NGS))),
                Arguments.of("IHC positive, RNA-NGS EQUIVOCAL", List.of(ihc("ORD-I1", POSITIVE),
                        rna("ORD-R1", EQUIVOCAL))),
                Arguments.of("IHC positive, only a cfDNA negative", List.of(ihc("ORD-I1", POSITIVE),
                        cfDna("ORD-C1", NEGATIVE))));
    }

    @Nested
    @DisplayName("INCONCLUSIVE (docs/clinical-rules.md#overall-call; ESMO 2019; ESMO ctDNA recommendations 2022)")
    class Inconclusive {

        @ParameterizedTest(name = "{0} -> INCONCLUSIVE")
        @MethodSource("org.ntrklab.reporting.report.ReportInterpreterTest#ihcWithoutConfirmation")
        @DisplayName("IHC positive or equivocal without a successful molecular confirmation -> INCONCLUSIVE (ESMO 2019)")
        void ihcWithoutMolecularConfirmation(String why, List<OrderRecord> orders) {
            ReportBody body = interpreter.interpret(FACTS, orders, List.of());

            assertThat(body.overallCall()).isEqualTo(OverallCall.INCONCLUSIVE);
            assertThat(body.fusions()).isEmpty();
        }

        @Test
        @DisplayName("IHC positive alone says a TRK inhibitor is not started on IHC alone (ESMO 2019; docs/clinical-rules.md)")
        void ihcPositiveAloneLimitation() {
            ReportBody body = interpret(ihc("ORD-I1", POSITIVE));

            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains("IHC alone"));
        }

        @Test
        @DisplayName("cfDNA not detected alone -> INCONCLUSIVE, with the 'not definitive' limitation (ESMO ctDNA recommendations 2022)")
        void cfDnaNegativeAlone() {
            ReportBody body = interpret(cfDna("ORD-C1", NEGATIVE));

            assertThat(body.overallCall()).isEqualTo(OverallCall.INCONCLUSIVE);
            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains("cell-free DNA")
                    .contains("does not exclude").contains("ESMO ctDNA recommendations 2022"));
        }

        @ParameterizedTest(name = "{0} equivocal only -> INCONCLUSIVE")
        @EnumSource(value = AssayType.class, names = {"PAN_TRK_IHC"}, mode = EnumSource.Mode.EXCLUDE)
        @DisplayName("A molecular result that is only EQUIVOCAL -> INCONCLUSIVE")
        void molecularEquivocalOnly(AssayType method) {
            ReportBody body = interpret(equivocalBy(method));

            assertThat(body.overallCall()).isEqualTo(OverallCall.INCONCLUSIVE);
            assertThat(body.fusions()).isEmpty();
        }
    }

    static Stream<Arguments> failedAttempts() {
        return Stream.of(
                Arguments.of("RNA-NGS RUN_FAILED", runFailed("ORD-R1", RNA_NGS, "LOW_MAPPED_READS")),
                Arguments.of("RNA-NGS BLOCKED_QC", blocked("ORD-R1", RNA_NGS)),
                Arguments.of("RNA-NGS FAILED", rna("ORD-R1", FAILED)),
                Arguments.of("DNA-NGS FAILED", dna("ORD-D1", FAILED)),
                Arguments.of("FISH FAILED", fish("ORD-F1", NtrkGene.NTRK3, FAILED)),
                Arguments.of("cfDNA FAILED", cfDna("ORD-C1", FAILED)),
                Arguments.of("pan-TRK IHC NON_EVALUABLE", ihc("ORD-I1", NON_EVALUABLE)),
                Arguments.of("pan-TRK IHC RUN_FAILED", runFailed("ORD-I1", PAN_TRK_IHC, "CONTROL_FAILURE")));
    }

    @Nested
    @DisplayName("FAILURE: every attempted assay failed QC or run (docs/clinical-rules.md#overall-call)")
    class Failure {

        @ParameterizedTest(name = "only {0} -> FAILURE")
        @MethodSource("org.ntrklab.reporting.report.ReportInterpreterTest#failedAttempts")
        @DisplayName("A single attempted assay that failed -> FAILURE")
        void singleFailure(String why, OrderRecord order) {
            ReportBody body = interpret(order);

            assertThat(body.overallCall()).isEqualTo(OverallCall.FAILURE);
            assertThat(body.fusions()).isEmpty();
            assertThat(body.concordance()).isNull();
        }

        @Test
        @DisplayName("Every attempted assay failed, each in its own way -> FAILURE")
        void everyAttemptFailed() {
            ReportBody body = interpret(ihc("ORD-I1", NON_EVALUABLE), runFailed("ORD-R1", RNA_NGS, "LOW_MAPPED_READS"),
                    blocked("ORD-D1", DNA_NGS), fish("ORD-F1", NtrkGene.NTRK3, FAILED));

            assertThat(body.overallCall()).isEqualTo(OverallCall.FAILURE);
        }

        @Test
        @DisplayName("No order at all (every candidate assay failed sample QC) -> FAILURE, reflex's 'request a new specimen' advice in the text")
        void noOrderAtAll() {
            ReportBody body = interpreter.interpret(FACTS, List.of(),
                    List.of(new AdviceNote(Recommendation.REQUEST_NEW_SPECIMEN, "RX-QC-ALL-FAILED")));

            assertThat(body.overallCall()).isEqualTo(OverallCall.FAILURE);
            assertThat(body.interpretation()).contains("request a new specimen");
            assertThat(body.assays()).isEmpty();
        }

        @Test
        @DisplayName("Not every attempt failed: an IHC positive followed by a non-evaluable IHC retest -> INCONCLUSIVE, not FAILURE")
        void evaluableIhcThenNonEvaluableRetest() {
            ReportBody body = interpret(ihc("ORD-I1", POSITIVE), ihc("ORD-I2", NON_EVALUABLE));

            assertThat(body.overallCall()).isEqualTo(OverallCall.INCONCLUSIVE);
        }

        @Test
        @DisplayName("Not every attempt failed: an IHC negative followed by a non-evaluable IHC retest -> NEGATIVE on IHC, not FAILURE")
        void negativeIhcThenNonEvaluableRetest() {
            ReportBody body = interpret(ihc("ORD-I1", NEGATIVE), ihc("ORD-I2", NON_EVALUABLE));

            assertThat(body.overallCall()).isEqualTo(OverallCall.NEGATIVE);
            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains(IHC_NTRK3_LIMITATION));
        }

        @Test
        @DisplayName("A cancelled order is not an attempt: cancelled RNA-NGS + failed DNA-NGS -> FAILURE")
        void cancelledIgnoredForFailure() {
            ReportBody body = interpret(cancelled("ORD-R1", RNA_NGS), runFailed("ORD-D1", DNA_NGS, "INSUFFICIENT_LIBRARY"));

            assertThat(body.overallCall()).isEqualTo(OverallCall.FAILURE);
            assertThat(body.limitations()).noneSatisfy(l -> assertThat(l).contains("ORD-R1"));
        }

        @Test
        @DisplayName("A cancelled order is not an attempt: cancelled RNA-NGS + IHC negative -> NEGATIVE on IHC")
        void cancelledIgnoredForNegative() {
            ReportBody body = interpret(ihc("ORD-I1", NEGATIVE), cancelled("ORD-R1", RNA_NGS));

            assertThat(body.overallCall()).isEqualTo(OverallCall.NEGATIVE);
            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains(IHC_NTRK3_LIMITATION));
            assertThat(body.limitations()).noneSatisfy(l -> assertThat(l).contains("ORD-R1"));
        }
    }

    // ---- limitations ----------------------------------------------------------------------------

    @Nested
    @DisplayName("Limitations per method (docs/clinical-rules.md#limitations; ESMO 2019; ESMO ctDNA recommendations 2022)")
    class Limitations {

        @Test
        @DisplayName("DNA-NGS negative -> may miss NTRK2 and NTRK3 fusions (breakpoints in large introns; ESMO 2019)")
        void dnaNegative() {
            ReportBody body = interpret(dna("ORD-D1", NEGATIVE));

            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains("DNA").contains("NTRK2")
                    .contains("NTRK3"));
        }

        @Test
        @DisplayName("RNA-NGS negative does not carry the DNA-NGS intron limitation")
        void rnaNegativeHasNoDnaLimitation() {
            ReportBody body = interpret(rna("ORD-R1", NEGATIVE));

            assertThat(body.limitations()).noneSatisfy(l -> assertThat(l).contains("intron"));
        }

        @Test
        @DisplayName("cfDNA negative -> not definitive, tissue testing advised (ESMO ctDNA recommendations 2022)")
        void cfDnaNegative() {
            ReportBody body = interpret(cfDna("ORD-C1", NEGATIVE));

            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains("cell-free DNA")
                    .contains("does not exclude").contains("tissue"));
        }

        @Test
        @DisplayName("cfDNA positive carries no 'not definitive' limitation")
        void cfDnaPositiveNoNegativeLimitation() {
            ReportBody body = interpret(cfDna("ORD-C1", POSITIVE, etv6Ntrk3()));

            assertThat(body.limitations()).noneSatisfy(l -> assertThat(l).contains("cell-free DNA"));
        }

        @Test
        @DisplayName("FISH positive -> break-apart FISH gives no partner")
        void fishPositive() {
            assertThat(interpret(fish("ORD-F1", NtrkGene.NTRK1, POSITIVE)).limitations())
                    .anySatisfy(l -> assertThat(l).contains("partner"));
        }

        @ParameterizedTest(name = "{0} probe negative")
        @EnumSource(NtrkGene.class)
        @DisplayName("FISH negative for one probe gene -> fusions of the other NTRK genes are not excluded")
        void fishNegativeOneGene(NtrkGene probe) {
            ReportBody body = interpret(fish("ORD-F1", probe, NEGATIVE));

            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains(probe.name())
                    .contains("other NTRK genes").contains("not excluded"));
        }

        @Test
        @DisplayName("RT-PCR -> detects only the transcripts its primers target, each target listed")
        void rtPcrTargetsOnly() {
            ReportBody body = interpret(pcr("ORD-P1", NEGATIVE, PCR_TARGETS, List.of()));

            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains("only")
                    .contains("ETV6::NTRK3").contains("TPM3::NTRK1").contains("LMNA::NTRK1"));
        }

        @Test
        @DisplayName("RT-PCR positive also carries the targeted-transcripts limitation")
        void rtPcrPositiveTargetsOnly() {
            ReportBody body = interpret(pcr("ORD-P1", POSITIVE, PCR_TARGETS, List.of("ETV6::NTRK3")));

            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains("only").contains("LMNA::NTRK1"));
        }

        @Test
        @DisplayName("A run failure is listed with its order and coded reason (LOW_MAPPED_READS)")
        void runFailureListed() {
            ReportBody body = interpret(ihc("ORD-I1", POSITIVE), runFailed("ORD-R1", RNA_NGS, "LOW_MAPPED_READS"));

            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains("RNA-NGS").contains("ORD-R1")
                    .contains("LOW_MAPPED_READS"));
        }

        @Test
        @DisplayName("Every failed assay is listed with its reason: QC block, failed result, non-evaluable IHC")
        void everyFailureListed() {
            ReportBody body = interpret(ihc("ORD-I1", NON_EVALUABLE), blocked("ORD-D1", DNA_NGS),
                    rna("ORD-R1", FAILED), runFailed("ORD-F1", NTRK_FISH, "INSUFFICIENT_TISSUE"));

            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains("ORD-I1")
                    .containsIgnoringCase("evaluable"));
            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains("ORD-D1").contains("QC"));
            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains("ORD-R1").containsIgnoringCase("fail"));
            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains("ORD-F1")
                    .contains("INSUFFICIENT_TISSUE"));
        }

        @Test
        @DisplayName("A method's limitation is stated once even when the method was run twice")
        void limitationOnce() {
            ReportBody body = interpret(dna("ORD-D1", NEGATIVE), dna("ORD-D2", NEGATIVE));

            assertThat(body.limitations().stream().filter(l -> l.contains("NTRK2")).count()).isEqualTo(1);
        }
    }

    // ---- concordance ----------------------------------------------------------------------------

    @Nested
    @DisplayName("IHC/molecular concordance, stated when both exist (docs/clinical-rules.md#concordance; Solomon et al., Mod Pathol 2020)")
    class Concordance {

        @Test
        @DisplayName("IHC POSITIVE + a single-probe FISH negative -> INCONCLUSIVE, and no 'without fusion' statement: the other genes are untested (Solomon 2020; ESMO 2019)")
        void ihcPositiveWithPartialNegative() {
            ReportBody body = interpret(ihc("ORD-I1", POSITIVE), fish("ORD-F1", NtrkGene.NTRK1, NEGATIVE));

            assertThat(body.overallCall()).isEqualTo(OverallCall.INCONCLUSIVE);
            assertThat(body.interpretation()).contains("No NTRK1 fusion detected by NTRK FISH; NTRK2, NTRK3 not tested");
            assertThat(body.concordance()).isNull();
        }

        @Test
        @DisplayName("IHC POSITIVE + molecular POSITIVE -> 'Concordant'")
        void ihcPositiveMolecularPositive() {
            String c = interpret(ihc("ORD-I1", POSITIVE), rna("ORD-R1", POSITIVE, etv6Ntrk3())).concordance();

            assertThat(c).startsWith("Concordant");
        }

        @Test
        @DisplayName("IHC EQUIVOCAL + molecular POSITIVE -> a statement that the fusion confirms the equivocal stain")
        void ihcEquivocalMolecularPositive() {
            String c = interpret(ihc("ORD-I1", EQUIVOCAL), rna("ORD-R1", POSITIVE, etv6Ntrk3())).concordance();

            assertThat(c).isNotNull().containsIgnoringCase("equivocal").doesNotContain("Discordant");
        }

        @Test
        @DisplayName("IHC POSITIVE + tissue molecular NEGATIVE -> 'TRK expression without fusion'")
        void ihcPositiveMolecularNegative() {
            String c = interpret(ihc("ORD-I1", POSITIVE), rna("ORD-R1", NEGATIVE)).concordance();

            assertThat(c).contains("TRK expression without fusion");
        }

        @Test
        @DisplayName("IHC EQUIVOCAL + RNA-NGS NEGATIVE -> 'TRK expression without fusion'")
        void ihcEquivocalMolecularNegative() {
            String c = interpret(ihc("ORD-I1", EQUIVOCAL), rna("ORD-R1", NEGATIVE)).concordance();

            assertThat(c).contains("TRK expression without fusion");
        }

        @Test
        @DisplayName("IHC NEGATIVE + NTRK3 fusion -> 'Discordant', consistent with NTRK3 IHC insensitivity (79.4%)")
        void ihcNegativeNtrk3Fusion() {
            String c = interpret(ihc("ORD-I1", NEGATIVE), rna("ORD-R1", POSITIVE, etv6Ntrk3())).concordance();

            assertThat(c).contains("Discordant").contains("NTRK3").contains("79.4%");
        }

        @Test
        @DisplayName("IHC NEGATIVE + NTRK3 rearrangement by FISH -> 'Discordant', NTRK3, 79.4%")
        void ihcNegativeNtrk3Fish() {
            String c = interpret(ihc("ORD-I1", NEGATIVE), fish("ORD-F1", NtrkGene.NTRK3, POSITIVE)).concordance();

            assertThat(c).contains("Discordant").contains("NTRK3").contains("79.4%");
        }

        @Test
        @DisplayName("IHC NEGATIVE + NTRK1 fusion -> discordant and needing review, not explained by NTRK3 insensitivity (96.2% for NTRK1)")
        void ihcNegativeNtrk1Fusion() {
            String c = interpret(ihc("ORD-I1", NEGATIVE), rna("ORD-R1", POSITIVE, tpm3Ntrk1())).concordance();

            assertThat(c).contains("Discordant").contains("NTRK1").contains("review").doesNotContain("79.4%");
        }

        @Test
        @DisplayName("IHC NEGATIVE + molecular NEGATIVE -> 'Concordant'")
        void ihcNegativeMolecularNegative() {
            String c = interpret(ihc("ORD-I1", NEGATIVE), rna("ORD-R1", NEGATIVE)).concordance();

            assertThat(c).startsWith("Concordant");
        }

        @ParameterizedTest(name = "IHC NON_EVALUABLE + {0}")
        @EnumSource(value = AssayInterpretation.class, names = {"POSITIVE", "NEGATIVE", "EQUIVOCAL", "FAILED"})
        @DisplayName("IHC NON_EVALUABLE + any molecular result -> no concordance statement")
        void ihcNonEvaluable(AssayInterpretation molecular) {
            OrderRecord rna = molecular == POSITIVE ? rna("ORD-R1", POSITIVE, etv6Ntrk3()) : rna("ORD-R1", molecular);

            assertThat(interpret(ihc("ORD-I1", NON_EVALUABLE), rna).concordance()).isNull();
        }

        @ParameterizedTest(name = "no IHC, RNA-NGS {0}")
        @EnumSource(value = AssayInterpretation.class, names = {"POSITIVE", "NEGATIVE"})
        @DisplayName("No IHC -> no concordance statement")
        void noIhc(AssayInterpretation molecular) {
            OrderRecord rna = molecular == POSITIVE ? rna("ORD-R1", POSITIVE, etv6Ntrk3()) : rna("ORD-R1", molecular);

            assertThat(interpret(rna).concordance()).isNull();
        }

        @ParameterizedTest(name = "IHC {0} + only a cfDNA negative")
        @EnumSource(value = AssayInterpretation.class, names = {"POSITIVE", "NEGATIVE", "EQUIVOCAL"})
        @DisplayName("IHC + only a cfDNA negative -> no statement: a plasma negative is not a molecular answer (ESMO ctDNA 2022)")
        void ihcWithCfDnaNegativeOnly(AssayInterpretation ihcCall) {
            assertThat(interpret(ihc("ORD-I1", ihcCall), cfDna("ORD-C1", NEGATIVE)).concordance()).isNull();
        }

        @Test
        @DisplayName("IHC alone (no molecular result) -> no concordance statement")
        void ihcAlone() {
            assertThat(interpret(ihc("ORD-I1", POSITIVE)).concordance()).isNull();
            assertThat(interpret(ihc("ORD-I1", NEGATIVE)).concordance()).isNull();
        }

        @Test
        @DisplayName("IHC POSITIVE + molecular that failed -> no concordance statement")
        void ihcWithFailedMolecular() {
            assertThat(interpret(ihc("ORD-I1", POSITIVE), rna("ORD-R1", FAILED)).concordance()).isNull();
        }
    }

    // ---- assay summary --------------------------------------------------------------------------

    @Nested
    @DisplayName("Assay summary: the report lists every order")
    class AssaySummary {

        @Test
        @DisplayName("Every order is listed, cancelled ones too, in order, with state and the interpretation of resulted ones")
        void everyOrderListed() {
            ReportBody body = interpret(ihc("ORD-I1", POSITIVE), runFailed("ORD-R1", RNA_NGS, "LOW_MAPPED_READS"),
                    cancelled("ORD-F1", NTRK_FISH), blocked("ORD-P1", RT_PCR), dna("ORD-D1", NEGATIVE));

            assertThat(body.assays()).containsExactly(
                    new AssayLine("ORD-I1", PAN_TRK_IHC, AssayState.RESULTED, POSITIVE),
                    new AssayLine("ORD-R1", RNA_NGS, AssayState.RUN_FAILED, null),
                    new AssayLine("ORD-F1", NTRK_FISH, AssayState.CANCELLED, null),
                    new AssayLine("ORD-P1", RT_PCR, AssayState.BLOCKED_QC, null),
                    new AssayLine("ORD-D1", DNA_NGS, AssayState.RESULTED, NEGATIVE));
        }

        @Test
        @DisplayName("A resulted but failed assay is listed with its FAILED interpretation")
        void failedResultListed() {
            ReportBody body = interpret(rna("ORD-R1", FAILED));

            assertThat(body.assays()).containsExactly(new AssayLine("ORD-R1", RNA_NGS, AssayState.RESULTED, FAILED));
        }

        @Test
        @DisplayName("The same orders give the same report (pure)")
        void deterministic() {
            OrderRecord[] orders = {ihc("ORD-I1", NEGATIVE), rna("ORD-R1", POSITIVE, etv6Ntrk3())};

            assertThat(interpret(orders)).isEqualTo(interpret(orders));
        }
    }

    @Nested
    @DisplayName("Clinical fidelity: QC caveats, coverage-aware negatives, actionable-only POSITIVE, high-prevalence types")
    class ClinicalFidelity {

        private final PreTest standard = new PreTest(ClinicalSuspicion.STANDARD, TumourTypeRoute.IHC_SCREEN);
        private final PreTest highPrevalence = new PreTest(ClinicalSuspicion.HIGH, TumourTypeRoute.HIGH_PREVALENCE);

        private ReportBody interpretWith(List<QcRecord> qc, PreTest preTest, OrderRecord... orders) {
            return interpreter.interpret(FACTS, List.of(orders), List.of(), qc, preTest);
        }

        private QcRecord.Note note(String rule, QcMetric metric, Double value, String category, Double bound,
                String threshold, QcVerdict verdict) {
            return new QcRecord.Note(rule, metric, value, category, bound, threshold, verdict);
        }

        @Test
        @DisplayName("RNA-NGS negative on 15% tumour nuclei carries the QC-RNA-TUMOUR caveat with value, threshold, rule id and table version (qc rule: Mayo/Quest accept >=10%, F1CDx minimum 20%)")
        void qcCaveatReachesTheReport() {
            QcRecord rnaQc = new QcRecord(RNA_NGS, QcVerdict.PASS_WITH_CAVEAT, List.of(note("QC-RNA-TUMOUR",
                    QcMetric.TUMOUR_NUCLEI_PERCENT, 15.0, null, 20.0, "FAIL if < 10; PASS_WITH_CAVEAT if < 20",
                    QcVerdict.PASS_WITH_CAVEAT)), "ntrk-default-2026.2");
            ReportBody body = interpretWith(List.of(rnaQc), standard, rna("ORD-R1", NEGATIVE));

            assertThat(body.overallCall()).isEqualTo(OverallCall.NEGATIVE);
            assertThat(body.qcLimitations()).singleElement().satisfies(q -> {
                assertThat(q.orderId()).isEqualTo("ORD-R1");
                assertThat(q.ruleId()).isEqualTo("QC-RNA-TUMOUR");
                assertThat(q.metric()).isEqualTo(QcMetric.TUMOUR_NUCLEI_PERCENT);
                assertThat(q.measuredValue()).isEqualTo(15.0);
                assertThat(q.thresholdValue()).isEqualTo(20.0);
                assertThat(q.verdict()).isEqualTo(QcVerdict.PASS_WITH_CAVEAT);
                assertThat(q.ruleSetVersion()).isEqualTo("ntrk-default-2026.2");
                assertThat(q.statement()).contains("QC-RNA-TUMOUR").contains("tumour nuclei 15%")
                        .contains("PASS_WITH_CAVEAT if < 20");
            });
            assertThat(body.limitations()).contains(body.qcLimitations().get(0).statement());
            assertThat(body.ruleSetVersion()).isEqualTo(ReportInterpreter.RULE_SET_VERSION);
        }

        @Test
        @DisplayName("A categorical caveat (EDTA decalcification) and a QC-blocked order's failure are both stated; a PASS finding is not")
        void categoricalCaveatAndBlockedOrder() {
            QcRecord dnaQc = new QcRecord(DNA_NGS, QcVerdict.PASS_WITH_CAVEAT, List.of(note("QC-DECALCIFICATION",
                    QcMetric.DECALCIFICATION, null, "EDTA", null, "FAIL if ACID; PASS_WITH_CAVEAT if EDTA, UNKNOWN",
                    QcVerdict.PASS_WITH_CAVEAT)), "v");
            QcRecord rnaQc = new QcRecord(RNA_NGS, QcVerdict.FAIL, List.of(note("QC-RNA-DV200",
                    QcMetric.DV200_PERCENT, 22.0, null, 30.0, "FAIL if < 30", QcVerdict.FAIL)), "v");
            OrderRecord blocked = OrderRecord.ordered("ORD-R1", RNA_NGS).withStatus(AssayState.BLOCKED_QC, "QC_FAIL");
            ReportBody body = interpretWith(List.of(dnaQc, rnaQc), standard, blocked, dna("ORD-D1", NEGATIVE));

            assertThat(body.qcLimitations()).extracting(QcLimitationLine::ruleId, QcLimitationLine::verdict)
                    .containsExactlyInAnyOrder(tuple("QC-RNA-DV200", QcVerdict.FAIL),
                            tuple("QC-DECALCIFICATION", QcVerdict.PASS_WITH_CAVEAT));
            assertThat(body.qcLimitations()).anySatisfy(q -> assertThat(q.statement()).contains("decalcification EDTA"));
        }

        @Test
        @DisplayName("INCONCLUSIVE after QC failures: the molecular assays never ordered because QC failed are named with their rule")
        void unorderedQcFailuresExplainAnInconclusive() {
            QcRecord rnaQc = new QcRecord(RNA_NGS, QcVerdict.FAIL, List.of(note("QC-RNA-DV200",
                    QcMetric.DV200_PERCENT, 20.0, null, 30.0, "FAIL if < 30", QcVerdict.FAIL)), "v");
            QcRecord dnaQc = new QcRecord(DNA_NGS, QcVerdict.FAIL, List.of(note("QC-DNA-YIELD",
                    QcMetric.DNA_YIELD_NG, 30.0, null, 50.0, "FAIL if < 50", QcVerdict.FAIL)), "v");
            ReportBody body = interpretWith(List.of(rnaQc, dnaQc), standard, fish("ORD-F1", NtrkGene.NTRK3, NEGATIVE));

            assertThat(body.overallCall()).isEqualTo(OverallCall.INCONCLUSIVE);
            assertThat(body.interpretation()).contains("NTRK1, NTRK2 not tested");
            assertThat(body.qcLimitations()).extracting(QcLimitationLine::ruleId)
                    .containsExactlyInAnyOrder("QC-RNA-DV200", "QC-DNA-YIELD");
            assertThat(body.qcLimitations()).allSatisfy(q -> assertThat(q.orderId()).isNull());
        }

        @Test
        @DisplayName("Tier III only (NTRK as 5' partner) -> FUSION_OF_UNCERTAIN_SIGNIFICANCE, never POSITIVE (AMP/ASCO/CAP 2017 Tier III; ESMO 2019)")
        void tierIiiIsNotPositive() {
            ReportBody body = interpret(rna("ORD-R1", POSITIVE, fusion("NTRK1", 12, "SQSTM1", 2, true, false)));

            assertThat(body.overallCall()).isEqualTo(OverallCall.FUSION_OF_UNCERTAIN_SIGNIFICANCE);
            assertThat(body.fusions()).singleElement().satisfies(f -> assertThat(f.tier()).isEqualTo(AmpTier.TIER_III));
            assertThat(body.interpretation()).contains("uncertain significance").contains("not an established target")
                    .doesNotContain("tumour-agnostic TRK inhibitor approvals");
            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains("Tier III")
                    .contains("NTRK is the 5' partner"));
        }

        @Test
        @DisplayName("Tier III (kinase domain lost) with IHC positive: concordance asks for review, no 'Concordant'")
        void tierIiiConcordance() {
            ReportBody body = interpret(ihc("ORD-I1", POSITIVE),
                    rna("ORD-R1", POSITIVE, fusion("ETV6", 5, "NTRK3", 12, true, false)));

            assertThat(body.overallCall()).isEqualTo(OverallCall.FUSION_OF_UNCERTAIN_SIGNIFICANCE);
            assertThat(body.concordance()).contains("uncertain significance").doesNotContain("Concordant");
        }

        @Test
        @DisplayName("A Tier I fusion beside a Tier III one -> POSITIVE")
        void tierIWithTierIiiIsPositive() {
            ReportBody body = interpret(rna("ORD-R1", POSITIVE, etv6Ntrk3(), fusion("NTRK1", 12, "SQSTM1", 2, true,
                    false)));

            assertThat(body.overallCall()).isEqualTo(OverallCall.POSITIVE);
        }

        @Test
        @DisplayName("High-prevalence type, DNA-NGS the only negative -> INCONCLUSIVE, NTRK2/NTRK3 not excluded (ESMO 2019: >90% ETV6::NTRK3; DNA panels miss NTRK3 breakpoints)")
        void highPrevalenceDnaOnlyIsInconclusive() {
            ReportBody body = interpretWith(List.of(), highPrevalence, dna("ORD-D1", NEGATIVE));

            assertThat(body.overallCall()).isEqualTo(OverallCall.INCONCLUSIVE);
            assertThat(body.interpretation()).contains("No NTRK1 fusion detected by DNA-NGS")
                    .contains("NTRK2, NTRK3 fusions not excluded").contains(">90%");
            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains("RNA-based testing"));
        }

        @Test
        @DisplayName("High-prevalence type, DNA-NGS negative and FISH negative with all three probes -> NEGATIVE")
        void highPrevalenceDnaAndFishIsNegative() {
            OrderRecord fish = resulted("ORD-F1", NTRK_FISH, NEGATIVE, FishResult.newBuilder()
                    .setProbeGene(NtrkGene.NTRK1).setProbesTested(List.of(NtrkGene.NTRK1, NtrkGene.NTRK2, NtrkGene.NTRK3))
                    .setNucleiScored(100).setSplitSignalPercent(3.0).setCall(MolecularCall.NO_FUSION_DETECTED).build());
            ReportBody body = interpretWith(List.of(), highPrevalence, dna("ORD-D1", NEGATIVE), fish);

            assertThat(body.overallCall()).isEqualTo(OverallCall.NEGATIVE);
        }

        @Test
        @DisplayName("IHC positive + DNA-NGS the only negative -> INCONCLUSIVE, no 'TRK expression without fusion', RNA-based testing recommended (ESMO 2019; Solomon 2020)")
        void ihcPositiveDnaOnly() {
            ReportBody body = interpretWith(List.of(), standard, ihc("ORD-I1", POSITIVE), dna("ORD-D1", NEGATIVE));

            assertThat(body.overallCall()).isEqualTo(OverallCall.INCONCLUSIVE);
            assertThat(body.concordance()).isNull();
            assertThat(body.interpretation()).doesNotContain("without fusion").contains("DNA-based NGS may miss NTRK2")
                    .contains("RNA-based testing");
        }

        @Test
        @DisplayName("DNA-NGS negative, standard suspicion, no stained IHC, ordinary type -> NEGATIVE with the DNA limitation")
        void dnaOnlyStandardStaysNegative() {
            ReportBody body = interpretWith(List.of(), standard, dna("ORD-D1", NEGATIVE));

            assertThat(body.overallCall()).isEqualTo(OverallCall.NEGATIVE);
            assertThat(body.limitations()).anySatisfy(l -> assertThat(l).contains("DNA-based NGS may miss"));
        }

        @Test
        @DisplayName("IHC negative alone with HIGH suspicion, or in a type where IHC is unreliable -> INCONCLUSIVE (Solomon 2020: NTRK3 79.4%; specificity 20.8% in glioma)")
        void ihcNegativeNotEnoughWhenSuspicionHighOrIhcUnreliable() {
            ReportBody high = interpretWith(List.of(), new PreTest(ClinicalSuspicion.HIGH, TumourTypeRoute.IHC_SCREEN),
                    ihc("ORD-I1", NEGATIVE));
            ReportBody unreliable = interpretWith(List.of(), new PreTest(ClinicalSuspicion.STANDARD,
                    TumourTypeRoute.IHC_UNRELIABLE), ihc("ORD-I1", NEGATIVE));

            assertThat(high.overallCall()).isEqualTo(OverallCall.INCONCLUSIVE);
            assertThat(high.interpretation()).contains("79.4%");
            assertThat(unreliable.overallCall()).isEqualTo(OverallCall.INCONCLUSIVE);
            assertThat(unreliable.interpretation()).contains("not reliable in this tumour type");
        }
    }
}
