package org.ntrklab.sampleqc.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ntrklab.events.AssayType;
import org.ntrklab.sampleqc.evaluation.Measurement;
import org.ntrklab.sampleqc.evaluation.QcCase;
import org.ntrklab.sampleqc.rules.MetricSource;

/** One accession's QC state as the REST API shows it. */
public record QcCaseView(String accessionId, boolean accessioned, boolean cancelled, String specimenType,
        List<AssayType> candidateAssays, Map<MetricSource, Measurement> measurements, Map<AssayType, Decision> decisions) {

    /** The current decision of one assay. */
    public record Decision(String verdict, String eventId, Instant decidedAt) {
    }

    static QcCaseView of(QcCase c) {
        Map<AssayType, Decision> decisions = new java.util.EnumMap<>(AssayType.class);
        c.decisions().forEach((assay, d) -> decisions.put(assay,
                new Decision(d.verdict(), d.eventId(), Instant.ofEpochMilli(d.occurredAtMillis()))));
        return new QcCaseView(c.accessionId(), c.accessioned(), c.cancelled(),
                c.specimen() == null ? null : c.specimen().specimenType().name(), c.assays(), c.measurements(),
                decisions);
    }
}
