package org.ntrklab.reporting.report;

import org.ntrklab.events.ClinicalSuspicion;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.SpecimenType;

/** What the report needs to know about an accession: identifiers to file it, and the tumour type. */
public record CaseFacts(String orderId, String specimenId, String patientRef, String tumourCode, String tumourText,
        SpecimenType specimenType, ClinicalSuspicion suspicion) {

    public static CaseFacts of(SpecimenAccessioned a) {
        return new CaseFacts(a.getOrderId(), a.getSpecimenId(), a.getPatientRef(), a.getTumourType().getOncoTreeCode(),
                a.getTumourType().getText(), a.getSpecimen().getSpecimenType(), a.getClinicalSuspicion());
    }
}
