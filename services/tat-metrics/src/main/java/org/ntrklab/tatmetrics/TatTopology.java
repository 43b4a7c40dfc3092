package org.ntrklab.tatmetrics;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.ntrklab.events.TurnaroundEvent;
import org.ntrklab.events.TurnaroundMeasure;
import org.ntrklab.events.TurnaroundMeasured;
import org.ntrklab.platform.events.OutsideText;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.streams.JsonStoreSerde;
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
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMELINES), Serdes.String(),
                new JsonStoreSerde<>(CaseTimeline.class)));
        KStream<String, Milestone> milestones = milestones(builder, topics.accessions(), serdes, metrics, Milestones::of,
                e -> e.getAccessionId())
                .merge(milestones(builder, topics.qcDecisions(), serdes, metrics, Milestones::of, e -> e.getAccessionId()))
                .merge(milestones(builder, topics.assayOrders(), serdes, metrics, Milestones::of, e -> e.getAccessionId()))
                .merge(milestones(builder, topics.assayStatus(), serdes, metrics, Milestones::of, e -> e.getAccessionId()))
                .merge(milestones(builder, topics.reports(), serdes, metrics, Milestones::of, e -> e.getAccessionId()));
        TopicSpec<TurnaroundEvent> output = topics.turnaround();
        KStream<String, TurnaroundEvent> turnaround = milestones
                .process(() -> new TatProcessor(clerk, metrics, settings), TIMELINES);
        turnaround.to(output.name(), Produced.with(output.keySerde(), serdes.valueSerde(output)));

        // Per-measure distributions, one key per measure and assay, for percentiles across all cases.
        turnaround
                .filter((key, event) -> event.getPayload() instanceof TurnaroundMeasured m
                        && (m.getMeasure() == TurnaroundMeasure.CASE || m.getMeasure() == TurnaroundMeasure.TEST))
                .groupBy((key, event) -> summaryKey((TurnaroundMeasured) event.getPayload()),
                        Grouped.with("turnaround-by-measure", Serdes.String(), serdes.valueSerde(output)))
                .aggregate(WorkingDaysSummary::empty, (key, event, summary) -> {
                    TurnaroundMeasured m = (TurnaroundMeasured) event.getPayload();
                    return summary.add(m.getWorkingDays(), m.getWithinTarget());
                }, Materialized.<String, WorkingDaysSummary, KeyValueStore<Bytes, byte[]>>as(SUMMARY)
                        .withKeySerde(Serdes.String()).withValueSerde(new JsonStoreSerde<>(WorkingDaysSummary.class)));
        return turnaround;
    }

    /** "CASE" for the case clock, "TEST:<assay>" for a test clock. */
    public static String summaryKey(TurnaroundMeasured m) {
        return m.getMeasure() == TurnaroundMeasure.CASE ? "CASE" : "TEST:" + m.getAssay();
    }

    private static <V extends SpecificRecord> KStream<String, Milestone> milestones(StreamsBuilder builder,
            TopicSpec<V> topic, EventSerdes serdes, TatMetrics metrics, Function<V, Optional<Milestone>> reader,
            Function<V, String> accessionOf) {
        String shortName = topic.name().substring(topic.name().lastIndexOf("ntrk."));
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), serdes.valueSerde(topic)))
                .flatMapValues((key, event) -> {
                    if (event == null) {
                        metrics.input(shortName, "empty");
                        return List.<Milestone>of();
                    }
                    Optional<Milestone> milestone = reader.apply(event);
                    if (milestone.isPresent() && !String.valueOf(accessionOf.apply(event)).equals(key)) {
                        // These topics are written by this system's own services: a wrong key is a defect,
                        // and the record goes to the dead-letter topic rather than into another case.
                        throw new IllegalArgumentException(topic.name() + " record keyed " + OutsideText.quote(key)
                                + " belongs to accession " + OutsideText.quote(accessionOf.apply(event)));
                    }
                    metrics.input(shortName, milestone.isPresent() ? "milestone" : "ignored");
                    return milestone.stream().toList();
                });
    }
}
