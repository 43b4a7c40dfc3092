package org.ntrklab.simulator.feed;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The simulated cases of a run, by specimen and, once accessioned, by accession. */
final class CaseBook {

    private final Map<String, CaseProgress> bySpecimen = new ConcurrentHashMap<>();
    private final Map<String, CaseProgress> byAccession = new ConcurrentHashMap<>();

    void add(CaseProgress progress) {
        bySpecimen.put(progress.simulated().specimenId(), progress);
    }

    /** This run's case of a specimen, or null for a specimen of someone else's. */
    CaseProgress bySpecimen(String specimenId) {
        return bySpecimen.get(specimenId);
    }

    /** This run's case of an accession, or null. */
    CaseProgress byAccession(String accessionId) {
        return accessionId == null ? null : byAccession.get(accessionId);
    }

    void accessioned(String accessionId, CaseProgress progress) {
        byAccession.put(accessionId, progress);
    }

    List<CaseOutcome> outcomes() {
        return bySpecimen.values().stream().map(CaseProgress::outcome).toList();
    }

    /** How many cases stand at each stage; cheap enough for a progress line every second under load. */
    Map<CaseOutcome.Stage, Long> stageCounts() {
        Map<CaseOutcome.Stage, Long> counts = new EnumMap<>(CaseOutcome.Stage.class);
        for (CaseProgress c : bySpecimen.values()) {
            counts.merge(c.stage(), 1L, Long::sum);
        }
        return counts;
    }

    boolean allFinished() {
        return bySpecimen.values().stream().allMatch(CaseProgress::finished);
    }
}
