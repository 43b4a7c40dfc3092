package org.ntrklab.pipeline;

import static org.ntrklab.events.AssayType.CFDNA_NGS;
import static org.ntrklab.events.AssayType.DNA_NGS;
import static org.ntrklab.events.AssayType.NTRK_FISH;
import static org.ntrklab.events.AssayType.PAN_TRK_IHC;
import static org.ntrklab.events.AssayType.RNA_NGS;
import static org.ntrklab.events.AssayType.RT_PCR;
import static org.ntrklab.events.QcVerdict.FAIL;
import static org.ntrklab.events.QcVerdict.PASS;
import static org.ntrklab.events.QcVerdict.PASS_WITH_CAVEAT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.Decalcification;
import org.ntrklab.events.LabellingFlag;
import org.ntrklab.events.Priority;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.RejectionCode;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.events.TumourType;
import org.ntrklab.events.WorkRequest;
import org.ntrklab.events.WorkRequestType;
import org.ntrklab.testkit.LabEvents;

/**
 * A known mix of 200 specimens: what each kind of specimen is, and what accessioning and sample-qc must
 * make of it according to the published rules (expected values are derived from the rules, not from
 * the services' output).
 */
enum CaseMix {

    /** Good FFPE tissue, good RNA and DNA: every assay passes. */
    GOOD(40, Map.of(PAN_TRK_IHC, PASS, NTRK_FISH, PASS, RT_PCR, PASS, RNA_NGS, PASS, DNA_NGS, PASS), 5),
    /** DV200 22% < 30% (Biopreserv Biobank 2018): RNA-NGS and RT-PCR fail. */
    LOW_DV200(20, Map.of(PAN_TRK_IHC, PASS, NTRK_FISH, PASS, RT_PCR, FAIL, RNA_NGS, FAIL, DNA_NGS, PASS), 5),
    /**
     * 15% tumour nuclei: RNA-NGS caveat (10-19%, Mayo/Quest), DNA-NGS fail (< 20%, F1CDx). DNA-NGS fails
     * as soon as the tumour content is known and again, with the DNA findings added, after extraction.
     */
    LOW_TUMOUR(20, Map.of(PAN_TRK_IHC, PASS, NTRK_FISH, PASS, RT_PCR, PASS, RNA_NGS, PASS_WITH_CAVEAT, DNA_NGS, FAIL), 6),
    /**
     * Acid-decalcified (F1CDx, Quest, Iowa reject): every molecular assay fails at accession (4 decisions),
     * each is re-stated as measurements add findings (FISH, RT-PCR, RNA, DNA on tumour content; RNA and RT-PCR
     * on RNA; DNA on DNA: 7), and IHC is decided on tumour content (1): 12 decisions.
     */
    ACID_DECALCIFIED(20, Map.of(PAN_TRK_IHC, PASS, NTRK_FISH, FAIL, RT_PCR, FAIL, RNA_NGS, FAIL, DNA_NGS, FAIL), 12),
    /** First RNA extraction DV200 20% fails; the re-extraction at 60% supersedes both RNA decisions. */
    RE_EXTRACTED(20, Map.of(PAN_TRK_IHC, PASS, NTRK_FISH, PASS, RT_PCR, PASS, RNA_NGS, PASS, DNA_NGS, PASS), 7),
    /** Plasma in Streck tubes 2 days old with 25 ng cfDNA (>= 20 ng, TSO500 ctDNA). */
    PLASMA_GOOD(20, Map.of(CFDNA_NGS, PASS), 1),
    /** Plasma with 3 ng cfDNA (< 5 ng, Guardant360 CDx). */
    PLASMA_LOW(10, Map.of(CFDNA_NGS, FAIL), 1),
    /** Rejected: the LIMS flags an illegible label. */
    LABELLING(5, Map.of(), 0),
    /** Rejected: age and tumour type missing (two reasons). */
    MISSING_AGE_AND_TUMOUR(5, Map.of(), 0),
    /** Rejected: collected half an hour after lab receipt. */
    COLLECTED_AFTER_RECEIPT(5, Map.of(), 0),
    /** Rejected: plasma sent for IHC only. */
    PLASMA_FOR_IHC(5, Map.of(), 0),
    /** Accessioned, then cancelled by the LIMS; a later measurement is refused. */
    CANCELLED_AFTER_ACCESSION(10, Map.of(), 0),
    /** Cancelled before the specimen arrived; the receipt is then refused. */
    CANCELLED_BEFORE_RECEIPT(10, Map.of(), 0),
    /** First receipt rejected for a labelling defect; the corrected receipt is accessioned and all passes. */
    CORRECTED(10, Map.of(PAN_TRK_IHC, PASS, NTRK_FISH, PASS, RT_PCR, PASS, RNA_NGS, PASS, DNA_NGS, PASS), 5);

