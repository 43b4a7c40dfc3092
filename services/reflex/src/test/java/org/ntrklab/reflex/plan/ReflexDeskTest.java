package org.ntrklab.reflex.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ntrklab.events.AssayType.CFDNA_NGS;
import static org.ntrklab.events.AssayType.DNA_NGS;
import static org.ntrklab.events.AssayType.NTRK_FISH;
import static org.ntrklab.events.AssayType.PAN_TRK_IHC;
import static org.ntrklab.events.AssayType.RNA_NGS;
import static org.ntrklab.events.AssayType.RT_PCR;
import static org.ntrklab.reflex.plan.Cases.ACC;
import static org.ntrklab.reflex.plan.Cases.AT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.reflex.rules.TumourRoute;
import org.ntrklab.events.ClinicalSuspicion;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.OrderReason;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.Recommendation;
import org.ntrklab.events.RunFailureReason;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.platform.cases.Decision;
import org.ntrklab.reflex.rules.ReflexRuleTable;
import org.ntrklab.reflex.rules.ReflexRuleTableLoader;
import org.ntrklab.testkit.LabEvents;

/** The test-selection and reflex rules of docs/reflex.md, one case at a time, through the reflex desk. */
class ReflexDeskTest {

    /** Drives one accession through the desk as the processor would, keeping what was written. */
    static final class Lab {
        private final ReflexDesk desk;
        private ReflexCase state;
        private final List<ReflexOutput> written = new ArrayList<>();
        private final List<ReflexOutput.Settled> settled = new ArrayList<>();
        private int events;
        String lastOutcome;

        Lab(ReflexDesk desk) {
            this.desk = desk;
        }

        List<ReflexOutput> accession(SpecimenReceived.Builder received) {
            return apply(desk.accessioned(state, ACC, nextEvent(), AT, Cases.accessioned(received), 0));
        }

        List<ReflexOutput> qc(AssayType assay, QcVerdict verdict) {
            return apply(desk.qcDecided(state, ACC, nextEvent(), AT, Cases.qc(assay, verdict), 0));
        }

        /** QC PASS for every assay, in enum order. */
        List<ReflexOutput> qcPassAll() {
            List<ReflexOutput> out = new ArrayList<>();
            for (AssayType a : AssayType.values()) {
                out.addAll(qc(a, QcVerdict.PASS));
            }
            return out;
        }

        List<ReflexOutput> result(String orderId, AssayType assay, AssayInterpretation interpretation) {
            return apply(desk.resulted(state, nextEvent(), AT, Cases.result(orderId, assay, interpretation), 0));
        }

        List<ReflexOutput> result(String eventId, String orderId, AssayType assay, AssayInterpretation interpretation) {
            return apply(desk.resulted(state, eventId, AT, Cases.result(orderId, assay, interpretation), 0));
        }

        List<ReflexOutput> runFailed(String orderId, AssayType assay, RunFailureReason reason) {
            return apply(desk.statusChanged(state, nextEvent(), AT, Cases.runFailed(orderId, assay, reason), 0));
        }

        List<ReflexOutput> blocked(String orderId, AssayType assay) {
            return apply(desk.statusChanged(state, nextEvent(), AT, org.ntrklab.events.AssayStatusChanged.newBuilder()
                    .setOrderId(orderId).setAssay(assay).setFromState(org.ntrklab.events.AssayState.READY)
                    .setToState(org.ntrklab.events.AssayState.BLOCKED_QC).setReason("QC_FAIL").build(), 0));
        }

        List<ReflexOutput> cancel() {
            return apply(desk.cancelled(state, ACC, 0));
        }

        List<ReflexOutput.Ordered> orders() {
            return written.stream().filter(ReflexOutput.Ordered.class::isInstance).map(ReflexOutput.Ordered.class::cast)
                    .toList();
        }

        List<ReflexOutput> written() {
            return written;
        }

        private String nextEvent() {
            return "event-" + (++events);
        }

        /** Keeps the settled announcement apart from the orders and advice written before it. */
        private List<ReflexOutput> apply(Decision<ReflexCase, ReflexOutput> step) {
            if (step.state() != null) {
                state = step.state();
            }
            lastOutcome = step.outcome();
            ReflexOutput.Settled announced = settled(step);
            List<ReflexOutput> outputs = announced == null ? step.outputs()
                    : step.outputs().subList(0, step.outputs().size() - 1);
            written.addAll(outputs);
            if (announced != null) {
                settled.add(announced);
            }
            return outputs;
        }
    }

    /** The decision's settled announcement, which is written after every other output; null if none. */
    static ReflexOutput.Settled settled(Decision<ReflexCase, ReflexOutput> step) {
        List<ReflexOutput> outputs = step.outputs();
        if (outputs.isEmpty()) {
            return null;
        }
        assertThat(outputs.subList(0, outputs.size() - 1)).as("a settled announcement is the last output")
                .noneMatch(ReflexOutput.Settled.class::isInstance);
        return outputs.get(outputs.size() - 1) instanceof ReflexOutput.Settled s ? s : null;
    }

    private final Lab lab = new Lab(Cases.desk());

    private static ReflexOutput.Ordered only(List<ReflexOutput> out) {
        assertThat(out).hasSize(1).first().isInstanceOf(ReflexOutput.Ordered.class);
        return (ReflexOutput.Ordered) out.get(0);
    }

    private static ReflexOutput.Recommended advice(List<ReflexOutput> out) {
        assertThat(out).hasSize(1).first().isInstanceOf(ReflexOutput.Recommended.class);
        return (ReflexOutput.Recommended) out.get(0);
    }

    @Nested
    @DisplayName("Initial plan of an NTRK work-up (ESMO 2019, Marchio et al.; docs/reflex.md#the-initial-plan)")
    class InitialPlan {

