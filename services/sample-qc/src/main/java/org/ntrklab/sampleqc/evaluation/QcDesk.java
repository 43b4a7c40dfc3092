package org.ntrklab.sampleqc.evaluation;

import org.ntrklab.platform.cases.CaseContext;
import org.ntrklab.platform.cases.CaseLogic;
import org.ntrklab.platform.cases.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.NucleicAcidExtracted;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.events.QcRejectionCode;
import org.ntrklab.events.QcRejectionReason;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.TumorContentAssessed;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.events.EventTimes;
import org.ntrklab.platform.events.OutsideText;
import org.ntrklab.platform.limits.FieldViolation;
import org.ntrklab.sampleqc.rules.MetricSource;

/**
 * The QC bench of one accession, as a pure function of its state and one input: accepts or rejects
 * measurements, keeps those that arrive before their accession, and writes a decision per candidate assay
 * whenever one becomes possible or changes. A later measurement of the same kind (a re-extraction)
 * replaces the earlier one and its changed decisions supersede the earlier decisions.
 */
public final class QcDesk implements CaseLogic<QcInput, QcCase, QcOutput> {

    private final QcEvaluator evaluator;
    private final Duration orphanTimeout;
    private final Duration idleRetention;

    /**
     * @param orphanTimeout how long measurements wait for an accession that never arrives before they are
     *     rejected as for an unknown accession
     * @param idleRetention how long a case without any new input is kept; its decisions stay on the topic
     */
    public QcDesk(QcEvaluator evaluator, Duration orphanTimeout, Duration idleRetention) {
        if (idleRetention.compareTo(orphanTimeout) < 0) {
            throw new IllegalArgumentException("idle retention " + idleRetention + " must be at least the orphan timeout "
                    + orphanTimeout + ", or measurements waiting for their accession would be forgotten unanswered");
        }
        this.evaluator = evaluator;
        this.orphanTimeout = orphanTimeout;
        this.idleRetention = idleRetention;
    }

    @Override
    public Decision<QcCase, QcOutput> decide(String accessionId, QcCase state, QcInput input, CaseContext context) {
        if (input instanceof QcInput.Accessioned a) {
            return accessioned(state, accessionId, a.eventId(), a.occurredAt(), a.accession(), context.now());
        }
        if (input instanceof QcInput.Cancelled) {
            return cancelled(state, accessionId, context.now());
        }
        return measured(state, ((QcInput.Measured) input).event(), context.now());
    }

    /** Rejects measurements whose accession never came and forgets idle cases. */
    @Override
    public Decision<QcCase, QcOutput> housekeep(String accessionId, QcCase state, CaseContext context) {
        return expire(state, context.now());
    }

    public Decision<QcCase, QcOutput> accessioned(QcCase current, String accessionId, String eventId, Instant occurredAt,
            SpecimenAccessioned accession, long wallMillis) {
        QcCase state = current == null ? QcCase.open(accessionId, wallMillis) : current;
        if (state.accessioned()) {
            return Decision.unchanged("duplicate");
        }
        if (state.cancelled()) {
            return Decision.unchanged("already_cancelled");
        }
        var specimen = accession.getSpecimen();
        SpecimenFacts facts = new SpecimenFacts(specimen.getSpecimenType(), specimen.getBloodTubeType(),
                specimen.getDecalcification(), specimen.getCollectedAt(), specimen.getReceivedAt());
        state = state.withSpecimen(facts, CandidateAssays.of(accession.getWorkRequest(), facts.specimenType()), wallMillis);
        List<QcOutput> outputs = new ArrayList<>();
        // Measurements that arrived first are checked against the specimen now that it is known.
        for (Measurement m : List.copyOf(state.measurements().values())) {
            List<QcRejectionReason> reasons = MeasurementCheck.compatible(m.source(), facts.specimenType());
            if (!reasons.isEmpty()) {
                state = state.withoutMeasurement(m.source());
                outputs.add(rejection(m.eventId(), typeName(m.source()), reasons, Instant.ofEpochMilli(m.occurredAtMillis())));
            }
        }
        state = decide(state, eventId, occurredAt, outputs);
        return new Decision<>(state, false, outputs, "accessioned");
    }

    public Decision<QcCase, QcOutput> cancelled(QcCase current, String accessionId, long wallMillis) {
        QcCase state = current == null ? QcCase.open(accessionId, wallMillis) : current;
        if (state.cancelled()) {
            return Decision.unchanged("duplicate");
        }
        List<QcOutput> outputs = new ArrayList<>();
        if (!state.accessioned()) {
            for (Measurement m : state.measurements().values()) {
                outputs.add(rejection(m.eventId(), typeName(m.source()), List.of(MeasurementCheck.reason(
                        QcRejectionCode.ACCESSION_CANCELLED, null, "the accession was cancelled")),
                        Instant.ofEpochMilli(m.occurredAtMillis())));
            }
        }
        return new Decision<>(state.withCancelled(wallMillis), false, outputs, "cancelled");
    }