    /** Of the GOOD specimens, the first 10 are sent twice (5 the same event, 5 as a new event). */
    static final int REPEATED = 10;
    /** The next 10 GOOD specimens are resent with a changed age: a conflicting duplicate. */
    static final int CONFLICTING = 10;
    /** The next 5 GOOD specimens also get an RNA extraction with DV200 150%: rejected as malformed. */
    static final int MALFORMED_MEASUREMENT = 5;

    private static final List<TumourType> TUMOURS = List.of(
            tumour("LUAD", "Lung Adenocarcinoma"), tumour("COADREAD", "Colorectal Adenocarcinoma"),
            tumour("HNMASC", "Mammary Analogue Secretory Carcinoma of Salivary Gland"),
            tumour("IFS", "Infantile Fibrosarcoma"), tumour("THPA", "Papillary Thyroid Cancer"),
            tumour("IDC", "Breast Invasive Ductal Carcinoma"));

    final int count;
    final Map<AssayType, QcVerdict> finalVerdicts;
    final int decisionEvents;

    CaseMix(int count, Map<AssayType, QcVerdict> finalVerdicts, int decisionEvents) {
        this.count = count;
        this.finalVerdicts = finalVerdicts;
        this.decisionEvents = decisionEvents;
    }

    boolean accessioned() {
        return !finalVerdicts.isEmpty() || this == CANCELLED_AFTER_ACCESSION;
    }

    String specimenId(int i) {
        return "SP-" + name().replace('_', '-') + "-" + i;
    }

    /** The receipt the LIMS sends first for specimen {@code i} of this kind. */
    SpecimenReceived receipt(int i, Random random) {
        SpecimenReceived.Builder b = LabEvents.ffpeWorkUp()
                .setTumourType(TUMOURS.get(random.nextInt(TUMOURS.size())))
                .setAgeYears(random.nextInt(3) == 0 ? 4 + random.nextInt(13) : 30 + random.nextInt(55))
                .setPriority(random.nextInt(10) == 0 ? Priority.STAT : Priority.ROUTINE);
        switch (this) {
            case ACID_DECALCIFIED -> b = LabEvents.specimen(b, s -> s.setDecalcification(Decalcification.ACID));
            case PLASMA_GOOD, PLASMA_LOW -> b = LabEvents.plasmaWorkUp(BloodTubeType.STRECK_BCT)
                    .setTumourType(b.getTumourType()).setAgeYears(b.getAgeYears());
            case LABELLING, CORRECTED -> b.setLabellingFlags(List.of(LabellingFlag.ILLEGIBLE_LABEL));
            case MISSING_AGE_AND_TUMOUR -> b.setAgeYears(null).setTumourType(null);
            case COLLECTED_AFTER_RECEIPT -> b = LabEvents.specimen(b,
                    s -> s.setCollectedAt(LabEvents.RECEIVED_AT.plus(Duration.ofMinutes(30))));
            case PLASMA_FOR_IHC -> b = LabEvents.plasmaWorkUp(BloodTubeType.STRECK_BCT).setWorkRequest(WorkRequest
                    .newBuilder().setType(WorkRequestType.EXPLICIT_ASSAYS).setAssays(List.of(PAN_TRK_IHC)).build());
            default -> { }
        }
        return b.build();
    }

    /** The reasons accessioning must give for this kind's first receipt, empty if it is accepted. */
    List<RejectionCode> firstReceiptRejection() {
        return switch (this) {
            case LABELLING, CORRECTED -> List.of(RejectionCode.LABELLING_DEFECT);
            case MISSING_AGE_AND_TUMOUR -> List.of(RejectionCode.MISSING_FIELD, RejectionCode.MISSING_FIELD);
            case COLLECTED_AFTER_RECEIPT -> List.of(RejectionCode.COLLECTED_AFTER_RECEIPT);
            case PLASMA_FOR_IHC -> List.of(RejectionCode.SPECIMEN_INCOMPATIBLE_WITH_ASSAYS);
            default -> List.of();
        };
    }

    static List<CaseMix> all() {
        List<CaseMix> kinds = new ArrayList<>(List.of(values()));
        return kinds;
    }

    static int total() {
        return all().stream().mapToInt(k -> k.count).sum();
    }

    private static TumourType tumour(String code, String text) {
        return TumourType.newBuilder().setOncoTreeCode(code).setText(text).build();
    }
}