        @ParameterizedTest(name = "{0}: RNA-NGS directly, no IHC screen")
        @CsvSource({"HNMASC", "JSCB", "IFS"})
        @DisplayName("High-prevalence tumour types (secretory carcinoma, infantile fibrosarcoma; ESMO 2019) skip IHC")
        void highPrevalenceSkipsIhc(String code) {
            lab.accession(Cases.tissue(code));
            ReflexOutput.Ordered o = only(lab.qcPassAll());
            assertThat(o.assay()).isEqualTo(RNA_NGS);
            assertThat(o.reason()).isEqualTo(OrderReason.INITIAL);
            assertThat(o.ruleId()).isEqualTo("RX-ROUTE-HIGH-PREVALENCE");
            assertThat(o.reference()).contains("ESMO 2019");
            assertThat(o.rationale()).contains("OncoTree " + code);
            assertThat(o.chainDepth()).isZero();
            assertThat(o.trigger()).isNull();
            assertThat(o.orderId()).isEqualTo(ACC + "-RNA1");
        }

        @ParameterizedTest(name = "{0} ({1}): RNA-NGS directly")
        @CsvSource({"GB, glioma 20.8%", "MUCC, salivary 52%", "PAC, salivary 52%", "LIPO, sarcoma 74.4%",
            "ES, small round cell 45.8%", "MPNST, neural differentiation", "ULMS, smooth muscle"})
        @DisplayName("Tumour types where pan-TRK IHC is unreliable (Solomon et al., Mod Pathol 2020) go to RNA-NGS")
        void unreliableIhcGoesToRna(String code, String why) {
            lab.accession(Cases.tissue(code));
            ReflexOutput.Ordered o = only(lab.qcPassAll());
            assertThat(o.assay()).isEqualTo(RNA_NGS);
            assertThat(o.ruleId()).isEqualTo("RX-ROUTE-IHC-UNRELIABLE");
            assertThat(o.reference()).contains("Solomon");
        }

        @Test
        @DisplayName("Blood goes to cfDNA NGS (ESMO ctDNA recommendations 2022)")
        void bloodGoesToCfDna() {
            lab.accession(LabEvents.plasmaWorkUp(BloodTubeType.STRECK_BCT));
            ReflexOutput.Ordered o = only(lab.qc(CFDNA_NGS, QcVerdict.PASS));
            assertThat(o.assay()).isEqualTo(CFDNA_NGS);
            assertThat(o.ruleId()).isEqualTo("RX-ROUTE-BLOOD");
            assertThat(o.reference()).contains("Pascual");
        }

        @ParameterizedTest(name = "age {0} -> {1}")
        @CsvSource({"0, RNA_NGS", "9, RNA_NGS", "17, RNA_NGS", "18, PAN_TRK_IHC", "64, PAN_TRK_IHC"})
        @DisplayName("Under 18 goes to RNA-NGS (prevalence 1.34% vs 0.28%, Westphalen 2021) [D]; 18 and over screen by IHC")
        void paediatric(int age, AssayType expected) {
            lab.accession(Cases.tissue("LUAD").setAgeYears(age));
            ReflexOutput.Ordered o = only(lab.qcPassAll());
            assertThat(o.assay()).isEqualTo(expected);
            assertThat(o.ruleId()).isEqualTo(age < 18 ? "RX-ROUTE-PAEDIATRIC" : "RX-ROUTE-IHC-SCREEN");
        }

        @Test
        @DisplayName("Common carcinoma (lung adenocarcinoma) is screened by pan-TRK IHC first (ESMO 2019)")
        void commonCarcinomaScreensByIhc() {
            lab.accession(Cases.tissue("LUAD"));
            ReflexOutput.Ordered o = only(lab.qcPassAll());
            assertThat(o.assay()).isEqualTo(PAN_TRK_IHC);
            assertThat(o.ruleId()).isEqualTo("RX-ROUTE-IHC-SCREEN");
            assertThat(o.reference()).contains("ESMO 2019").contains("Solomon");
            assertThat(lab.lastOutcome).isEqualTo("qc_recorded");
        }

        @Test
        @DisplayName("An OncoTree code in no route takes the default IHC screen and is marked for counting")
        void unlistedCodeTakesDefault() {
            lab.accession(Cases.tissue("XYZQ"));
            assertThat(lab.lastOutcome).isEqualTo("planned_unlisted_code");
            ReflexOutput.Ordered o = only(lab.qcPassAll());
            assertThat(o.assay()).isEqualTo(PAN_TRK_IHC);
            assertThat(o.rationale()).contains("XYZQ is not in the routing table");
        }

        @Test
        @DisplayName("Nothing is ordered until the chosen assay's QC decision is known; other assays' decisions do not place it")
        void waitsForQcOfChosenAssay() {
            assertThat(lab.accession(Cases.tissue("LUAD"))).isEmpty();
            assertThat(lab.qc(RNA_NGS, QcVerdict.PASS)).isEmpty();
            assertThat(lab.qc(DNA_NGS, QcVerdict.PASS)).isEmpty();
            assertThat(only(lab.qc(PAN_TRK_IHC, QcVerdict.PASS_WITH_CAVEAT)).assay()).isEqualTo(PAN_TRK_IHC);
        }

        @Test
        @DisplayName("QC decisions that arrive before the accession are used when it arrives")
        void qcBeforeAccession() {
            lab.qc(PAN_TRK_IHC, QcVerdict.PASS);
            assertThat(only(lab.accession(Cases.tissue("LUAD"))).assay()).isEqualTo(PAN_TRK_IHC);
        }

        @Test
        @DisplayName("IHC failing QC falls back to RNA-NGS, the next assay of the route")
        void ihcQcFailFallsBackToRna() {
            lab.accession(Cases.tissue("LUAD"));
            assertThat(lab.qc(PAN_TRK_IHC, QcVerdict.FAIL)).isEmpty();
            ReflexOutput.Ordered o = only(lab.qc(RNA_NGS, QcVerdict.PASS));
            assertThat(o.assay()).isEqualTo(RNA_NGS);
            assertThat(o.reason()).isEqualTo(OrderReason.INITIAL);
            assertThat(o.ruleId()).isEqualTo("RX-QC-FALLBACK");
            assertThat(o.rationale()).contains("RX-ROUTE-IHC-SCREEN preferred PAN_TRK_IHC");
        }

