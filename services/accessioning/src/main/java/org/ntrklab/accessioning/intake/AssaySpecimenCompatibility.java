package org.ntrklab.accessioning.intake;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.SpecimenType;

/**
 * Which specimen types each assay can be run on. The defaults follow the methods' validated material:
 * pan-TRK IHC on formalin-fixed, paraffin-embedded tissue (blocks, slides, cell blocks); FISH, RT-PCR and
 * tissue NGS on any tissue; cfDNA NGS only on plasma from a blood tube. A lab replaces the table in
 * configuration when it has validated other material.
 */
public final class AssaySpecimenCompatibility {

    private static final Set<SpecimenType> FFPE =
            EnumSet.of(SpecimenType.FFPE_BLOCK, SpecimenType.FFPE_SLIDES, SpecimenType.CYTOLOGY_CELL_BLOCK);
    private static final Set<SpecimenType> TISSUE = EnumSet.of(SpecimenType.FFPE_BLOCK, SpecimenType.FFPE_SLIDES,
            SpecimenType.CYTOLOGY_CELL_BLOCK, SpecimenType.FRESH_FROZEN);

    private final Map<AssayType, Set<SpecimenType>> allowed;

    public AssaySpecimenCompatibility(Map<AssayType, ? extends Set<SpecimenType>> allowed) {
        EnumMap<AssayType, Set<SpecimenType>> copy = new EnumMap<>(AssayType.class);
        for (AssayType assay : AssayType.values()) {
            Set<SpecimenType> types = allowed.get(assay);
            copy.put(assay, types == null || types.isEmpty() ? EnumSet.noneOf(SpecimenType.class) : EnumSet.copyOf(types));
        }
        this.allowed = copy;
    }

    public static AssaySpecimenCompatibility defaults() {
        return new AssaySpecimenCompatibility(Map.of(
                AssayType.PAN_TRK_IHC, FFPE,
                AssayType.NTRK_FISH, TISSUE,
                AssayType.RT_PCR, TISSUE,
                AssayType.RNA_NGS, TISSUE,
                AssayType.DNA_NGS, TISSUE,
                AssayType.CFDNA_NGS, EnumSet.of(SpecimenType.PLASMA_CFDNA_TUBE)));
    }

    /** The same table with the given assays' entries replaced. */
    public AssaySpecimenCompatibility with(Map<AssayType, ? extends Set<SpecimenType>> overrides) {
        Map<AssayType, Set<SpecimenType>> merged = new EnumMap<>(allowed);
        merged.putAll(overrides);
        return new AssaySpecimenCompatibility(merged);
    }

    public boolean allows(AssayType assay, SpecimenType specimen) {
        return allowed.get(assay).contains(specimen);
    }

    /** True when at least one of the assays can run on the specimen type. */
    public boolean anyAllows(List<AssayType> assays, SpecimenType specimen) {
        return assays.stream().anyMatch(a -> allows(a, specimen));
    }

    /** True when some assay of the NTRK work-up algorithm can run on the specimen type. */
    public boolean workUpPossible(SpecimenType specimen) {
        return allowed.values().stream().anyMatch(types -> types.contains(specimen));
    }
}
