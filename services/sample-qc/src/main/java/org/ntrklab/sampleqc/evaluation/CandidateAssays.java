package org.ntrklab.sampleqc.evaluation;

import java.util.List;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.SpecimenType;
import org.ntrklab.events.WorkRequest;
import org.ntrklab.events.WorkRequestType;

/**
 * The assays a case may need, each of which gets a QC decision: the requested ones for an explicit
 * request; for an NTRK work-up every assay the testing algorithm could choose or fall back to on that
 * specimen (cfDNA NGS for plasma; IHC, FISH, RT-PCR, RNA-NGS and DNA-NGS for tissue).
 */
public final class CandidateAssays {

    private static final List<AssayType> TISSUE_WORK_UP = List.of(AssayType.PAN_TRK_IHC, AssayType.NTRK_FISH,
            AssayType.RT_PCR, AssayType.RNA_NGS, AssayType.DNA_NGS);
    private static final List<AssayType> PLASMA_WORK_UP = List.of(AssayType.CFDNA_NGS);

    private CandidateAssays() {
    }

    public static List<AssayType> of(WorkRequest request, SpecimenType specimen) {
        if (request.getType() == WorkRequestType.EXPLICIT_ASSAYS) {
            return request.getAssays().stream().distinct().toList();
        }
        return specimen == SpecimenType.PLASMA_CFDNA_TUBE ? PLASMA_WORK_UP : TISSUE_WORK_UP;
    }
}