        @Test
        @DisplayName("RNA QC fail -> DNA-NGS if DNA QC passes (RX-QC-FALLBACK, docs/reflex.md [D])")
        void rnaQcFailGoesToDna() {
            lab.accession(Cases.tissue("GB"));
            lab.qc(RNA_NGS, QcVerdict.FAIL);
            ReflexOutput.Ordered o = only(lab.qc(DNA_NGS, QcVerdict.PASS));
            assertThat(o.assay()).isEqualTo(DNA_NGS);
            assertThat(o.ruleId()).isEqualTo("RX-QC-FALLBACK");
        }

        @Test
        @DisplayName("RNA QC fail and DNA QC fail -> NTRK FISH (RX-QC-FALLBACK, docs/reflex.md [D])")
        void rnaAndDnaQcFailGoToFish() {
            lab.accession(Cases.tissue("GB"));
            lab.qc(RNA_NGS, QcVerdict.FAIL);
            lab.qc(DNA_NGS, QcVerdict.FAIL);
            ReflexOutput.Ordered o = only(lab.qc(NTRK_FISH, QcVerdict.PASS));
            assertThat(o.assay()).isEqualTo(NTRK_FISH);
            assertThat(o.rationale()).contains("failed QC: [RNA_NGS, DNA_NGS]");
        }

        @Test
        @DisplayName("High-prevalence type with RNA QC fail -> break-apart FISH, else RT-PCR, DNA-NGS last (ESMO 2019: FISH and RT-PCR accepted in these types)")
        void highPrevalenceFallsBackToMethodsThatSeeEtv6Ntrk3() {
            lab.accession(Cases.tissue("HNMASC"));
            lab.qc(RNA_NGS, QcVerdict.FAIL);
            lab.qc(DNA_NGS, QcVerdict.PASS);
            ReflexOutput.Ordered fish = only(lab.qc(NTRK_FISH, QcVerdict.PASS));
            assertThat(fish.assay()).isEqualTo(NTRK_FISH);
            assertThat(fish.rationale()).contains("RX-ROUTE-HIGH-PREVALENCE preferred RNA_NGS");
            assertThat(fish.targetGenes()).containsExactly(NtrkGene.NTRK1, NtrkGene.NTRK2, NtrkGene.NTRK3);

            Lab other = new Lab(Cases.desk());
            other.accession(Cases.tissue("IFS"));
            other.qc(RNA_NGS, QcVerdict.FAIL);
            other.qc(NTRK_FISH, QcVerdict.FAIL);
            other.qc(DNA_NGS, QcVerdict.PASS);
            assertThat(only(other.qc(RT_PCR, QcVerdict.PASS)).assay()).isEqualTo(RT_PCR);
        }

        @Test
        @DisplayName("Every assay of the route failing QC -> request a new specimen, nothing ordered")
        void everyAssayFailsQc() {
            lab.accession(Cases.tissue("GB"));
            lab.qc(RNA_NGS, QcVerdict.FAIL);
            lab.qc(DNA_NGS, QcVerdict.FAIL);
            ReflexOutput.Recommended r = advice(lab.qc(NTRK_FISH, QcVerdict.FAIL));
            assertThat(r.recommendation()).isEqualTo(Recommendation.REQUEST_NEW_SPECIMEN);
            assertThat(r.ruleId()).isEqualTo("RX-NO-QUALIFYING-ASSAY");
            assertThat(lab.orders()).isEmpty();
        }

        @Test
        @DisplayName("Plasma failing cfDNA QC -> test tissue (ESMO ctDNA 2022)")
        void plasmaQcFail() {
            lab.accession(LabEvents.plasmaWorkUp(BloodTubeType.K2EDTA));
            ReflexOutput.Recommended r = advice(lab.qc(CFDNA_NGS, QcVerdict.FAIL));
            assertThat(r.recommendation()).isEqualTo(Recommendation.TEST_TISSUE);
        }

        @Test
        @DisplayName("Explicit requests are honoured as asked, each once its QC passes; no algorithm route is added")
        void explicitRequest() {
            lab.accession(Cases.explicit(Cases.tissue("LUAD"), DNA_NGS, NTRK_FISH));
            List<ReflexOutput> out = lab.qcPassAll();
            assertThat(lab.orders()).extracting(ReflexOutput.Ordered::assay).containsExactly(NTRK_FISH, DNA_NGS);
            assertThat(lab.orders()).allSatisfy(o -> {
                assertThat(o.ruleId()).isEqualTo("RX-EXPLICIT-REQUEST");
                assertThat(o.reason()).isEqualTo(OrderReason.INITIAL);
            });
            assertThat(out).hasSize(2);
        }

        @Test
        @DisplayName("An explicitly requested assay that fails QC is not replaced by an assay outside the request: advice instead")
        void explicitRequestQcFailAdvises() {
            lab.accession(Cases.explicit(Cases.tissue("LUAD"), RNA_NGS));
            ReflexOutput.Recommended r = advice(lab.qc(RNA_NGS, QcVerdict.FAIL));
            assertThat(r.recommendation()).isEqualTo(Recommendation.CONSIDER_ALTERNATIVE_METHOD);
            assertThat(r.ruleId()).isEqualTo("RX-NOT-REQUESTED");
            assertThat(r.rationale()).contains("RX-EXPLICIT-REQUEST would order DNA_NGS");
            assertThat(lab.orders()).isEmpty();
        }

