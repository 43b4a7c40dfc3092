package org.ntrklab.platform.cases;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ntrklab.platform.deadletter.FailureClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one stateful step of a service: reads the case of each input, asks the service's logic, and applies
 * the decision all or nothing. The events are built and checked before the state changes, so an event that
 * cannot be written leaves the case as it was (the input is dead-lettered); the state is written before
 * the events, so a state too large to keep writes no event either.
 */
final class CaseProcessor<I, S, O, V extends org.apache.avro.specific.SpecificRecord> implements Processor<String, Reading<I, O>, String, V> {

    private static final String SEQUENCE_KEY = "next";
    /**
     * Cases kept deserialised per task, most recently used first: a case's inputs come close together, and a
     * case read from this cache is not read and deserialised from the store again. Bounded, so that memory
     * stays flat however many cases a task holds.
     */
    static final int RECENT_CASES = 500;
    /**
     * Changes one housekeeping applies at most; the rest wait for the next one. Keeps one punctuation's
     * transaction small when many cases fall due together (e.g. the first run after an upgrade).
     */
    static final int MAX_CHANGES_PER_SWEEP = 1_000;
    /** A walk through the store gives up after this many unreadable values in a row rather than spin. */
    static final int MAX_UNREADABLE_IN_A_ROW = 1_000;
    private static final Logger log = LoggerFactory.getLogger(CaseProcessor.class);

