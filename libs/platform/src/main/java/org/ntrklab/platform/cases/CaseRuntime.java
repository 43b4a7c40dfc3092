package org.ntrklab.platform.cases;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Predicate;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.streams.CatalogueStreams;
import org.ntrklab.platform.streams.TaskCounts;
import org.ntrklab.platform.topics.TopicSpec;

/**
 * Runs a service's cases on Kafka Streams. The service declares its inputs (each read into its sealed
 * input type before the inputs merge), its {@link CaseLogic}, its state store and the topic it writes; the
 * runtime builds the topology, registers the stores, sorts records of external topics that cannot be filed
 * under a case, applies each {@link Decision} all or nothing, runs housekeeping, keeps the gauges per task,
 * and lets every failure reach the dead-letter handler with nothing half done.
 *
 * <p>Every input but the external ones is one of our own topics, keyed by case with Kafka's partitioner,
 * so all of them are co-partitioned with the store and need no repartition.
 *
 * @param <I> the service's input type
 * @param <S> the case state
 * @param <O> the service's output type
 */
public final class CaseRuntime<I, S, O> {

    /** Gauge of the cases a store holds on this instance, tagged with the store's name. */
    public static final String STORE_ENTRIES = "ntrk.state.entries";

    final String store;
    final Serde<S> stateSerde;
    private final List<InputSpec<?>> inputs = new ArrayList<>();
    private final List<ExternalSpec<?>> externals = new ArrayList<>();
    final CaseLogic<I, S, O> logic;
    CaseMetrics<O> metrics = new CaseMetrics<>() {
        @Override
        public void input(String type, String outcome) {
        }
    };
    final List<CaseGauge<S>> gauges = new ArrayList<>();
    /** The cases of the store, per task: counted when a task starts, followed on every put and delete. */
    final TaskCounts entries = new TaskCounts(1);
    final List<CaseGauge.Swept<S>> sweptGauges = new ArrayList<>();
    java.util.function.ToLongFunction<I> eventTimeOf;
    boolean eventTimeClock;
    Duration housekeeping;
    String indexStore;
    Function<S, String> indexKey;
    String sequenceStore;

    private CaseRuntime(String store, Serde<S> stateSerde, CaseLogic<I, S, O> logic) {
        this.store = store;
        this.stateSerde = stateSerde;
        this.logic = Objects.requireNonNull(logic, "a case runtime needs the service's logic");
    }

    /**
     * @param store the name of the case store (part of the changelog topic's name: never change it for a
     *     running service)
     */
    public static <I, S, O> CaseRuntime<I, S, O> of(String store, Serde<S> stateSerde, CaseLogic<I, S, O> logic) {
        return new CaseRuntime<>(store, stateSerde, logic);
    }

    /** One of our own topics: a record without a value goes to the dead-letter topic. */
    public <X extends SpecificRecord> CaseRuntime<I, S, O> input(TopicSpec<X> topic, InputReader<X, I, O> reader) {
        inputs.add(new InputSpec<>(topic, reader, false));
        return this;
    }

    /** A topic whose records without a value are answered by the reader (it is called with null). */
    public <X extends SpecificRecord> CaseRuntime<I, S, O> inputAnsweringEmpty(TopicSpec<X> topic,
            InputReader<X, I, O> reader) {
        inputs.add(new InputSpec<>(topic, reader, true));
        return this;
    }

    /**
     * An external topic (LIMS, bench, instruments): records that {@code filable} accepts and whose fields
     * keep their limits are read in their key's partition under Kafka's own partitioner, re-partitioned first
     * when they sit elsewhere (a producer with another
     * partitioner would otherwise put them in another task than their case) and read by {@code filed}; the
     * others, including records without a value, are answered by {@code misfiled} without touching any case.
     *
     * @param repartitionName name of the internal re-partition topic (part of the service's topic names:
     *     never change it for a running service)
     */
    public <X extends SpecificRecord> CaseRuntime<I, S, O> externalInput(TopicSpec<X> topic,
            Predicate<String, X> filable, String repartitionName, int partitions, InputReader<X, I, O> filed,
            InputReader<X, I, O> misfiled) {
        externals.add(new ExternalSpec<>(topic, filable, repartitionName, partitions, filed, misfiled));
        return this;
    }

    public CaseRuntime<I, S, O> metrics(CaseMetrics<O> metrics) {
        this.metrics = metrics;
        return this;
    }

    public CaseRuntime<I, S, O> gauge(CaseGauge<S> gauge) {
        gauges.add(gauge);
        return this;
    }

    /** A gauge counted over every case at task start and at each housekeeping. */
    public CaseRuntime<I, S, O> gauge(CaseGauge.Swept<S> gauge) {
        sweptGauges.add(gauge);
        return this;
    }

    /**
     * Follows the event time of the inputs per task ({@link CaseContext#latestEventTime()},
     * {@link CaseContext#inputLag()}), and with {@code eventTimeClock} makes it the service's clock
     * ({@link CaseContext#now()}), for replays and simulations whose event times are not today's.
     *
     * @param eventTimeOf an input's event time (epoch milliseconds); record timestamps are not used, as a
     *     producer may stamp records with its own clock
     */
    public CaseRuntime<I, S, O> eventClock(java.util.function.ToLongFunction<I> eventTimeOf, boolean eventTimeClock) {
        this.eventTimeOf = eventTimeOf;
        this.eventTimeClock = eventTimeClock;
        return this;
    }

