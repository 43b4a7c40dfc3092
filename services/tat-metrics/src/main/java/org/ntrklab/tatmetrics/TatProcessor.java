package org.ntrklab.tatmetrics;

import java.time.Instant;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ntrklab.events.CaseOverdue;
import org.ntrklab.events.Priority;
import org.ntrklab.events.TurnaroundEvent;
import org.ntrklab.events.TurnaroundMeasured;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.events.EventTimes;
import org.ntrklab.platform.streams.StateStores;
import org.ntrklab.tatmetrics.timeline.CaseTimeline;
import org.ntrklab.tatmetrics.timeline.ClerkStep;
import org.ntrklab.tatmetrics.timeline.Milestone;
import org.ntrklab.tatmetrics.timeline.TatClerk;
import org.ntrklab.tatmetrics.timeline.TatOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one timeline per case of this task, writes turnaround events as the clerk derives them, and on a
 * regular clock flags overdue work, evicts finished cases and refreshes the work-in-progress gauges.
 */
final class TatProcessor implements Processor<String, Milestone, String, TurnaroundEvent> {

    static final String SOURCE = "tat-metrics";
    private static final Logger log = LoggerFactory.getLogger(TatProcessor.class);

    private final TatClerk clerk;
    private final TatMetrics metrics;
    private final TatSettings settings;
    private ProcessorContext<String, TurnaroundEvent> context;
    private KeyValueStore<String, CaseTimeline> timelines;
    /** How far behind the wall clock the input processed since the last check was, at most. */
    private long inputLagSinceCheck;
    /**
     * The latest event time (occurredAt) this task has seen. Kafka record timestamps are not used: a
     * producer may stamp records with its own clock rather than with the event's time.
     */
    private long latestEventTime = Long.MIN_VALUE;

    TatProcessor(TatClerk clerk, TatMetrics metrics, TatSettings settings) {
        this.clerk = clerk;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, TurnaroundEvent> context) {
        this.context = context;
        timelines = context.getStateStore(TatTopology.TIMELINES);
        // Checked on the wall clock in both modes, so checks run even when no input arrives; on the
        // STREAM_TIME clock "now" is the latest event time seen.
        context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::check);
        // The store is restored before init: count at once, so the gauges do not drop to zero on a restart
        // or a rebalance until the first check.
        if (!streamTime()) {
            refreshGauges(now());
        }
    }

    @Override
    public void process(Record<String, Milestone> record) {
        Milestone milestone = record.value();
        long eventTime = milestone.occurredAt().toEpochMilli();
        latestEventTime = Math.max(latestEventTime, eventTime);
        inputLagSinceCheck = Math.max(inputLagSinceCheck, context.currentSystemTimeMs() - eventTime);
        ClerkStep step = clerk.record(timelines.get(record.key()), record.key(), milestone, now());
        // State first: a timeline too large to keep dead-letters the input with nothing written.
        if (step.state() != null) {
            timelines.put(record.key(), step.state());
        }
        for (TatOutput output : step.outputs()) {
            forward(record.key(), output, milestone.eventId());
        }
    }

    private void check(long wallClock) {
        if (streamTime() && latestEventTime == Long.MIN_VALUE) {
            return;
        }
        long timestamp = now();
        Instant now = Instant.ofEpochMilli(timestamp);
        boolean live = streamTime() || inputLagSinceCheck <= settings.catchUpLag().toMillis();
        inputLagSinceCheck = 0;
        long streamTimeMillis = latestEventTime == Long.MIN_VALUE ? Long.MIN_VALUE / 2 : latestEventTime;
        WorkInProgress work = new WorkInProgress(clerk, now);
        for (KeyValue<String, CaseTimeline> entry : StateStores.entries(timelines)) {
            try {
                ClerkStep step = clerk.tick(entry.value, now, timestamp, streamTimeMillis, live);
                for (TatOutput output : step.outputs()) {
                    forward(entry.key, output, null);
                }
                if (step.evict()) {
                    timelines.delete(entry.key);
                    continue;
                }
                CaseTimeline t = step.state() != null ? step.state() : entry.value;
                if (step.state() != null) {
                    timelines.put(entry.key, t);
                }
                work.count(t);
            } catch (RuntimeException e) {
                // One case that cannot be checked must not stop the checks of all the others.
                metrics.checkFailed();
                log.error("Turnaround check of one case in task {} failed: {}", context.taskId(), e.getClass().getName());
            }
        }
        work.report(metrics, context.taskId().toString(), live);
    }

    private void refreshGauges(long timestamp) {
        WorkInProgress work = new WorkInProgress(clerk, Instant.ofEpochMilli(timestamp));
        StateStores.entries(timelines).forEach(entry -> work.count(entry.value));
        work.report(metrics, context.taskId().toString(), true);
    }

    @Override
    public void close() {
        // The task may move to another instance: its cases are no longer counted here.
        metrics.forget(context.taskId().toString());
    }

    private boolean streamTime() {
        return settings.clock() == TatSettings.Clock.STREAM_TIME;
    }

    /** The service's clock: the wall clock, or on the STREAM_TIME clock the latest event time seen. */
    private long now() {
        if (streamTime()) {
            return latestEventTime == Long.MIN_VALUE ? context.currentStreamTimeMs() : latestEventTime;
        }
        return context.currentSystemTimeMs();
    }

    private void forward(String accessionId, TatOutput output, String causationId) {
        Object payload;
        Instant occurredAt;
        if (output instanceof TatOutput.Measured m) {
            payload = TurnaroundMeasured.newBuilder()
                    .setMeasure(m.measure()).setAssay(m.assay()).setOrderId(m.orderId())
                    .setStartedAt(m.startedAt()).setEndedAt(m.endedAt())
                    .setCalendarSeconds(m.calendarSeconds()).setWorkingDays(m.workingDays())
                    .setTargetWorkingDays(m.targetWorkingDays()).setWithinTarget(m.withinTarget())
                    .setPriority(m.priority() == null ? Priority.ROUTINE : Priority.valueOf(m.priority()))
                    .build();
            occurredAt = m.endedAt();
        } else {
            TatOutput.Overdue o = (TatOutput.Overdue) output;
            payload = CaseOverdue.newBuilder()
                    .setMeasure(o.measure()).setAssay(o.assay()).setOrderId(o.orderId())
                    .setStartedAt(o.startedAt()).setTargetWorkingDays(o.targetWorkingDays())
                    .setElapsedWorkingDays(o.elapsedWorkingDays())
                    .build();
            occurredAt = o.flaggedAt();
        }
        TurnaroundEvent event = TurnaroundEvent.newBuilder()
                .setEventId(EventIds.derived(accessionId, output.key()))
                .setOccurredAt(occurredAt)
                .setAccessionId(accessionId)
                .setSource(SOURCE)
                .setCausationId(causationId)
                .setPayload(payload)
                .build();
        context.forward(new Record<>(accessionId, event, EventTimes.recordTimestamp(occurredAt, 0)));
        if (output instanceof TatOutput.Measured m) {
            boolean recent = streamTime()
                    || context.currentSystemTimeMs() - m.endedAt().toEpochMilli() <= settings.metricsWindow().toMillis();
            if (recent) {
                metrics.measured(m);
            } else {
                metrics.historic(m);
            }
        } else {
            metrics.overdue((TatOutput.Overdue) output);
        }
    }
}
