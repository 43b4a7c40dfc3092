package org.ntrklab.accessioning.intake;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.LabellingFlag;
import org.ntrklab.events.PriorOutsideResult;
import org.ntrklab.events.RejectionCode;
import org.ntrklab.events.RejectionReason;
import org.ntrklab.events.SpecimenDescription;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.events.SpecimenType;
import org.ntrklab.events.TumourType;
import org.ntrklab.events.WorkRequestType;
import org.ntrklab.platform.events.OutsideText;

/**
 * Checks a received specimen against every accessioning rule and returns every reason to reject it, not
 * only the first, so the LIMS can fix them all at once. An empty list means the specimen is accepted.
 */
public final class SpecimenIntakeCheck {

    /** OncoTree codes are capital letters, digits and underscores, starting with a letter, e.g. HNMASC, NSCLC, IFS. */
    private static final Pattern ONCOTREE_CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,19}");
    static final int OLDEST_AGE = 130;
    /** Earliest plausible collection or receipt date. */
    static final Instant EARLIEST_SPECIMEN = Instant.parse("1900-01-01T00:00:00Z");

    private final AssaySpecimenCompatibility compatibility;
    private final Duration clockSkew;

    /**
     * @param clockSkew how far collection or receipt may lie after the event's own time before it counts as
     *     "in the future" (LIMS and instrument clocks drift)
     */
    public SpecimenIntakeCheck(AssaySpecimenCompatibility compatibility, Duration clockSkew) {
        this.compatibility = compatibility;
        this.clockSkew = clockSkew;
    }

    /**
     * @param occurredAt the event time of the receipt: the "now" that dates are checked against, so that a
     *     replay of the topic reaches the same decisions
     */
    public List<RejectionReason> check(SpecimenReceived received, Instant occurredAt) {
        List<RejectionReason> reasons = new ArrayList<>();
        required(reasons, "orderId", received.getOrderId());
        required(reasons, "patientRef", received.getPatientRef());
        required(reasons, "orderingFacility", received.getOrderingFacility());
        checkAge(reasons, received.getAgeYears());
        checkTumourType(reasons, received.getTumourType());
        SpecimenDescription specimen = received.getSpecimen();
        checkSpecimen(reasons, specimen, occurredAt);
        checkWorkRequest(reasons, received, specimen.getSpecimenType());
        // One reason per kind of defect: a LIMS repeating a flag does not multiply the reasons.
        for (LabellingFlag flag : new java.util.LinkedHashSet<>(received.getLabellingFlags())) {
            reasons.add(IntakeRule.LABELLING.reject(RejectionCode.LABELLING_DEFECT, "labellingFlags",
                    "LIMS reports " + flag + "; resolve it with the sender and send the specimen again"));
        }
        List<PriorOutsideResult> prior = received.getPriorOutsideResults();
        for (int i = 0; i < prior.size(); i++) {
            String reportedOn = prior.get(i).getReportedOn();
            if (reportedOn != null) {
                try {
                    LocalDate.parse(reportedOn);
                } catch (DateTimeParseException e) {
                    reasons.add(IntakeRule.PRIOR_RESULT.reject(RejectionCode.MALFORMED_VALUE,
                            "priorOutsideResults[" + i + "].reportedOn", OutsideText.quote(reportedOn)
                                    + " is not an ISO-8601 date such as 2026-01-31"));
                }
            }
        }
        return reasons;
    }

    private static void required(List<RejectionReason> reasons, String field, String value) {
        if (value == null || value.isBlank()) {
            reasons.add(IntakeRule.REQUIRED_FIELDS.reject(RejectionCode.MISSING_FIELD, field, field + " is empty"));
        }
    }

    private static void checkAge(List<RejectionReason> reasons, Integer age) {
        if (age == null) {
            reasons.add(IntakeRule.AGE.reject(RejectionCode.MISSING_FIELD, "ageYears",
                    "age at collection is required: it selects the paediatric testing route"));
        } else if (age < 0 || age > OLDEST_AGE) {
            reasons.add(IntakeRule.AGE.reject(RejectionCode.MALFORMED_VALUE, "ageYears",
                    "age " + age + " is outside 0-" + OLDEST_AGE + " years"));
        }
    }

    private static void checkTumourType(List<RejectionReason> reasons, TumourType tumourType) {
        if (tumourType == null) {
            reasons.add(IntakeRule.TUMOUR_TYPE.reject(RejectionCode.MISSING_FIELD, "tumourType",
                    "a coded tumour type (OncoTree) is required: test selection depends on it"));
            return;
        }
        String code = tumourType.getOncoTreeCode();
        if (code == null || code.isBlank()) {
            reasons.add(IntakeRule.TUMOUR_TYPE.reject(RejectionCode.MISSING_FIELD, "tumourType.oncoTreeCode",
                    "the OncoTree code is empty"));
        } else if (!ONCOTREE_CODE.matcher(code).matches()) {
            reasons.add(IntakeRule.TUMOUR_TYPE.reject(RejectionCode.MALFORMED_VALUE, "tumourType.oncoTreeCode",
                    OutsideText.quote(code) + " is not an OncoTree code (capital letters, digits, underscores, e.g. HNMASC)"));
        }
    }

    private void checkSpecimen(List<RejectionReason> reasons, SpecimenDescription specimen, Instant occurredAt) {
        SpecimenType type = specimen.getSpecimenType();
        if (type == SpecimenType.UNRECOGNISED_SPECIMEN_TYPE) {
            reasons.add(IntakeRule.SPECIMEN_TYPE.reject(RejectionCode.UNKNOWN_CODE, "specimen.specimenType",
                    "specimen type not recognised by this version; accepted: FFPE_BLOCK, FFPE_SLIDES, FRESH_FROZEN, "
                            + "CYTOLOGY_CELL_BLOCK, PLASMA_CFDNA_TUBE"));
        }
        if (type == SpecimenType.PLASMA_CFDNA_TUBE) {
            BloodTubeType tube = specimen.getBloodTubeType();
            if (tube == null) {
                reasons.add(IntakeRule.BLOOD_TUBE.reject(RejectionCode.MISSING_FIELD, "specimen.bloodTubeType",
                        "the blood tube type is required for a plasma specimen: cfDNA stability depends on it"));
            } else if (tube == BloodTubeType.UNRECOGNISED_TUBE) {
                reasons.add(IntakeRule.BLOOD_TUBE.reject(RejectionCode.UNKNOWN_CODE, "specimen.bloodTubeType",
                        "blood tube type not recognised; accepted: STRECK_BCT, K2EDTA"));
            }
        }
        Instant collected = specimen.getCollectedAt();
        Instant received = specimen.getReceivedAt();
        if (collected.isBefore(EARLIEST_SPECIMEN)) {
            reasons.add(IntakeRule.PLAUSIBLE_DATE.reject(RejectionCode.MALFORMED_VALUE, "specimen.collectedAt",
                    "collected " + collected + " is before " + EARLIEST_SPECIMEN));
        }
        if (received.isBefore(EARLIEST_SPECIMEN)) {
            reasons.add(IntakeRule.PLAUSIBLE_DATE.reject(RejectionCode.MALFORMED_VALUE, "specimen.receivedAt",
                    "received " + received + " is before " + EARLIEST_SPECIMEN));
        }
        if (collected.isAfter(received)) {
            reasons.add(IntakeRule.DATE_ORDER.reject(RejectionCode.COLLECTED_AFTER_RECEIPT, "specimen.collectedAt",
                    "collected " + collected + " is after lab receipt " + received));
        }
        Instant latest = occurredAt.plus(clockSkew);
        if (collected.isAfter(latest)) {
            reasons.add(IntakeRule.FUTURE_DATE.reject(RejectionCode.DATE_IN_FUTURE, "specimen.collectedAt",
                    "collected " + collected + " is after the receipt event's own time " + occurredAt));
        }
        if (received.isAfter(latest)) {
            reasons.add(IntakeRule.FUTURE_DATE.reject(RejectionCode.DATE_IN_FUTURE, "specimen.receivedAt",
                    "received " + received + " is after the receipt event's own time " + occurredAt));
        }
        Double fixationHours = specimen.getFixationHours();
        if (fixationHours != null && (fixationHours.isNaN() || fixationHours.isInfinite() || fixationHours < 0)) {
            reasons.add(IntakeRule.FIXATION.reject(RejectionCode.MALFORMED_VALUE, "specimen.fixationHours",
                    "fixation time " + fixationHours + " h is not a duration"));
        }
    }

    private void checkWorkRequest(List<RejectionReason> reasons, SpecimenReceived received, SpecimenType type) {
        if (type == SpecimenType.UNRECOGNISED_SPECIMEN_TYPE) {
            return;
        }
        var request = received.getWorkRequest();
        if (request.getType() == WorkRequestType.EXPLICIT_ASSAYS) {
            if (request.getAssays().isEmpty()) {
                reasons.add(IntakeRule.WORK_REQUEST.reject(RejectionCode.MISSING_FIELD, "workRequest.assays",
                        "an explicit request lists no assays"));
            } else if (!compatibility.anyAllows(request.getAssays(), type)) {
                reasons.add(IntakeRule.ASSAY_COMPATIBILITY.reject(RejectionCode.SPECIMEN_INCOMPATIBLE_WITH_ASSAYS,
                        "workRequest.assays", "none of the requested assays " + request.getAssays()
                                + " can be run on " + type));
            }
        } else if (!compatibility.workUpPossible(type)) {
            reasons.add(IntakeRule.ASSAY_COMPATIBILITY.reject(RejectionCode.SPECIMEN_INCOMPATIBLE_WITH_ASSAYS,
                    "specimen.specimenType", "no assay of the NTRK work-up can be run on " + type));
        }
    }
}
