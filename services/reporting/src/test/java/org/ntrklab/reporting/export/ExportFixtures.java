package org.ntrklab.reporting.export;

import java.time.Instant;
import java.util.List;
import org.ntrklab.events.AmpTier;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssaySummary;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.QcLimitation;
import org.ntrklab.events.QcMetric;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.ReportContent;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.events.ReportedFusion;
import org.ntrklab.events.RevisionReason;
import org.ntrklab.events.TumourType;

/** Report versions for the exporter tests. Identifiers are synthetic; no patient data of any kind. */
final class ExportFixtures {

    static final String ACCESSION = "NT26-03-000123";
    static final String ORDER = "ORD-4711";
    static final String SPECIMEN = "SP-26-0042";
    static final String PATIENT_REF = "PSN-8F3K2Q";
    static final String SIGNED_OUT_BY = "pathologist-07";
    static final Instant ISSUED = Instant.parse("2026-02-03T14:05:09.123Z");
    static final String CONCORDANCE =
            "Pan-TRK IHC positive; concordant with the ETV6::NTRK3 fusion detected by RNA NGS.";
    static final String INTERPRETATION = "An in-frame ETV6::NTRK3 fusion retaining the NTRK3 kinase domain was"
            + " detected. NTRK fusion-positive solid tumours are eligible for TRK inhibitor therapy.";
    static final List<String> LIMITATIONS = List.of(
            "RNA NGS does not detect fusions whose breakpoints lie outside the targeted exons.",
            "Tumour content of the sample was 30%; a subclonal fusion below the limit of detection cannot be"
                    + " excluded.");

    private ExportFixtures() {
    }

    static ReportedFusion etv6Ntrk3() {
        return ReportedFusion.newBuilder()
                .setHgncName("ETV6::NTRK3")
                .setDescription("ETV6 exon 5 :: NTRK3 exon 15")
                .setNtrkGene(NtrkGene.NTRK3)
                .setFivePrimeGene("ETV6")
                .setThreePrimeGene("NTRK3")
                .setFivePrimeExon(5)
                .setThreePrimeExon(15)
                .setInFrame(true)
                .setKinaseDomainRetained(true)
                .setTier(AmpTier.TIER_I_LEVEL_A)
                .setDetectedBy(AssayType.RNA_NGS)
                .build();
    }

    static ReportedFusion fishNtrk3() {
        return ReportedFusion.newBuilder()
                .setHgncName("NTRK3")
                .setDescription("NTRK3 rearrangement (break-apart FISH; partner not identified)")
                .setNtrkGene(NtrkGene.NTRK3)
                .setDetectedBy(AssayType.NTRK_FISH)
                .build();
    }

    static ReportedFusion fusion(String fivePrime, String threePrime, NtrkGene gene, String description) {
        return ReportedFusion.newBuilder()
                .setHgncName(fivePrime + "::" + threePrime)
                .setDescription(description)
                .setNtrkGene(gene)
                .setFivePrimeGene(fivePrime)
                .setThreePrimeGene(threePrime)
                .setTier(AmpTier.TIER_I_LEVEL_A)
                .setDetectedBy(AssayType.RNA_NGS)
                .build();
    }

    /** POSITIVE: ETV6::NTRK3 by RNA NGS, IHC positive, concordance stated, two limitations. */
    static ReportContent.Builder positiveContent() {
        return ReportContent.newBuilder()
                .setOrderId(ORDER)
                .setSpecimenId(SPECIMEN)
                .setPatientRef(PATIENT_REF)
                .setTumourType(TumourType.newBuilder().setOncoTreeCode("HNMASC")
                        .setText("Secretory carcinoma of the salivary gland").build())
                .setOverallCall(OverallCall.POSITIVE)
                .setFusions(List.of(etv6Ntrk3()))
                .setAssays(List.of(
                        assay(AssayType.PAN_TRK_IHC, AssayInterpretation.POSITIVE),
                        assay(AssayType.RNA_NGS, AssayInterpretation.POSITIVE)))
                .setConcordance(CONCORDANCE)
                .setLimitations(LIMITATIONS)
                .setInterpretation(INTERPRETATION);
    }

