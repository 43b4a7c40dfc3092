package org.ntrklab.simulator.feed;

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

    int size() {
        return bySpecimen.size();
    }

    boolean allFinished() {
        return bySpecimen.values().stream().allMatch(CaseProgress::finished);
    }
}