        @Test
        @DisplayName("Explicit [RNA-NGS, DNA-NGS] with RNA QC fail: DNA-NGS is ordered as requested, not as a fallback")
        void explicitRequestsKeepTheirOwnRule() {
            lab.accession(Cases.explicit(Cases.tissue("LUAD"), RNA_NGS, DNA_NGS));
            assertThat(lab.qc(RNA_NGS, QcVerdict.FAIL)).isEmpty();
            ReflexOutput.Ordered dna = only(lab.qc(DNA_NGS, QcVerdict.PASS));
            assertThat(dna.assay()).isEqualTo(DNA_NGS);
            assertThat(dna.ruleId()).isEqualTo("RX-EXPLICIT-REQUEST");
            assertThat(lab.written()).hasSize(1);
        }

        @Test
        @DisplayName("A reflex outside an explicit request becomes advice naming the rule (IHC positive, RNA-NGS not requested)")
        void explicitRequestReflexAdvises() {
            lab.accession(Cases.explicit(Cases.tissue("LUAD"), PAN_TRK_IHC));
            lab.qc(PAN_TRK_IHC, QcVerdict.PASS);
            ReflexOutput.Recommended r = advice(lab.result(ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.POSITIVE));
            assertThat(r.ruleId()).isEqualTo("RX-NOT-REQUESTED");
            assertThat(r.rationale()).contains("RX-IHC-POSITIVE would order RNA_NGS");
            assertThat(r.trigger().orderId()).isEqualTo(ACC + "-IHC1");
        }
    }

    @Nested
    @DisplayName("Reflex after a result (docs/reflex.md#reflex-after-a-result)")
    class AfterResult {

        private String ihcScreened() {
            lab.accession(Cases.tissue("LUAD"));
            lab.qcPassAll();
            return ACC + "-IHC1";
        }

        @ParameterizedTest(name = "IHC {0} -> RNA-NGS by {1}")
        @CsvSource({"POSITIVE, RX-IHC-POSITIVE", "EQUIVOCAL, RX-IHC-EQUIVOCAL", "NON_EVALUABLE, RX-IHC-NON-EVALUABLE"})
        @DisplayName("IHC positive, equivocal or non-evaluable -> RNA-NGS confirmation (ESMO 2019: IHC also stains wild-type TRK)")
        void ihcNeedsConfirmation(AssayInterpretation ihc, String rule) {
            String ihcOrder = ihcScreened();
            List<ReflexOutput> out = lab.result("result-1", ihcOrder, PAN_TRK_IHC, ihc);
            ReflexOutput.Ordered o = only(out);
            assertThat(o.assay()).isEqualTo(RNA_NGS);
            assertThat(o.reason()).isEqualTo(OrderReason.REFLEX);
            assertThat(o.ruleId()).isEqualTo(rule);
            assertThat(o.chainDepth()).isEqualTo(1);
            assertThat(o.trigger()).isEqualTo(new Trigger(ihcOrder, PAN_TRK_IHC, "result-1"));
        }

        @Test
        @DisplayName("IHC negative with standard suspicion -> stop")
        void ihcNegativeStops() {
            assertThat(lab.result(ihcScreened(), PAN_TRK_IHC, AssayInterpretation.NEGATIVE)).isEmpty();
            assertThat(lab.lastOutcome).isEqualTo("ihc_negative_standard_suspicion");
        }

        @Test
        @DisplayName("IHC negative with HIGH suspicion -> RNA-NGS (NTRK3 IHC sensitivity 79.4%, Solomon 2020)")
        void ihcNegativeHighSuspicion() {
            lab.accession(Cases.highSuspicion(Cases.tissue("LUAD")));
            lab.qcPassAll();
            ReflexOutput.Ordered o = only(lab.result(ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.NEGATIVE));
            assertThat(o.assay()).isEqualTo(RNA_NGS);
            assertThat(o.ruleId()).isEqualTo("RX-IHC-NEGATIVE-HIGH-SUSPICION");
            assertThat(o.rationale()).contains("79.4%");
        }

        @Test
        @DisplayName("RNA-NGS failed -> DNA-NGS when DNA QC passed (RX-RNA-FAILED, docs/reflex.md [D])")
        void rnaFailedGoesToDna() {
            lab.accession(Cases.tissue("GB"));
            lab.qcPassAll();
            ReflexOutput.Ordered o = only(lab.result(ACC + "-RNA1", RNA_NGS, AssayInterpretation.FAILED));
            assertThat(o.assay()).isEqualTo(DNA_NGS);
            assertThat(o.ruleId()).isEqualTo("RX-RNA-FAILED");
        }

        @Test
        @DisplayName("RNA-NGS failed and DNA QC failed -> NTRK FISH (RX-RNA-FAILED, docs/reflex.md [D])")
        void rnaFailedDnaQcFailedGoesToFish() {
            lab.accession(Cases.tissue("GB"));
            lab.qc(RNA_NGS, QcVerdict.PASS);
            lab.qc(DNA_NGS, QcVerdict.FAIL);
            lab.qc(NTRK_FISH, QcVerdict.PASS);
            ReflexOutput.Ordered o = only(lab.result(ACC + "-RNA1", RNA_NGS, AssayInterpretation.FAILED));
            assertThat(o.assay()).isEqualTo(NTRK_FISH);
            assertThat(o.reason()).isEqualTo(OrderReason.REFLEX);
            assertThat(o.ruleId()).isEqualTo("RX-QC-FALLBACK");
            assertThat(o.rationale()).contains("RX-RNA-FAILED preferred DNA_NGS");
        }

