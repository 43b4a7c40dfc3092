package org.ntrklab.accessioning.intake;

import org.ntrklab.events.RejectionCode;
import org.ntrklab.events.RejectionReason;

/**
 * The accessioning rules. Each carries the id that rejection events quote and the source it follows;
 * {@code [D]} marks the project's own lab-policy inference where no publication sets the rule.
 */
public enum IntakeRule {

    RECORD_KEY("ACC-RECORD-KEY", "Records on lims.specimen-events are keyed by specimenId; deduplication depends on it [D]"),
    REQUIRED_FIELDS("ACC-REQUIRED-FIELDS", "Identifiers needed to track and report the case [D]"),
    AGE("ACC-AGE", "Age at collection selects the paediatric route (Westphalen 2021: 1.34% under 18 vs 0.28% adults)"),
    TUMOUR_TYPE("ACC-TUMOUR-TYPE", "Test selection depends on the OncoTree tumour type (ESMO 2019, Marchio et al.)"),
    SPECIMEN_TYPE("ACC-SPECIMEN-TYPE", "Only specimen types the lab has validated are accepted [D]"),
    BLOOD_TUBE("ACC-BLOOD-TUBE", "cfDNA stability depends on the tube: K2EDTA <= 3 d at 4 C, Streck BCT ~5 d at RT (PLoS One 2016; AACR 2016)"),
    DATE_ORDER("ACC-DATE-ORDER", "A specimen cannot be received before it was collected [D]"),
    PLAUSIBLE_DATE("ACC-PLAUSIBLE-DATE", "Event times before 2000 and collection dates before 1900 are data-entry or clock errors [D]"),
    FUTURE_DATE("ACC-FUTURE-DATE", "Collection and receipt cannot lie after the event reporting them [D]"),
    LABELLING("ACC-LABELLING", "Specimens with labelling or container defects are not tested until resolved [D]"),
    WORK_REQUEST("ACC-WORK-REQUEST", "An explicit request must name the assays wanted [D]"),
    ASSAY_COMPATIBILITY("ACC-ASSAY-COMPATIBILITY", "Pan-TRK IHC, FISH, RT-PCR and tissue NGS need tissue; cfDNA NGS needs plasma (VENTANA pan-TRK; Guardant360 CDx; F1LCDx)"),
    FIXATION("ACC-FIXATION", "Fixation time must be a real duration (F1CDx: 10% NBF for 6-72 h)"),
    PRIOR_RESULT("ACC-PRIOR-RESULT", "Outside results need a readable report date [D]"),
    DUPLICATE("ACC-DUPLICATE", "One specimen id, one accession: a different receipt for the same id is refused [D]"),
    CANCELLED("ACC-CANCELLED", "A cancelled order is not accessioned [D]"),
    ORDER_MATCH("ACC-ORDER-MATCH", "A cancellation must name the order the specimen was received under [D]"),
    FIELD_LIMITS("ACC-FIELD-LIMITS", "Every field keeps its documented length, character set and range (docs/field-limits.md) [D]");

    private final String id;
    private final String source;

    IntakeRule(String id, String source) {
        this.id = id;
        this.source = source;
    }

    public String id() {
        return id;
    }

    public String source() {
        return source;
    }

    public RejectionReason reject(RejectionCode code, String field, String detail) {
        return RejectionReason.newBuilder().setCode(code).setRuleId(id).setField(field).setDetail(detail).build();
    }
}