    /**
     * A measurement record that cannot be filed under an accession: its key is not the envelope's
     * accession number, or fields break their limits. Answered before the record reaches any case state.
     *
     * @param violations the fields outside their limits (docs/field-limits.md)
     * @param occurredAt the rejection's event time (the measurement's own, when plausible)
     */
    public static Decision<QcCase, QcOutput> misfiled(String recordKey, QcMeasurementEvent event, List<FieldViolation> violations,
            Instant occurredAt) {
        List<QcRejectionReason> reasons = new ArrayList<>();
        if (!filable(recordKey, event)) {
            reasons.add(MeasurementCheck.reason(QcRejectionCode.WRONG_KEY, "accessionId", "record key "
                    + OutsideText.quote(recordKey) + " does not match the event's accessionId "
                    + OutsideText.quote(event.getAccessionId())));
        }
        // Every reason at once: the content checks too, and a field limit only where no check named the field.
        List<QcRejectionReason> content = event.getPayload() instanceof TumorContentAssessed t ? MeasurementCheck.check(t)
                : MeasurementCheck.check((NucleicAcidExtracted) event.getPayload());
        reasons.addAll(content);
        for (FieldViolation violation : violations) {
            if (content.stream().noneMatch(r -> violation.field().equals(r.getField()))) {
                reasons.add(MeasurementCheck.reason(QcRejectionCode.MALFORMED_VALUE, violation.field(),
                        violation.detail()));
            }
        }
        return new Decision<>(null, false, List.of(rejection(event.getEventId(), event.getPayload().getClass().getSimpleName(),
                reasons, occurredAt)), "rejected");
    }

    /** True for a measurement record that can be filed: its key is the envelope's accession number. */
    public static boolean filable(String recordKey, QcMeasurementEvent event) {
        return event != null && !event.getAccessionId().isBlank() && event.getAccessionId().equals(recordKey);
    }

    public Decision<QcCase, QcOutput> measured(QcCase current, QcMeasurementEvent event, long wallMillis) {
        String accessionId = event.getAccessionId();
        String type = event.getPayload().getClass().getSimpleName();
        Instant occurredAt = event.getOccurredAt();
        QcCase state = current == null ? QcCase.open(accessionId, wallMillis) : current;
        if (state.seenEventIds().contains(event.getEventId())) {
            return Decision.unchanged("duplicate");
        }
        Measurement measurement;
        List<QcRejectionReason> reasons;
        if (event.getPayload() instanceof TumorContentAssessed t) {
            reasons = new ArrayList<>(MeasurementCheck.check(t));
            measurement = Measurement.tumourContent(event.getEventId(), occurredAt.toEpochMilli(),
                    t.getTumourCellsPresent(), t.getTumourNucleiPercent()).withBlock(t.getBlockId());
        } else if (event.getPayload() instanceof NucleicAcidExtracted n) {
            reasons = new ArrayList<>(MeasurementCheck.check(n));
            MetricSource source = switch (n.getAnalyte()) {
                case DNA -> MetricSource.DNA_EXTRACTION;
                case RNA -> MetricSource.RNA_EXTRACTION;
                case CFDNA -> MetricSource.CFDNA_EXTRACTION;
            };
            measurement = Measurement.extraction(source, event.getEventId(), occurredAt.toEpochMilli(),
                    n.getExtractionId(), n.getYieldNg(), n.getDv200Percent(), n.getFfpeDeltaCt());
        } else {
            throw new IllegalArgumentException("unknown measurement type " + type);
        }
        measurement = measurement.arrivedAt(wallMillis);
        if (occurredAt.isBefore(EventTimes.EARLIEST_PLAUSIBLE)) {
            reasons.add(MeasurementCheck.reason(QcRejectionCode.MALFORMED_VALUE, "occurredAt",
                    "measurement time " + occurredAt + " is before " + EventTimes.EARLIEST_PLAUSIBLE));
        }
        if (state.cancelled()) {
            reasons.add(MeasurementCheck.reason(QcRejectionCode.ACCESSION_CANCELLED, "accessionId",
                    "accession " + accessionId + " was cancelled"));
        } else if (state.accessioned()) {
            reasons.addAll(MeasurementCheck.compatible(measurement.source(), state.specimen().specimenType()));
        }
        if (!reasons.isEmpty()) {
            Decision<QcCase, QcOutput> step = rejected(event, type, reasons);
            return new Decision<>(state.seen(event.getEventId(), wallMillis), false, step.outputs(), step.outcome());
        }
        state = state.seen(event.getEventId(), wallMillis);
        Measurement earlier = state.measurements().get(measurement.source());
        if (earlier != null && earlier.occurredAtMillis() > measurement.occurredAtMillis()) {
            // An older measurement delivered late must not replace the newer one.
            return new Decision<>(state, false, List.of(), "superseded");
        }
        if (earlier != null && measurement.sameMaterialAs(earlier)) {
            measurement = measurement.completedFrom(earlier);
        }
        state = state.withMeasurement(measurement, wallMillis);
        if (!state.accessioned()) {
            return new Decision<>(state, false, List.of(), "awaiting_accession");
        }
        List<QcOutput> outputs = new ArrayList<>();
        state = decide(state, event.getEventId(), occurredAt, outputs);
        return new Decision<>(state, false, outputs, outputs.isEmpty() ? "no_change" : "evaluated");
    }