        @Test
        @DisplayName("A run failing for a specimen reason moves on (LOW_MAPPED_READS -> DNA-NGS); a technical one is retested once")
        void runFailures() {
            lab.accession(Cases.tissue("GB"));
            lab.qcPassAll();
            ReflexOutput.Ordered retest = only(lab.runFailed(ACC + "-RNA1", RNA_NGS, RunFailureReason.INSTRUMENT_ERROR));
            assertThat(retest.assay()).isEqualTo(RNA_NGS);
            assertThat(retest.reason()).isEqualTo(OrderReason.RETEST);
            assertThat(retest.orderId()).isEqualTo(ACC + "-RNA2");
            assertThat(retest.ruleId()).isEqualTo("RX-RETEST-TECHNICAL-FAILURE");
            // The one retest allowed is used: the next technical failure moves on like a specimen failure.
            ReflexOutput.Ordered next = only(lab.runFailed(ACC + "-RNA2", RNA_NGS, RunFailureReason.CONTROL_FAILURE));
            assertThat(next.assay()).isEqualTo(DNA_NGS);
            assertThat(next.ruleId()).isEqualTo("RX-RNA-FAILED");
            assertThat(next.chainDepth()).isEqualTo(2);
            ReflexOutput.Ordered fish = only(lab.runFailed(ACC + "-DNA1", DNA_NGS, RunFailureReason.INSUFFICIENT_LIBRARY));
            assertThat(fish.assay()).isEqualTo(NTRK_FISH);
            assertThat(fish.ruleId()).isEqualTo("RX-DNA-FAILED");
        }

        @Test
        @DisplayName("DNA-NGS no fusion with HIGH suspicion -> RNA-NGS (DNA panels miss NTRK2/3 breakpoints, Solomon 2020)")
        void dnaNegativeHighSuspicion() {
            lab.accession(Cases.highSuspicion(Cases.tissue("LUAD")));
            lab.qc(PAN_TRK_IHC, QcVerdict.PASS);
            lab.qc(RNA_NGS, QcVerdict.FAIL);
            lab.qc(DNA_NGS, QcVerdict.PASS);
            assertThat(only(lab.result(ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.POSITIVE)).assay())
                    .isEqualTo(DNA_NGS);
            // A re-extraction gives RNA good enough after all.
            lab.qc(RNA_NGS, QcVerdict.PASS);
            ReflexOutput.Ordered o = only(lab.result(ACC + "-DNA1", DNA_NGS, AssayInterpretation.NEGATIVE));
            assertThat(o.assay()).isEqualTo(RNA_NGS);
            assertThat(o.ruleId()).isEqualTo("RX-DNA-NEGATIVE-HIGH-SUSPICION");
            assertThat(o.chainDepth()).isEqualTo(2);
        }

        @Test
        @DisplayName("An equivocal molecular result -> the next molecular method not yet tried [D]")
        void molecularEquivocal() {
            lab.accession(Cases.tissue("LUAD"));
            lab.qcPassAll();
            lab.result(ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.POSITIVE);
            ReflexOutput.Ordered o = only(lab.result(ACC + "-RNA1", RNA_NGS, AssayInterpretation.EQUIVOCAL));
            assertThat(o.assay()).isEqualTo(NTRK_FISH);
            assertThat(o.ruleId()).isEqualTo("RX-MOLECULAR-EQUIVOCAL");
        }

        @Test
        @DisplayName("An order blocked by a later failed QC decision is treated as RNA QC FAIL -> DNA-NGS (RX-RNA-FAILED)")
        void blockedOrderFallsBack() {
            lab.accession(Cases.tissue("GB"));
            lab.qcPassAll();
            lab.qc(RNA_NGS, QcVerdict.FAIL);
            ReflexOutput.Ordered o = only(lab.blocked(ACC + "-RNA1", RNA_NGS));
            assertThat(o.assay()).isEqualTo(DNA_NGS);
            assertThat(o.ruleId()).isEqualTo("RX-RNA-FAILED");
            assertThat(lab.blocked(ACC + "-RNA1", RNA_NGS)).as("reported twice, acted on once").isEmpty();
        }

        @Test
        @DisplayName("No retest on material that has failed QC since: a technical run failure then moves on")
        void noRetestAfterQcFail() {
            lab.accession(Cases.tissue("GB"));
            lab.qcPassAll();
            lab.qc(RNA_NGS, QcVerdict.FAIL);
            ReflexOutput.Ordered o = only(lab.runFailed(ACC + "-RNA1", RNA_NGS, RunFailureReason.INSTRUMENT_ERROR));
            assertThat(o.assay()).isEqualTo(DNA_NGS);
            assertThat(o.reason()).isEqualTo(OrderReason.REFLEX);
        }

        @Test
        @DisplayName("DNA-NGS no fusion with standard suspicion -> stop")
        void dnaNegativeStandard() {
            lab.accession(Cases.explicit(Cases.tissue("LUAD"), DNA_NGS));
            lab.qcPassAll();
            assertThat(lab.result(ACC + "-DNA1", DNA_NGS, AssayInterpretation.NEGATIVE)).isEmpty();
        }

        @ParameterizedTest(name = "cfDNA {0} -> test tissue by {1}")
        @CsvSource({"NEGATIVE, RX-CFDNA-NOT-DETECTED", "EQUIVOCAL, RX-CFDNA-NOT-DETECTED", "FAILED, RX-CFDNA-FAILED"})
        @DisplayName("cfDNA not detected is non-informative -> ReflexRecommended TEST_TISSUE (ESMO ctDNA 2022)")
        void cfDnaNotDetected(AssayInterpretation cfdna, String rule) {
            lab.accession(LabEvents.plasmaWorkUp(BloodTubeType.STRECK_BCT));
            lab.qc(CFDNA_NGS, QcVerdict.PASS);
            ReflexOutput.Recommended r = advice(lab.result(ACC + "-CFDNA1", CFDNA_NGS, cfdna));
            assertThat(r.recommendation()).isEqualTo(Recommendation.TEST_TISSUE);
            assertThat(r.ruleId()).isEqualTo(rule);
            assertThat(r.reference()).contains("ESMO ctDNA");
            assertThat(r.trigger().orderId()).isEqualTo(ACC + "-CFDNA1");
        }