    /** Calls {@link CaseLogic#housekeep} for every case of a task at this wall-clock interval. */
    public CaseRuntime<I, S, O> housekeeping(Duration interval) {
        this.housekeeping = interval;
        return this;
    }

    /**
     * Keeps a second store of the same states under a second key (e.g. an accession number beside the
     * specimen id), written in the same transaction, for lookups by that key.
     */
    public CaseRuntime<I, S, O> index(String indexStore, Function<S, String> indexKey) {
        this.indexStore = indexStore;
        this.indexKey = indexKey;
        return this;
    }

    /**
     * Gives decisions a per-partition sequence ({@link CaseContext#nextSequence()}), kept in the store
     * {@code sequenceStore} in the same transaction as the cases.
     */
    public CaseRuntime<I, S, O> sequence(String sequenceStore) {
        this.sequenceStore = sequenceStore;
        return this;
    }

    /**
     * Adds the service's steps to the builder, writing to {@code output}, and returns the stream of events
     * it writes.
     */
    public <V extends SpecificRecord> KStream<String, V> build(StreamsBuilder builder, EventSerdes serdes,
            TopicSpec<V> output, OutputWriter<O, V> writer) {
        List<String> stores = new ArrayList<>(List.of(store));
        // Cached: a case read or changed several times within one commit interval is read from memory and
        // written to RocksDB and its changelog once.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                stateSerde).withCachingEnabled());
        if (indexStore != null) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(indexStore),
                    Serdes.String(), stateSerde).withCachingEnabled());
            stores.add(indexStore);
        }
        if (sequenceStore != null) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(sequenceStore),
                    Serdes.String(), Serdes.Long()).withCachingEnabled());
            stores.add(sequenceStore);
        }
        KStream<String, Reading<I, O>> readings = null;
        List<KStream<String, V>> answers = new ArrayList<>();
        for (InputSpec<?> input : inputs) {
            readings = merge(readings, input.stream(builder, serdes));
        }
        for (ExternalSpec<?> external : externals) {
            CatalogueStreams.Sorted<?> sorted = external.sort(builder, serdes);
            readings = merge(readings, external.filed(sorted));
            answers.add(external.misfiled(sorted, writer));
        }
        if (readings == null) {
            throw new IllegalStateException("a case runtime needs at least one input");
        }
        MeterRegistry registry = metrics.registry();
        if (registry != null) {
            Gauge.builder(STORE_ENTRIES, entries, counts -> counts.sum(0))
                    .description("Cases kept in a service's state store on this instance").tag("store", store)
                    .register(registry);
        }
        KStream<String, V> written = readings.process(() -> new CaseProcessor<>(this, writer), stores.toArray(String[]::new));
        for (KStream<String, V> answer : answers) {
            written = written.merge(answer);
        }
        written.to(output.name(), Produced.with(output.keySerde(), serdes.valueSerde(output)));
        return written;
    }

    private static <K, T> KStream<K, T> merge(KStream<K, T> all, KStream<K, T> next) {
        return all == null ? next : all.merge(next);
    }

    private final class InputSpec<X extends SpecificRecord> {
        private final TopicSpec<X> topic;
        private final InputReader<X, I, O> reader;
        private final boolean answersEmpty;

        InputSpec(TopicSpec<X> topic, InputReader<X, I, O> reader, boolean answersEmpty) {
            this.topic = topic;
            this.reader = reader;
            this.answersEmpty = answersEmpty;
        }

        KStream<String, Reading<I, O>> stream(StreamsBuilder builder, EventSerdes serdes) {
            return builder.stream(topic.name(), Consumed.with(topic.keySerde(), serdes.valueSerde(topic)))
                    .processValues(() -> new ReadingStep<>(reader, answersEmpty));
        }
    }

    private final class ExternalSpec<X extends SpecificRecord> {
        private final TopicSpec<X> topic;
        private final Predicate<String, X> filable;
        private final String repartitionName;
        private final int partitions;
        private final InputReader<X, I, O> filed;
        private final InputReader<X, I, O> misfiled;

        ExternalSpec(TopicSpec<X> topic, Predicate<String, X> filable, String repartitionName, int partitions,
                InputReader<X, I, O> filed, InputReader<X, I, O> misfiled) {
            this.topic = topic;
            this.filable = filable;
            this.repartitionName = repartitionName;
            this.partitions = partitions;
            this.filed = filed;
            this.misfiled = misfiled;
        }

        CatalogueStreams.Sorted<X> sort(StreamsBuilder builder, EventSerdes serdes) {
            return CatalogueStreams.external(builder, topic, serdes, repartitionName + "-", filable, repartitionName,
                    partitions);
        }

        @SuppressWarnings("unchecked")
        KStream<String, Reading<I, O>> filed(CatalogueStreams.Sorted<?> sorted) {
            return ((CatalogueStreams.Sorted<X>) sorted).filed().processValues(() -> new ReadingStep<>(filed, false));
        }

        @SuppressWarnings("unchecked")
        <V extends SpecificRecord> KStream<String, V> misfiled(CatalogueStreams.Sorted<?> sorted,
                OutputWriter<O, V> writer) {
            return ((CatalogueStreams.Sorted<X>) sorted).misfiled()
                    .process(() -> new AnswerProcessor<>(misfiled, writer, metrics));
        }
    }
}
