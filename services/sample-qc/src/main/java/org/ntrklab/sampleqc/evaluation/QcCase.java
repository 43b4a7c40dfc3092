package org.ntrklab.sampleqc.evaluation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.ntrklab.events.AssayType;
import org.ntrklab.sampleqc.rules.MetricSource;

/**
 * What sample-qc keeps per accession: the specimen facts once the accession has arrived, the latest
 * measurement of each kind (also those that arrived before the accession), and the last decision
 * written per assay.
 *
 * @param specimen null until the accession arrives
 * @param seenEventIds measurement event ids already handled, to recognise redelivered events
 * @param firstSeenWallMillis wall-clock time the case was first seen, for expiring orphan measurements
 * @param lastUpdateWallMillis wall-clock time of the last change, for evicting idle cases
 */
public record QcCase(String accessionId, SpecimenFacts specimen, List<AssayType> assays, boolean cancelled,
        Map<MetricSource, Measurement> measurements, Map<AssayType, LastDecision> decisions, List<String> seenEventIds,
        long firstSeenWallMillis, long lastUpdateWallMillis) {

    /** The last decision written for one assay. */
    public record LastDecision(String eventId, String verdict, String fingerprint, long occurredAtMillis) {
    }

    public QcCase {
        assays = assays == null ? List.of() : List.copyOf(assays);
        // Enum-ordered maps, so that events derived by iterating them come out in the same order on every run.
        EnumMap<MetricSource, Measurement> m = new EnumMap<>(MetricSource.class);
        if (measurements != null) {
            m.putAll(measurements);
        }
        measurements = Collections.unmodifiableMap(m);
        EnumMap<AssayType, LastDecision> d = new EnumMap<>(AssayType.class);
        if (decisions != null) {
            d.putAll(decisions);
        }
        decisions = Collections.unmodifiableMap(d);
        seenEventIds = seenEventIds == null ? List.of() : List.copyOf(seenEventIds);
    }

    public static QcCase open(String accessionId, long wallMillis) {
        return new QcCase(accessionId, null, List.of(), false, Map.of(), Map.of(), List.of(), wallMillis, wallMillis);
    }

    public boolean accessioned() {
        return specimen != null;
    }

    QcCase withSpecimen(SpecimenFacts facts, List<AssayType> candidateAssays, long wallMillis) {
        return new QcCase(accessionId, facts, candidateAssays, cancelled, measurements, decisions, seenEventIds,
                firstSeenWallMillis, wallMillis);
    }

    QcCase withCancelled(long wallMillis) {
        return new QcCase(accessionId, specimen, assays, true, Map.of(), decisions, seenEventIds, firstSeenWallMillis,
                wallMillis);
    }

    QcCase withMeasurement(Measurement m, long wallMillis) {
        Map<MetricSource, Measurement> updated = new EnumMap<>(MetricSource.class);
        updated.putAll(measurements);
        updated.put(m.source(), m);
        return new QcCase(accessionId, specimen, assays, cancelled, updated, decisions, seenEventIds,
                firstSeenWallMillis, wallMillis);
    }

    QcCase withoutMeasurement(MetricSource source) {
        Map<MetricSource, Measurement> updated = new EnumMap<>(MetricSource.class);
        updated.putAll(measurements);
        updated.remove(source);
        return new QcCase(accessionId, specimen, assays, cancelled, updated, decisions, seenEventIds,
                firstSeenWallMillis, lastUpdateWallMillis);
    }

    QcCase withDecision(AssayType assay, LastDecision last) {
        Map<AssayType, LastDecision> updated = new EnumMap<>(AssayType.class);
        updated.putAll(decisions);
        updated.put(assay, last);
        return new QcCase(accessionId, specimen, assays, cancelled, measurements, updated, seenEventIds,
                firstSeenWallMillis, lastUpdateWallMillis);
    }

    QcCase seen(String eventId, long wallMillis) {
        List<String> updated = new ArrayList<>(seenEventIds);
        updated.add(eventId);
        return new QcCase(accessionId, specimen, assays, cancelled, measurements, decisions, updated,
                firstSeenWallMillis, wallMillis);
    }
}