        @Test
        @DisplayName("A positive molecular result ends the chain")
        void positiveStops() {
            lab.accession(Cases.tissue("HNMASC"));
            lab.qcPassAll();
            assertThat(lab.result(ACC + "-RNA1", RNA_NGS, AssayInterpretation.POSITIVE)).isEmpty();
            assertThat(lab.lastOutcome).isEqualTo("fusion_detected");
        }
    }

    @Nested
    @DisplayName("No duplicate orders; bounded chains (docs/reflex.md)")
    class Bounds {

        @Test
        @DisplayName("An assay already ordered is not ordered again by a reflex")
        void noDuplicateOrder() {
            lab.accession(Cases.explicit(Cases.tissue("LUAD"), PAN_TRK_IHC, RNA_NGS));
            lab.qcPassAll();
            assertThat(lab.orders()).hasSize(2);
            assertThat(lab.result(ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.POSITIVE)).isEmpty();
            assertThat(lab.orders()).extracting(ReflexOutput.Ordered::assay).containsExactly(PAN_TRK_IHC, RNA_NGS);
        }

        @Test
        @DisplayName("The same result delivered twice orders once")
        void sameResultTwice() {
            lab.accession(Cases.tissue("LUAD"));
            lab.qcPassAll();
            assertThat(lab.result("r-1", ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.POSITIVE)).hasSize(1);
            assertThat(lab.result("r-2", ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.POSITIVE)).isEmpty();
            assertThat(lab.lastOutcome).isEqualTo("duplicate");
        }

        @Test
        @DisplayName("A chain that would go deeper than max-chain-depth ends in advice for pathologist review")
        void chainDepthBounded() {
            ReflexRuleTable defaults = ReflexRuleTableLoader.defaults();
            ReflexRuleTable shallow = new ReflexRuleTable(defaults.version(), defaults.paediatricAgeBelow(), 1,
                    defaults.maxRetestsPerAssay(), defaults.retestRunFailures(), defaults.tumourTypes());
            Lab bounded = new Lab(new ReflexDesk(new ReflexPolicy(shallow), Duration.ofDays(1)));
            bounded.accession(Cases.tissue("LUAD"));
            bounded.qcPassAll();
            assertThat(only(bounded.result(ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.POSITIVE)).chainDepth())
                    .isEqualTo(1);
            ReflexOutput.Recommended r = advice(bounded.result(ACC + "-RNA1", RNA_NGS, AssayInterpretation.FAILED));
            assertThat(r.recommendation()).isEqualTo(Recommendation.CONSIDER_ALTERNATIVE_METHOD);
            assertThat(r.ruleId()).isEqualTo("RX-CHAIN-LIMIT");
            assertThat(bounded.orders()).hasSize(2);
        }

        @Test
        @DisplayName("The longest default chain ends when every molecular method has been tried")
        void chainEndsWhenMethodsRunOut() {
            lab.accession(Cases.tissue("LUAD"));
            lab.qcPassAll();
            lab.result(ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.POSITIVE);
            lab.result(ACC + "-RNA1", RNA_NGS, AssayInterpretation.FAILED);
            lab.result(ACC + "-DNA1", DNA_NGS, AssayInterpretation.FAILED);
            lab.result(ACC + "-FISH1", NTRK_FISH, AssayInterpretation.FAILED);
            assertThat(lab.orders()).extracting(ReflexOutput.Ordered::assay)
                    .containsExactly(PAN_TRK_IHC, RNA_NGS, DNA_NGS, NTRK_FISH, RT_PCR);
            assertThat(lab.result(ACC + "-PCR1", RT_PCR, AssayInterpretation.FAILED)).isEmpty();
        }

        @Test
        @DisplayName("A method tried and failed is passed over: RNA failed, DNA negative with HIGH suspicion -> FISH")
        void failedMethodPassedOver() {
            lab.accession(Cases.highSuspicion(Cases.tissue("GB")));
            lab.qcPassAll();
            lab.result(ACC + "-RNA1", RNA_NGS, AssayInterpretation.FAILED);
            ReflexOutput.Ordered fish = only(lab.result(ACC + "-DNA1", DNA_NGS, AssayInterpretation.NEGATIVE));
            assertThat(fish.assay()).isEqualTo(NTRK_FISH);
            assertThat(fish.ruleId()).isEqualTo("RX-DNA-NEGATIVE-HIGH-SUSPICION");
        }

        @Test
        @DisplayName("After cancellation nothing more is ordered, not even what was waiting for QC")
        void cancelled() {
            lab.accession(Cases.tissue("LUAD"));
            lab.cancel();
            assertThat(lab.qcPassAll()).isEmpty();
            assertThat(lab.written()).isEmpty();
        }

        @Test
        @DisplayName("The same inputs give the same orders, ids and event ids (replay)")
        void deterministic() {
            Lab again = new Lab(Cases.desk());
            for (Lab l : List.of(lab, again)) {
                l.accession(Cases.tissue("LUAD"));
                l.qcPassAll();
                l.result(ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.POSITIVE);
            }
            assertThat(again.written()).isEqualTo(lab.written());
        }
    }

    @Nested
    @DisplayName("Settled announcements: reporting drafts only when reflex has nothing more to order (docs/reporting.md)")
    class Settled {

        private String outcomes(ReflexOutput.Settled s) {
            return s.orders().stream().map(o -> o.orderId().substring(ACC.length() + 1) + " " + o.outcomeState()
                    + (o.outcomeInterpretation() == null ? "" : " " + o.outcomeInterpretation())).toList().toString();
        }

        @Test
        @DisplayName("IHC negative, standard suspicion: settled on the result, listing it")
        void settledOnFinalResult() {
            lab.accession(Cases.tissue("LUAD"));
            lab.qcPassAll();
            assertThat(lab.settled).isEmpty();
            lab.result(ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.NEGATIVE);
            assertThat(lab.settled).hasSize(1);
            assertThat(outcomes(lab.settled.get(0))).isEqualTo("[IHC1 RESULTED NEGATIVE]");
        }

