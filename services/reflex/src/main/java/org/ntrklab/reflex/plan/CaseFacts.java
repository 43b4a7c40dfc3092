package org.ntrklab.reflex.plan;

import java.util.List;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.ClinicalSuspicion;
import org.ntrklab.events.Priority;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.SpecimenType;
import org.ntrklab.events.WorkRequestType;

/** What test selection needs to know about an accession; no patient identifiers. */
public record CaseFacts(SpecimenType specimenType, String oncoTreeCode, int ageYears, ClinicalSuspicion suspicion,
        Priority priority, WorkRequestType requestType, List<AssayType> requestedAssays) {

    public CaseFacts {
        requestedAssays = requestedAssays == null ? List.of() : List.copyOf(requestedAssays);
    }

    public static CaseFacts of(SpecimenAccessioned a) {
        return new CaseFacts(a.getSpecimen().getSpecimenType(), a.getTumourType().getOncoTreeCode(), a.getAgeYears(),
                a.getClinicalSuspicion(), a.getPriority(), a.getWorkRequest().getType(),
                a.getWorkRequest().getAssays().stream().distinct().toList());
    }

    public boolean plasma() {
        return specimenType == SpecimenType.PLASMA_CFDNA_TUBE;
    }

    public boolean highSuspicion() {
        return suspicion == ClinicalSuspicion.HIGH;
    }
}
