package org.ntrklab.tatmetrics;

import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ntrklab.events.TurnaroundEvent;
import org.ntrklab.events.TurnaroundMeasure;
import org.ntrklab.events.TurnaroundMeasured;
import org.ntrklab.platform.cases.CaseRuntime;
import org.ntrklab.platform.cases.InputReader;
import org.ntrklab.platform.cases.Reading;
import org.ntrklab.platform.events.OutsideText;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.state.AvroStateSerde;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.tatmetrics.timeline.CaseTimeline;
import org.ntrklab.tatmetrics.timeline.Milestone;
import org.ntrklab.tatmetrics.timeline.TatClerk;
import org.ntrklab.tatmetrics.timeline.WorkingDaysSummary;

/**
 * Every lifecycle topic (all keyed by accession number and co-partitioned, all written by this system's
 * own services) -> milestones -> one timeline per case -> ntrk.turnaround. The case and test measures are
 * also summarised per assay, re-keyed by measure, for the summary endpoint.
 */
public final class TatTopology {

    /** Accession number -> the case's timeline. */
    public static final String TIMELINES = "case-timelines";
    /** "CASE" or "TEST:<assay>" -> distribution of finished turnaround. */
    public static final String SUMMARY = "turnaround-summary";

    private TatTopology() {
    }

    public static Topology topology(Topics topics, EventSerdes serdes, TatClerk clerk, TatMetrics metrics,
            TatSettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, topics, serdes, clerk, metrics, settings);
        return builder.build();
    }

    public static KStream<String, TurnaroundEvent> build(StreamsBuilder builder, Topics topics, EventSerdes serdes,
            TatClerk clerk, TatMetrics metrics, TatSettings settings) {
        TatLogic logic = new TatLogic(clerk, settings);
        KStream<String, TurnaroundEvent> turnaround = CaseRuntime.of(TIMELINES,
                        AvroStateSerde.of(CaseTimeline.class), logic)
                .inputAnsweringEmpty(topics.accessions(), milestones(topics.accessions(), Milestones::of, e -> e.getAccessionId()))
                .inputAnsweringEmpty(topics.qcDecisions(), milestones(topics.qcDecisions(), Milestones::of, e -> e.getAccessionId()))
                .inputAnsweringEmpty(topics.assayOrders(), milestones(topics.assayOrders(), Milestones::of, e -> e.getAccessionId()))
                .inputAnsweringEmpty(topics.assayStatus(), milestones(topics.assayStatus(), Milestones::of, e -> e.getAccessionId()))
                .inputAnsweringEmpty(topics.reports(), milestones(topics.reports(), Milestones::of, e -> e.getAccessionId()))
                .eventClock(m -> m.occurredAt().toEpochMilli(), settings.clock() == TatSettings.Clock.STREAM_TIME)
                .metrics(metrics)
                .gauge(logic.workInProgress(metrics.workInProgress()))
                // Checked on the wall clock on both clocks, so checks run even when no input arrives.
                .housekeeping(settings.checkInterval())
                .build(builder, serdes, topics.turnaround(), TatEvents::record);

        // Per-measure distributions, one key per measure and assay, for percentiles across all cases.
        turnaround
                .filter((key, event) -> event.getPayload() instanceof TurnaroundMeasured m
                        && (m.getMeasure() == TurnaroundMeasure.CASE || m.getMeasure() == TurnaroundMeasure.TEST))
                .groupBy((key, event) -> summaryKey((TurnaroundMeasured) event.getPayload()),
                        Grouped.with("turnaround-by-measure", Serdes.String(), serdes.valueSerde(topics.turnaround())))
                .aggregate(WorkingDaysSummary::empty, (key, event, summary) -> {
                    TurnaroundMeasured m = (TurnaroundMeasured) event.getPayload();
                    return summary.add(m.getWorkingDays(), m.getWithinTarget());
                }, Materialized.<String, WorkingDaysSummary, KeyValueStore<Bytes, byte[]>>as(SUMMARY)
                        .withKeySerde(Serdes.String()).withValueSerde(AvroStateSerde.of(WorkingDaysSummary.class)));
        return turnaround;
    }

    /** "CASE" for the case clock, "TEST:<assay>" for a test clock. */
    public static String summaryKey(TurnaroundMeasured m) {
        return m.getMeasure() == TurnaroundMeasure.CASE ? "CASE" : "TEST:" + m.getAssay();
    }

    /**
     * Reads one lifecycle topic into milestones. These topics are written by this system's own services: a
     * record keyed by another case than its own is a defect and goes to the dead-letter topic rather than
     * into another case; an empty record is counted and skipped.
     */
    private static <V extends SpecificRecord> InputReader<V, Milestone, TatLogic.Written> milestones(TopicSpec<V> topic,
            Function<V, Optional<Milestone>> reader, Function<V, String> accessionOf) {
        String shortName = topic.name().substring(topic.name().lastIndexOf("ntrk."));
        return (key, event, timestamp) -> {
            if (event == null) {
                return Reading.ignored(shortName, "empty");
            }
            Optional<Milestone> milestone = reader.apply(event);
            if (milestone.isEmpty()) {
                return Reading.ignored(shortName, "ignored");
            }
            if (!String.valueOf(accessionOf.apply(event)).equals(key)) {
                throw new IllegalArgumentException(topic.name() + " record keyed " + OutsideText.quote(key)
                        + " belongs to accession " + OutsideText.quote(accessionOf.apply(event)));
            }
            return Reading.forCase(key, milestone.get(), shortName, timestamp);
        };
    }
}