    private final CaseRuntime<I, S, O> runtime;
    private final CaseWriter<O, V> writer;
    private ProcessorContext<String, V> context;
    private KeyValueStore<String, S> cases;
    private KeyValueStore<String, S> index;
    private KeyValueStore<String, Long> sequence;
    private String task;
    private TaskGauges<S> gauges;
    /** Every write goes through this processor, so the cache always holds what the store holds. */
    private final Map<String, S> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, S> eldest) {
            return size() > RECENT_CASES;
        }
    };
    /** The latest event time of this task's inputs, for a runtime with an event clock. */
    private long latestEventTime = CaseContext.NO_EVENT_TIME;
    /** How far behind the wall clock the input processed since the last housekeeping was, at most. */
    private long inputLag;

    CaseProcessor(CaseRuntime<I, S, O> runtime, OutputWriter<O, V> writer) {
        this.runtime = runtime;
        this.writer = new CaseWriter<>(writer, runtime.metrics);
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        // A task started again (after a rebalance or an aborted transaction) reads its restored store afresh.
        recent.clear();
        cases = context.getStateStore(runtime.store);
        if (runtime.indexStore != null) {
            index = context.getStateStore(runtime.indexStore);
        }
        if (runtime.sequenceStore != null) {
            sequence = context.getStateStore(runtime.sequenceStore);
        }
        task = context.taskId().toString();
        gauges = new TaskGauges<>(task, runtime);
        Duration interval = runtime.housekeeping;
        if (interval != null) {
            context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::housekeeping);
        }
        recount();
        if (!runtime.sweptGauges.isEmpty() && !(runtime.eventTimeClock)) {
            // On the event-time clock there is no "now" before the first input: the first sweep counts.
            sweep(new Context(context.currentSystemTimeMs()), false);
        }
    }

    /**
     * The store is restored before init: the gauges are counted now, so they are right after a restart or
     * a rebalance. The cases are counted one by one rather than loaded together.
     */
    private void recount() {
        TaskGauges<S>.Totals totals = gauges.totals();
        try (KeyValueIterator<String, S> all = cases.all()) {
            int unreadable = 0;
            while (all.hasNext() && unreadable < MAX_UNREADABLE_IN_A_ROW) {
                KeyValue<String, S> entry = next(all);
                unreadable = entry == null ? unreadable + 1 : 0;
                if (entry != null) {
                    totals.kept(entry.value);
                }
            }
        }
        totals.setFollowed();
    }

    @Override
    public void process(Record<String, Reading<I, O>> record) {
        Reading<I, O> reading = record.value();
        if (reading instanceof Reading.ForCase<I, O> input) {
            if (runtime.eventTimeOf != null) {
                long eventTime = runtime.eventTimeOf.applyAsLong(input.input());
                latestEventTime = Math.max(latestEventTime, eventTime);
                inputLag = Math.max(inputLag, context.currentSystemTimeMs() - eventTime);
            }
            S before = current(input.key());
            Decision<S, O> decision = runtime.logic.decide(input.key(), before, input.input(),
                    new Context(context.currentSystemTimeMs()));
            apply(input.key(), before, decision, input.timestamp(), input.type());
        } else if (reading instanceof Reading.Answered<I, O> answer) {
            writer.forward(context, writer.prepare(answer.key(), answer.outputs(), answer.timestamp()),
                    answer.outputs(), answer.type(), answer.outcome());
        } else {
            Reading.Ignored<I, O> ignored = (Reading.Ignored<I, O>) reading;
            runtime.metrics.input(ignored.type(), ignored.outcome());
        }
    }

    /** The case's state: from the recent cases, else from the store. */
    private S current(String key) {
        S state = recent.get(key);
        if (state == null) {
            state = cases.get(key);
            if (state != null) {
                recent.put(key, state);
            }
        }
        return state;
    }

    private void housekeeping(long wallClock) {
        if (runtime.eventTimeClock && latestEventTime == CaseContext.NO_EVENT_TIME) {
            return;
        }
        sweep(new Context(wallClock), true);
        inputLag = 0;
    }

    /**
     * Goes through every case of the task: housekeeping (when {@code keep}) and the swept gauges. The cases
     * are read one by one and only the decisions that change something are held until the walk ends, so a
     * large store is never loaded whole. One case that cannot be kept must not stop the housekeeping of all
     * the others: it is left as it was, counted and logged without its content. A dependency that is down
     * stops the thread as anywhere else.
     */
    private void sweep(Context at, boolean keep) {
        TaskGauges<S>.Totals totals = gauges.totals();
        List<Pending<S, O>> pending = new ArrayList<>();
        try (KeyValueIterator<String, S> all = cases.all()) {
            int unreadable = 0;
            while (all.hasNext() && unreadable < MAX_UNREADABLE_IN_A_ROW) {
                KeyValue<String, S> entry = next(all);
                unreadable = entry == null ? unreadable + 1 : 0;
                if (entry == null) {
                    continue;
                }
                S after = entry.value;
                if (keep && pending.size() < MAX_CHANGES_PER_SWEEP) {
                    Decision<S, O> decision = housekept(entry.key, entry.value, at);
                    if (decision != null && decision.changesAnything()) {
                        pending.add(new Pending<>(entry.key, entry.value, decision));
                        after = decision.delete() ? null : decision.state() != null ? decision.state() : entry.value;
                    }
                }
                if (after != null) {
                    totals.swept(after, at);
                }
            }
        }
        for (Pending<S, O> change : pending) {
            try {
                apply(change.key(), change.before(), change.decision(), at.wallClock(), "housekeeping");
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        totals.setSwept();
    }

    private record Pending<S, O>(String key, S before, Decision<S, O> decision) {
    }

    /**
     * The next case of a walk through the store, or null for a stored value that cannot be read (written by a
     * newer version of the service, say): counted and logged, and the walk goes on, so one such value neither
     * stops the service at start-up nor the housekeeping of every other case. The case itself answers with
     * a dead letter when an input reaches it.
     */
    private KeyValue<String, S> next(KeyValueIterator<String, S> all) {
        try {
            return all.next();
        } catch (SerializationException e) {
            runtime.metrics.housekeepingFailed();
            log.error("A case in task {} could not be read from its store: {}", task, e.getClass().getName());
            return null;
        }
    }

    /** The housekeeping decision for one case, or null when it could not be taken. */
    private Decision<S, O> housekept(String key, S state, Context at) {
        try {
            return runtime.logic.housekeep(key, state, at);
        } catch (RuntimeException e) {
            failed(e);
            return null;
        }
    }

    private void failed(RuntimeException e) {
        if (FailureClassifier.isTransient(e)) {
            throw e;
        }
        runtime.metrics.housekeepingFailed();
        log.error("Housekeeping of one case in task {} failed: {}", task, e.getClass().getName());
    }

    private void apply(String key, S before, Decision<S, O> decision, long inputTimestamp, String inputType) {
        // Everything that can fail is done before the first write: the events are built and checked, and the
        // gauges' change is worked out.
        List<Record<String, V>> records = writer.prepare(key, decision.outputs(), inputTimestamp);
        Runnable counted = decision.delete() ? gauges.change(before, null)
                : decision.state() != null ? gauges.change(before, decision.state()) : () -> { };
        if (decision.delete()) {
            cases.delete(key);
            recent.remove(key);
            if (index != null && before != null && runtime.indexKey.apply(before) != null) {
                index.delete(runtime.indexKey.apply(before));
            }
        } else if (decision.state() != null) {
            cases.put(key, decision.state());
            recent.put(key, decision.state());
            if (index != null && runtime.indexKey.apply(decision.state()) != null) {
                index.put(runtime.indexKey.apply(decision.state()), decision.state());
            }
        }
        counted.run();
        writer.forward(context, records, decision.outputs(), inputType, decision.outcome());
    }

    @Override
    public void close() {
        // The task may move to another instance: its cases are no longer counted here.
        gauges.forget();
    }

    private final class Context implements CaseContext {
        private final long wallClock;

        Context(long wallClock) {
            this.wallClock = wallClock;
        }

        @Override
        public long now() {
            if (runtime.eventTimeClock) {
                return latestEventTime == NO_EVENT_TIME ? context.currentStreamTimeMs() : latestEventTime;
            }
            return wallClock;
        }

        @Override
        public long wallClock() {
            return wallClock;
        }

        @Override
        public long latestEventTime() {
            return latestEventTime;
        }

        @Override
        public long inputLag() {
            return inputLag;
        }

        @Override
        public int partition() {
            return context.taskId().partition();
        }

        @Override
        public long nextSequence() {
            if (sequence == null) {
                throw new IllegalStateException("this service's runtime keeps no sequence");
            }
            Long next = sequence.get(SEQUENCE_KEY);
            long value = next == null ? 1 : next;
            sequence.put(SEQUENCE_KEY, value + 1);
            return value;
        }
    }
}
