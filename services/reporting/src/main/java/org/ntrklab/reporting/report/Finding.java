package org.ntrklab.reporting.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.ntrklab.events.CfDnaResult;
import org.ntrklab.events.FishResult;
import org.ntrklab.events.FusionCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.NgsResult;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.RtPcrResult;

/**
 * The parts of an assay's result that the report states, kept as plain values so a case's state can be
 * stored and compared: the fusions called, the FISH probe gene, the RT-PCR targets, the IHC clone.
 *
 * @param method short description of what was run, e.g. the panel or the antibody clone
 * @param result the whole result as the instrument reported it (Avro's JSON rendering), so that a
 *     correction of any detail is seen as a change and the REST view can show it
 */
public record Finding(String method, List<FusionFinding> fusions, NtrkGene fishProbeGene, List<String> pcrTargets,
        List<String> pcrDetected, String result, List<NtrkGene> fishProbes) {

    public Finding {
        fishProbes = fishProbes == null ? List.of() : List.copyOf(fishProbes);
        fusions = fusions == null ? List.of() : List.copyOf(fusions);
        pcrTargets = pcrTargets == null ? List.of() : List.copyOf(pcrTargets);
        pcrDetected = pcrDetected == null ? List.of() : List.copyOf(pcrDetected);
    }

    /** The finding of an Avro result (one of the result union's branches). */
    public static Finding of(Object details) {
        if (details instanceof IhcResult ihc) {
            return new Finding("clone " + ihc.getClone(), List.of(), null, List.of(), List.of(), ihc.toString(),
                    List.of());
        }
        if (details instanceof FishResult fish) {
            List<NtrkGene> probes = new ArrayList<>(List.of(fish.getProbeGene()));
            fish.getProbesTested().stream().filter(g -> !probes.contains(g)).forEach(probes::add);
            probes.sort(null);
            return new Finding(probes.stream().map(Enum::name).collect(Collectors.joining(", "))
                    + " break-apart probe" + (probes.size() > 1 ? "s" : ""), List.of(), fish.getProbeGene(), List.of(),
                    List.of(), fish.toString(), probes);
        }
        if (details instanceof RtPcrResult pcr) {
            return new Finding("RT-PCR", List.of(), null, pcr.getTargets(), pcr.getDetectedTargets(), pcr.toString(),
                    List.of());
        }
        if (details instanceof NgsResult ngs) {
            return new Finding(ngs.getPanel(), fusions(ngs.getFusions()), null, List.of(), List.of(), ngs.toString(),
                    List.of());
        }
        if (details instanceof CfDnaResult cf) {
            return new Finding(cf.getPanel(), fusions(cf.getFusions()), null, List.of(), List.of(), cf.toString(),
                    List.of());
        }
        throw new IllegalArgumentException("not an assay result: " + (details == null ? "null" : details.getClass()));
    }

    /** The NTRK genes the FISH run probed: every probe it used, or its one probe gene (results of older versions). */
    public List<NtrkGene> probedGenes() {
        if (!fishProbes.isEmpty()) {
            return fishProbes;
        }
        return fishProbeGene == null ? List.of() : List.of(fishProbeGene);
    }

    private static List<FusionFinding> fusions(List<FusionCall> calls) {
        return calls.stream().map(f -> new FusionFinding(f.getFivePrimeGene(), f.getThreePrimeGene(),
                f.getFivePrimeExon(), f.getThreePrimeExon(), f.getInFrame(), f.getKinaseDomainRetained()).tidy())
                .toList();
    }
}
