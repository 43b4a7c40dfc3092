package org.ntrklab.desk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntrklab.desk.lab.Report;

/**
 * A reader of an amended or corrected report must see what the earlier version said that no longer holds;
 * a pathologist about to sign a redrafted report must see what it changes in the one already issued.
 */
class VersionChangesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private static final Report.FusionLine ETV6_NTRK3 = new Report.FusionLine("ETV6::NTRK3",
            "ETV6 exon 5 :: NTRK3 exon 15", "NTRK3", "ETV6", "NTRK3", 5, 15, true, true, "TIER_I_LEVEL_A", "RNA_NGS");
    private static final Report.FusionLine TPM3_NTRK1 = new Report.FusionLine("TPM3::NTRK1", null, "NTRK1", "TPM3",
            "NTRK1", null, null, null, null, null, "RT_PCR");

    private static Report.QcLine qc(String statement) {
        return new Report.QcLine("ORD-1", "RNA_NGS", "QC-TUMOUR-CONTENT", "TUMOUR_CONTENT", 15.0, null, 20.0,
                ">= 20%", "CAVEAT", "rules-7", statement);
    }

    private static Report.Body body(String call, List<Report.FusionLine> fusions, String concordance,
            List<String> limitations, String interpretation, List<Report.QcLine> qc) {
        return new Report.Body("ORD-1", "SPEC-1", "PAT-1", "HNMASC", "Secretory carcinoma", call, fusions, List.of(),
                concordance, limitations, interpretation, qc, "rules-7");
    }

    private static final Report.Body NEGATIVE = body("NEGATIVE", List.of(), "IHC and RNA NGS agree",
            List.of("Low tumour content"), "No NTRK fusion detected.", List.of(qc("Tumour content 15% (< 20%)")));
    private static final Report.Body POSITIVE = body("POSITIVE", List.of(ETV6_NTRK3), null,
            List.of("Low tumour content", "Decalcified with EDTA"), "NTRK fusion detected: ETV6::NTRK3.",
            List.of());

    private static Report.Version version(int number, String kind, Report.Body body, int minutes) {
        boolean issued = !"DRAFT".equals(kind);
        return new Report.Version(number, kind, body, T0.plusSeconds(60L * minutes), T0, issued ? "PATH-0042" : null,
                number > 1 && issued ? number - 1 : null, number > 1 ? "ANALYSIS_ERROR" : null, null,
                issued ? "Dr A. Example" : null);
    }

    @Test
    void everyChangeOfWhatTheClinicianReadsIsListedInTheReadersWords() {
        List<String> changes = VersionChanges.between(version(1, "FINAL", NEGATIVE, 10),
                version(2, "CORRECTED", POSITIVE, 20));

        assertThat(changes).containsExactly(
                "Overall call: NEGATIVE → POSITIVE",
                "Fusions: none → ETV6 exon 5 :: NTRK3 exon 15",
                "Concordance: IHC and RNA NGS agree → none",
                "Limitation added: Decalcified with EDTA",
                "QC caveat removed: Tumour content 15% (< 20%)",
                "Interpretation reworded");
    }

    @Test
    void aRemovedLimitationAndAnAddedQcCaveatAreListed() {
        List<String> changes = VersionChanges.between(version(1, "FINAL", POSITIVE, 10),
                version(2, "AMENDED", body("POSITIVE", List.of(ETV6_NTRK3), null, List.of("Decalcified with EDTA"),
                        "NTRK fusion detected: ETV6::NTRK3.", List.of(qc("Tumour content 15% (< 20%)"))), 20));

        assertThat(changes).containsExactly("Limitation removed: Low tumour content",
                "QC caveat added: Tumour content 15% (< 20%)");
    }

    @Test
    void aFusionWithoutADescriptionIsNamedTheHgncWay() {
        List<String> changes = VersionChanges.between(version(1, "FINAL", POSITIVE, 10),
                version(2, "CORRECTED", body("POSITIVE", List.of(ETV6_NTRK3, TPM3_NTRK1), null,
                        POSITIVE.limitations(), POSITIVE.interpretation(), List.of()), 20));

        assertThat(changes).containsExactly(
                "Fusions: ETV6 exon 5 :: NTRK3 exon 15 → ETV6 exon 5 :: NTRK3 exon 15, TPM3::NTRK1");
    }

    @Test
    void aRewordedLimitationReadsAsOneRemovedAndOneAdded() {
        List<String> changes = VersionChanges.between(version(1, "FINAL", NEGATIVE, 10),
                version(2, "AMENDED", body("NEGATIVE", List.of(), NEGATIVE.concordance(),
                        List.of("Low tumour content (15%)"), NEGATIVE.interpretation(), NEGATIVE.qcLimitations()),
                        20));

        assertThat(changes).containsExactly("Limitation added: Low tumour content (15%)",
                "Limitation removed: Low tumour content");
    }

    @Test
    void theSameContentHasNoChanges() {
        Report.Body same = body("NEGATIVE", List.of(), "IHC and RNA NGS agree", List.of("Low tumour content"),
                "No NTRK fusion detected.", List.of(qc("Tumour content 15% (< 20%)")));

        assertThat(VersionChanges.between(version(1, "FINAL", NEGATIVE, 10), version(2, "AMENDED", same, 20)))
                .isEmpty();
    }

    @Test
    void theFirstVersionHasNothingToCompareWith() {
        assertThat(VersionChanges.between(null, version(1, "DRAFT", POSITIVE, 0))).isEmpty();
        assertThat(VersionChanges.between(version(1, "FINAL", null, 0), version(2, "CORRECTED", POSITIVE, 5)))
                .as("a version without content shows no made-up changes").isEmpty();
    }

    @Test
    void historyIsNewestFirstAndEachVersionIsComparedWithTheLastOneIssued() {
        Report.Version draft1 = version(1, "DRAFT", NEGATIVE, 0);
        Report.Version final1 = version(1, "FINAL", NEGATIVE, 10);
        Report.Version draft2 = version(2, "DRAFT", POSITIVE, 20);
        Report.Version corrected2 = version(2, "CORRECTED", POSITIVE, 30);
        List<String> whatTheCorrectionChanged = List.of(
                "Overall call: NEGATIVE → POSITIVE",
                "Fusions: none → ETV6 exon 5 :: NTRK3 exon 15",
                "Concordance: IHC and RNA NGS agree → none",
                "Limitation added: Decalcified with EDTA",
                "QC caveat removed: Tumour content 15% (< 20%)",
                "Interpretation reworded");

        List<VersionChanges.Entry> history = VersionChanges.history(List.of(draft1, final1, draft2, corrected2));

        assertThat(history).extracting(VersionChanges.Entry::version)
                .containsExactly(corrected2, draft2, final1, draft1);
        assertThat(history.get(0).changes()).as("CORRECTED against FINAL, not against its own draft")
                .isEqualTo(whatTheCorrectionChanged);
        assertThat(history.get(1).changes()).as("the redraft against the version issued before it")
                .isEqualTo(whatTheCorrectionChanged);
        assertThat(history.get(2).changes()).as("the first issued version").isEmpty();
        assertThat(history.get(3).changes()).as("the first draft").isEmpty();
    }

    @Test
    void aSecondCorrectionIsComparedWithTheFirstCorrectionNotTheOriginal() {
        Report.Body secondFix = body("POSITIVE", List.of(ETV6_NTRK3), null,
                List.of("Low tumour content", "Decalcified with EDTA"), "NTRK fusion detected: ETV6::NTRK3 (exon 15).",
                List.of());

        List<VersionChanges.Entry> history = VersionChanges.history(List.of(version(1, "FINAL", NEGATIVE, 10),
                version(2, "CORRECTED", POSITIVE, 20), version(3, "CORRECTED", secondFix, 30)));

        assertThat(history.get(0).version().version()).isEqualTo(3);
        assertThat(history.get(0).changes()).containsExactly("Interpretation reworded");
    }

    @Test
    void aReportWithOnlyADraftHasOneEntryAndNoChanges() {
        List<VersionChanges.Entry> history = VersionChanges.history(List.of(version(1, "DRAFT", POSITIVE, 0)));

        assertThat(history).singleElement().satisfies(e -> {
            assertThat(e.version().kind()).isEqualTo("DRAFT");
            assertThat(e.changes()).isEmpty();
        });
        assertThat(VersionChanges.history(List.of())).isEmpty();
    }
}