        @Test
        @DisplayName("A result that triggers a reflex does not settle; the reflex's result does, listing both")
        void notSettledWhileReflexOpen() {
            lab.accession(Cases.tissue("LUAD"));
            lab.qcPassAll();
            lab.result(ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.POSITIVE);
            assertThat(lab.settled).isEmpty();
            lab.result(ACC + "-RNA1", RNA_NGS, AssayInterpretation.POSITIVE);
            assertThat(lab.settled).hasSize(1);
            assertThat(outcomes(lab.settled.get(0))).isEqualTo("[IHC1 RESULTED POSITIVE, RNA1 RESULTED POSITIVE]");
        }

        @Test
        @DisplayName("The same outcomes are announced once; a changed outcome is announced again")
        void announcedOncePerOutcomes() {
            lab.accession(Cases.tissue("LUAD"));
            lab.qcPassAll();
            lab.result(ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.NEGATIVE);
            lab.result(ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.NEGATIVE);
            lab.qc(RT_PCR, QcVerdict.PASS_WITH_CAVEAT);
            assertThat(lab.settled).hasSize(1);
            lab.runFailed(ACC + "-IHC1", PAN_TRK_IHC, RunFailureReason.INSUFFICIENT_TISSUE);
            assertThat(lab.settled).hasSize(1);
            lab.result(ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.NON_EVALUABLE);
            // NON_EVALUABLE reflexes to RNA-NGS: not settled until it has a result.
            assertThat(lab.settled).hasSize(1);
            lab.result(ACC + "-RNA1", RNA_NGS, AssayInterpretation.NEGATIVE);
            assertThat(lab.settled).hasSize(2);
            assertThat(outcomes(lab.settled.get(1))).isEqualTo("[IHC1 RESULTED NON_EVALUABLE, RNA1 RESULTED NEGATIVE]");
        }

        @Test
        @DisplayName("Every assay failing QC: the advice, then settled with no order")
        void settledWithoutOrders() {
            lab.accession(Cases.tissue("GB"));
            lab.qc(RNA_NGS, QcVerdict.FAIL);
            lab.qc(DNA_NGS, QcVerdict.FAIL);
            assertThat(lab.settled).isEmpty();
            lab.qc(NTRK_FISH, QcVerdict.FAIL);
            assertThat(lab.settled).hasSize(1);
            assertThat(lab.settled.get(0).orders()).isEmpty();
        }

        @Test
        @DisplayName("Waiting for a QC decision is not settled; a cancelled accession never is")
        void waitingOrCancelledNeverSettled() {
            lab.accession(Cases.tissue("LUAD"));
            assertThat(lab.settled).isEmpty();
            lab.cancel();
            lab.qcPassAll();
            assertThat(lab.settled).isEmpty();
        }

        /**
         * Settles the lab's case (LUAD, IHC negative) and returns it as an earlier version stored it: never
         * announced, last changed at wall-clock 0.
         */
        private ReflexCase storedBeforeAnnouncements() {
            lab.accession(Cases.tissue("LUAD"));
            lab.qcPassAll();
            lab.result(ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.NEGATIVE);
            ReflexCase c = lab.state;
            return new ReflexCase(c.accessionId(), c.facts(), false, c.qc(), c.orders(), c.pending(), c.advised(), 0,
                    null);
        }

        @Test
        @DisplayName("A case settled before announcements existed is announced once by housekeeping")
        void earlierSettledCaseAnnouncedByHousekeeping() {
            ReflexCase stored = storedBeforeAnnouncements();
            assertThat(settled(Cases.desk().announceEarlierSettled(lab.state, AT))).isNull();

            Decision<ReflexCase, ReflexOutput> step = Cases.desk().announceEarlierSettled(stored, AT);
            assertThat(outcomes(settled(step))).isEqualTo("[IHC1 RESULTED NEGATIVE]");
            assertThat(settled(Cases.desk().announceEarlierSettled(step.state(), AT))).isNull();
        }

        @Test
        @DisplayName("Housekeeping forgets a case idle beyond the retention, or else announces an earlier settled one")
        void housekeepingEvictsOrAnnounces() {
            ReflexCase stored = storedBeforeAnnouncements();
            ReflexDesk desk = Cases.desk();

            Decision<ReflexCase, ReflexOutput> announced = desk.housekeep(ACC, stored, Cases.at(1));
            assertThat(announced.outcome()).isEqualTo("announced_earlier_settled");
            assertThat(outcomes(settled(announced))).isEqualTo("[IHC1 RESULTED NEGATIVE]");
            assertThat(desk.housekeep(ACC, announced.state(), Cases.at(1)).changesAnything()).isFalse();

            Decision<ReflexCase, ReflexOutput> evicted = desk.housekeep(ACC, stored, Cases.at(Duration.ofDays(31)
                    .toMillis()));
            assertThat(evicted.delete()).isTrue();
            assertThat(evicted.outputs()).isEmpty();
        }

        @Test
        @DisplayName("The announcement's event id derives from its cause, so a replay writes the same id")
        void deterministicId() {
            Lab again = new Lab(Cases.desk());
            for (Lab l : List.of(lab, again)) {
                l.accession(Cases.tissue("LUAD"));
                l.qcPassAll();
                l.result(ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.NEGATIVE);
            }
            assertThat(again.settled.get(0).eventId()).isEqualTo(lab.settled.get(0).eventId());
        }
    }

    @Nested
    @DisplayName("Clinical fidelity: high-prevalence types, DNA-only negatives, FISH probes (ESMO 2019; Solomon et al. 2020)")
    class ClinicalFidelity {