    /**
     * Housekeeping by wall clock: rejects measurements that waited longer than the orphan timeout for an
     * accession that never came, and forgets idle cases.
     */
    public Decision<QcCase, QcOutput> expire(QcCase state, long wallMillis) {
        if (!state.accessioned() && !state.cancelled() && !state.measurements().isEmpty()) {
            List<QcOutput> outputs = new ArrayList<>();
            QcCase kept = state;
            for (Measurement m : state.measurements().values()) {
                long arrived = m.arrivedWallMillis() != null ? m.arrivedWallMillis() : state.firstSeenWallMillis();
                if (wallMillis - arrived >= orphanTimeout.toMillis()) {
                    outputs.add(rejection(m.eventId(), typeName(m.source()), List.of(MeasurementCheck.reason(
                            QcRejectionCode.UNKNOWN_ACCESSION, "accessionId", "no accession " + state.accessionId()
                                    + " arrived within " + orphanTimeout.toHours() + " h")),
                            Instant.ofEpochMilli(m.occurredAtMillis())));
                    kept = kept.withoutMeasurement(m.source());
                }
            }
            if (outputs.isEmpty()) {
                return Decision.unchanged("kept");
            }
            boolean nothingLeft = kept.measurements().isEmpty();
            return new Decision<>(nothingLeft ? null : kept, nothingLeft, outputs, "orphaned");
        }
        if (wallMillis - state.lastUpdateWallMillis() >= idleRetention.toMillis()) {
            return new Decision<>(null, true, List.of(), "evicted");
        }
        return Decision.unchanged("kept");
    }

    private QcCase decide(QcCase state, String causationId, Instant occurredAt, List<QcOutput> outputs) {
        if (state.cancelled()) {
            return state;
        }
        Map<MetricSource, Measurement> measurements = state.measurements();
        for (AssayType assay : state.assays()) {
            Optional<QcDecision> decision = evaluator.evaluate(assay, state.specimen(), measurements);
            if (decision.isEmpty()) {
                continue;
            }
            QcCase.LastDecision last = state.decisions().get(assay);
            String fingerprint = decision.get().fingerprint();
            if (last != null && last.fingerprint().equals(fingerprint)) {
                continue;
            }
            String eventId = EventIds.derived(causationId, "qc:" + assay);
            outputs.add(new QcOutput.Decided(decision.get(), eventId, last == null ? null : last.eventId(), causationId,
                    occurredAt));
            state = state.withDecision(assay, new QcCase.LastDecision(eventId, decision.get().verdict().name(),
                    fingerprint, occurredAt.toEpochMilli()));
        }
        return state;
    }

    private static Decision<QcCase, QcOutput> rejected(QcMeasurementEvent event, String type, List<QcRejectionReason> reasons) {
        return new Decision<>(null, false, List.of(rejection(event.getEventId(), type, reasons, event.getOccurredAt())),
                "rejected");
    }

    private static QcOutput.MeasurementRejected rejection(String measurementEventId, String type,
            List<QcRejectionReason> reasons, Instant occurredAt) {
        return new QcOutput.MeasurementRejected(measurementEventId, type, reasons,
                EventIds.derived(measurementEventId, "rejected"), occurredAt);
    }

    private static String typeName(MetricSource source) {
        return source == MetricSource.TUMOUR_CONTENT ? TumorContentAssessed.class.getSimpleName()
                : NucleicAcidExtracted.class.getSimpleName();
    }
}
