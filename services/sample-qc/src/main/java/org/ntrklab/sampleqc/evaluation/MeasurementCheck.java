package org.ntrklab.sampleqc.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.ntrklab.events.NucleicAcidExtracted;
import org.ntrklab.events.QcRejectionCode;
import org.ntrklab.events.QcRejectionReason;
import org.ntrklab.events.SpecimenType;
import org.ntrklab.events.TumorContentAssessed;
import org.ntrklab.sampleqc.rules.MetricSource;

/** Content checks of a bench measurement, each giving a specific reason; all reasons are reported at once. */
public final class MeasurementCheck {

    private MeasurementCheck() {
    }

    public static List<QcRejectionReason> check(TumorContentAssessed t) {
        List<QcRejectionReason> reasons = new ArrayList<>();
        Double percent = t.getTumourNucleiPercent();
        if (percent != null && !percentage(percent)) {
            reasons.add(reason(QcRejectionCode.MALFORMED_VALUE, "tumourNucleiPercent",
                    "tumour nuclei " + percent + "% is not a percentage between 0 and 100"));
        } else if (percent != null && !t.getTumourCellsPresent() && percent > 0) {
            reasons.add(reason(QcRejectionCode.MALFORMED_VALUE, "tumourNucleiPercent",
                    "tumour cells are reported absent but tumour nuclei are " + percent + "%"));
        }
        return reasons;
    }

    public static List<QcRejectionReason> check(NucleicAcidExtracted n) {
        List<QcRejectionReason> reasons = new ArrayList<>();
        if (n.getExtractionId() == null || n.getExtractionId().isBlank()) {
            reasons.add(reason(QcRejectionCode.MISSING_FIELD, "extractionId", "the extraction id is empty"));
        }
        double yield = n.getYieldNg();
        if (Double.isNaN(yield) || Double.isInfinite(yield) || yield < 0) {
            reasons.add(reason(QcRejectionCode.MALFORMED_VALUE, "yieldNg", "yield " + yield + " ng is not an amount"));
        }
        Double dv200 = n.getDv200Percent();
        if (dv200 != null && !percentage(dv200)) {
            reasons.add(reason(QcRejectionCode.MALFORMED_VALUE, "dv200Percent",
                    "DV200 " + dv200 + "% is not a percentage between 0 and 100"));
        }
        Double deltaCt = n.getFfpeDeltaCt();
        if (deltaCt != null && (deltaCt.isNaN() || deltaCt.isInfinite())) {
            reasons.add(reason(QcRejectionCode.MALFORMED_VALUE, "ffpeDeltaCt", "delta-Ct " + deltaCt + " is not a number"));
        }
        return reasons;
    }

    /** Whether a measurement of this kind can come from the accessioned specimen at all. */
    public static List<QcRejectionReason> compatible(MetricSource source, SpecimenType specimen) {
        boolean plasma = specimen == SpecimenType.PLASMA_CFDNA_TUBE;
        boolean fits = plasma == (source == MetricSource.CFDNA_EXTRACTION);
        if (fits) {
            return List.of();
        }
        String what = switch (source) {
            case TUMOUR_CONTENT -> "a tumour content assessment";
            case RNA_EXTRACTION -> "an RNA extraction";
            case DNA_EXTRACTION -> "a DNA extraction";
            case CFDNA_EXTRACTION -> "a cfDNA extraction";
            case ACCESSION -> "an accession fact";
        };
        return List.of(reason(QcRejectionCode.ANALYTE_INCOMPATIBLE_WITH_SPECIMEN, null,
                what + " cannot come from a " + specimen + " specimen"));
    }

    static QcRejectionReason reason(QcRejectionCode code, String field, String detail) {
        return QcRejectionReason.newBuilder().setCode(code).setField(field).setDetail(detail).build();
    }

    private static boolean percentage(double value) {
        return !Double.isNaN(value) && value >= 0 && value <= 100;
    }
}