        @Test
        @DisplayName("High-prevalence type, RNA-NGS run failed -> break-apart FISH by RX-RNA-FAILED-HIGH-PREVALENCE, not DNA-NGS (ESMO 2019)")
        void highPrevalenceRnaFailureGoesToFish() {
            lab.accession(Cases.tissue("JSCB"));
            lab.qcPassAll();
            ReflexOutput.Ordered o = only(lab.runFailed(ACC + "-RNA1", RNA_NGS, RunFailureReason.LOW_MAPPED_READS));
            assertThat(o.assay()).isEqualTo(NTRK_FISH);
            assertThat(o.ruleId()).isEqualTo("RX-RNA-FAILED-HIGH-PREVALENCE");
            assertThat(o.reference()).contains("Marchio");
            // FISH failing too: RT-PCR for ETV6::NTRK3 comes before DNA-NGS.
            ReflexOutput.Ordered pcr = only(lab.runFailed(ACC + "-FISH1", NTRK_FISH, RunFailureReason.INSUFFICIENT_TISSUE));
            assertThat(pcr.assay()).isEqualTo(RT_PCR);
        }

        @Test
        @DisplayName("High-prevalence type counts as HIGH suspicion whatever the request says: DNA-NGS negative reflexes on (ESMO 2019: fusions in >90%)")
        void highPrevalenceDnaNegativeReflexes() {
            lab.accession(Cases.tissue("IFS"));
            lab.qc(RNA_NGS, QcVerdict.FAIL);
            lab.qc(NTRK_FISH, QcVerdict.FAIL);
            lab.qc(RT_PCR, QcVerdict.FAIL);
            ReflexOutput.Ordered dna = only(lab.qc(DNA_NGS, QcVerdict.PASS));
            assertThat(dna.assay()).isEqualTo(DNA_NGS);
            List<ReflexOutput> after = lab.result(ACC + "-DNA1", DNA_NGS, AssayInterpretation.NEGATIVE);
            // RNA-NGS, FISH and RT-PCR all failed QC: nothing can be run, a new specimen is advised.
            ReflexOutput.Recommended r = advice(after);
            assertThat(r.ruleId()).isEqualTo("RX-NO-QUALIFYING-ASSAY");
            assertThat(r.rationale()).contains("RX-DNA-NEGATIVE-HIGH-SUSPICION");
            assertThat(lab.settled).last().satisfies(s -> {
                assertThat(s.suspicion()).isEqualTo(ClinicalSuspicion.HIGH);
                assertThat(s.route()).isEqualTo(TumourRoute.HIGH_PREVALENCE);
                assertThat(s.ruleSetVersion()).isEqualTo(Cases.desk().policy().table().version());
            });
        }

        @Test
        @DisplayName("High-prevalence explicit DNA-NGS request: the negative becomes advice for RNA-NGS, since the type is HIGH suspicion")
        void highPrevalenceExplicitRequestIsHighSuspicion() {
            lab.accession(Cases.explicit(Cases.tissue("HNMASC"), DNA_NGS));
            lab.qcPassAll();
            ReflexOutput.Recommended r = advice(lab.result(ACC + "-DNA1", DNA_NGS, AssayInterpretation.NEGATIVE));
            assertThat(r.ruleId()).isEqualTo("RX-NOT-REQUESTED");
            assertThat(r.rationale()).contains("RX-DNA-NEGATIVE-HIGH-SUSPICION").contains("RNA_NGS");
        }

        @Test
        @DisplayName("DNA-NGS negative after a positive pan-TRK IHC -> RNA-NGS by RX-DNA-NEGATIVE-IHC-POSITIVE (DNA panels miss NTRK2/3 breakpoints)")
        void dnaNegativeAfterIhcPositive() {
            lab.accession(Cases.tissue("LUAD"));
            lab.qc(PAN_TRK_IHC, QcVerdict.PASS);
            lab.qc(RNA_NGS, QcVerdict.FAIL);
            lab.qc(DNA_NGS, QcVerdict.PASS);
            lab.qc(NTRK_FISH, QcVerdict.PASS);
            ReflexOutput.Ordered dna = only(lab.result(ACC + "-IHC1", PAN_TRK_IHC, AssayInterpretation.POSITIVE));
            assertThat(dna.assay()).isEqualTo(DNA_NGS);
            ReflexOutput.Ordered fish = only(lab.result(ACC + "-DNA1", DNA_NGS, AssayInterpretation.NEGATIVE));
            assertThat(fish.assay()).isEqualTo(NTRK_FISH);
            assertThat(fish.ruleId()).isEqualTo("RX-QC-FALLBACK");
            assertThat(fish.rationale()).contains("RX-DNA-NEGATIVE-IHC-POSITIVE preferred RNA_NGS");
            assertThat(fish.targetGenes()).containsExactly(NtrkGene.NTRK1, NtrkGene.NTRK2, NtrkGene.NTRK3);
        }

        @Test
        @DisplayName("DNA-NGS negative with standard suspicion, no stained IHC, ordinary type -> stop (unchanged)")
        void dnaNegativeStandardStops() {
            lab.accession(Cases.tissue("GB"));
            lab.qc(RNA_NGS, QcVerdict.FAIL);
            lab.qc(DNA_NGS, QcVerdict.PASS);
            assertThat(lab.result(ACC + "-DNA1", DNA_NGS, AssayInterpretation.NEGATIVE)).isEmpty();
            assertThat(lab.settled).last().satisfies(s -> {
                assertThat(s.suspicion()).isEqualTo(ClinicalSuspicion.STANDARD);
                assertThat(s.route()).isEqualTo(TumourRoute.IHC_UNRELIABLE);
            });
        }

        @Test
        @DisplayName("Every order and advice names the rule table version (reflex-rules-2026.2)")
        void versionNamed() {
            lab.accession(Cases.tissue("LUAD"));
            lab.qcPassAll();
            assertThat(lab.orders()).isNotEmpty().allSatisfy(o -> assertThat(o.ruleSetVersion())
                    .isEqualTo("reflex-rules-2026.2"));
            assertThat(lab.orders()).allSatisfy(o -> assertThat(o.targetGenes()).isEmpty());
        }
    }
}