    static final String QC_STATEMENT = "RNA-NGS (NT26-01-000001-RNA1) was run on material with a sample-QC caveat,"
            + " QC-RNA-TUMOUR: tumour nuclei 15% (FAIL if < 10; PASS_WITH_CAVEAT if < 20; QC table t1): the result"
            + " is less certain, a negative result especially.";

    /** The sample-QC caveat of an RNA-NGS run on 15% tumour nuclei. */
    static QcLimitation rnaTumourCaveat() {
        return QcLimitation.newBuilder().setOrderId("NT26-01-000001-RNA1").setAssay(AssayType.RNA_NGS)
                .setRuleId("QC-RNA-TUMOUR").setMetric(QcMetric.TUMOUR_NUCLEI_PERCENT).setMeasuredValue(15.0)
                .setThresholdValue(20.0).setThreshold("FAIL if < 10; PASS_WITH_CAVEAT if < 20")
                .setVerdict(QcVerdict.PASS_WITH_CAVEAT).setRuleSetVersion("t1").setStatement(QC_STATEMENT).build();
    }

    /** Only a Tier III fusion (NTRK1 as the 5' partner): FUSION_OF_UNCERTAIN_SIGNIFICANCE. */
    static ReportContent.Builder uncertainContent() {
        ReportedFusion tierIii = ReportedFusion.newBuilder(fusion("NTRK1", "SQSTM1", NtrkGene.NTRK1,
                "NTRK1 exon 12 :: SQSTM1 exon 2")).setTier(AmpTier.TIER_III).setKinaseDomainRetained(false).build();
        return positiveContent().setOverallCall(OverallCall.FUSION_OF_UNCERTAIN_SIGNIFICANCE)
                .setFusions(List.of(tierIii)).setConcordance(null)
                .setInterpretation("NTRK fusion of uncertain significance detected: NTRK1::SQSTM1.");
    }

    /** A call without fusions (negative, inconclusive or failure). */
    static ReportContent.Builder contentWithoutFusion(OverallCall call) {
        return positiveContent()
                .setOverallCall(call)
                .setFusions(List.of())
                .setAssays(List.of(assay(AssayType.RNA_NGS, call == OverallCall.NEGATIVE
                        ? AssayInterpretation.NEGATIVE : AssayInterpretation.NON_EVALUABLE)))
                .setConcordance(null)
                .setLimitations(List.of("A negative result does not exclude an NTRK fusion below the limit of"
                        + " detection."))
                .setInterpretation("No NTRK1, NTRK2 or NTRK3 fusion was detected.");
    }

    static AssaySummary assay(AssayType type, AssayInterpretation interpretation) {
        return AssaySummary.newBuilder()
                .setOrderId(ORDER + "-" + type.name())
                .setAssay(type)
                .setState(AssayState.RESULTED)
                .setInterpretation(interpretation)
                .build();
    }

    static ReportExport finalReport(ReportContent content) {
        return new ReportExport(ACCESSION, 1, ReportStatus.FINAL, ISSUED, content, SIGNED_OUT_BY, null, null, null);
    }

    static ReportExport draft(ReportContent content) {
        return new ReportExport(ACCESSION, 1, null, ISSUED, content, null, null, null, null);
    }

    static ReportExport corrected(ReportContent content) {
        return new ReportExport(ACCESSION, 2, ReportStatus.CORRECTED, ISSUED.plusSeconds(86_400), content,
                SIGNED_OUT_BY, 1, RevisionReason.TRANSCRIPTION_ERROR, "NTRK3 exon number corrected from 14 to 15");
    }

    static ReportExport amended(ReportContent content) {
        return new ReportExport(ACCESSION, 2, ReportStatus.AMENDED, ISSUED.plusSeconds(86_400), content,
                SIGNED_OUT_BY, 1, RevisionReason.ADDITIONAL_INFORMATION, "Pan-TRK IHC result added");
    }
}
