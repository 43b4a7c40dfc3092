package org.ntrklab.simulator.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.ReportCommandRejected;
import org.ntrklab.events.ReportDrafted;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.SpecimenRejected;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.serde.RegistrySettings;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.simulator.lab.Bench;
import org.ntrklab.simulator.lab.CaseGenerator;
import org.ntrklab.simulator.lab.LabCalendar;
import org.ntrklab.simulator.lab.Measurement;
import org.ntrklab.simulator.lab.ReferralMix;
import org.ntrklab.simulator.lab.RunOutcome;
import org.ntrklab.simulator.lab.SimulatedCase;

/**
 * The laboratory around the services: the LIMS sends receipts, the bench measures each accessioned
 * specimen, the instruments run every order the services release, and a pathologist signs out every draft.
 * It watches the services' answers on ntrk.accessions, ntrk.assay-status and ntrk.reports and keeps,
 * per case, what happened, so a run ends with every case checked against its ground truth.
 *
 * <p>One run lives in one process: the simulator's own memory of its cases is not persisted. The services
 * it drives may stop and restart during a run; records sent meanwhile wait in the producer.
 */
public final class LabSimulation implements AutoCloseable {

    /** The LIMS reports a receipt a few minutes after the specimen is booked in. */
    private static final Duration LIMS_DELAY = Duration.ofMinutes(20);
    /** A LIMS interface retry re-sends the same message a little later. */
    private static final Duration LIMS_RETRY = Duration.ofMinutes(5);
    /** A withdrawn order reaches the lab an hour after accession. */
    private static final Duration CANCELLATION_DELAY = Duration.ofHours(1);

    private final SimulationSettings settings;
    private final Topics topics;
    private final LabClock clock;
    private final CaseGenerator generator;
    private final Bench bench = new Bench();
    private final KafkaProducer<String, SpecificRecord> producer;
    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "lab-simulator-bench");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, CaseProgress> bySpecimen = new ConcurrentHashMap<>();
    private final Map<String, CaseProgress> byAccession = new ConcurrentHashMap<>();
    private final RunCounters counters = new RunCounters();
    private final AtomicInteger sentCases = new AtomicInteger();
    private final AtomicLong firstSentNanos = new AtomicLong();
    private volatile boolean running = true;
    private Thread reader;
    private Thread lims;

    public LabSimulation(SimulationSettings settings) {
        this.settings = settings;
        this.topics = settings.topics();
        this.clock = new LabClock(settings.firstDay(), settings.pace());
        this.generator = new CaseGenerator(settings.seed(), ReferralMix.standard());
        EventSerdes serdes = new EventSerdes(RegistrySettings.of(settings.registryUrl()));
        Serde<SpecificRecord> serde = serdes.anyTopicSerde();
        this.producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                counters.countingSerializer(serde.serializer()));
        this.consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                counters.countingDeserializer(serde.deserializer()));
    }

    /** Starts the lab: waits until it listens to every partition of the services' topics, then sends receipts. */
    public LabSimulation start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.accessions().name(), topics.assayStatus().name(), topics.reports().name())) {
            partitions.addAll(partitionsOf(topic));
        }
        // Assigned, not subscribed: positions stay in this process, so a broker restart during the run
        // cannot move them (there are no committed offsets to fall back on). Reading starts at the end of
        // each topic, before the first receipt is sent.
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reader = new Thread(this::readLoop, "lab-simulator-reader");
        reader.start();
        clock.startNow();
        lims = new Thread(this::sendReceipts, "lab-simulator-lims");
        lims.start();
        return this;
    }

    private List<TopicPartition> partitionsOf(String topic) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && infos.size() == topics.partitions()) {
                return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has " + (infos == null ? 0 : infos.size())
                        + " partitions after 2 minutes, expected " + topics.partitions()
                        + ": are the services running against this broker with the same topic settings?");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
    }

    /** Waits until every case is finished or the timeout passes; {@code progress} hears about it every second. */
    public SimulationSummary awaitCompletion(Consumer<ProgressLine> progress) {
        long started = System.nanoTime();
        long deadline = started + settings.timeout().toNanos();
        long nextLine = started;
        while (!allFinished() && System.nanoTime() < deadline) {
            if (System.nanoTime() >= nextLine) {
                progress.accept(progressLine(started));
                nextLine += TimeUnit.SECONDS.toNanos(1);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        progress.accept(progressLine(started));
        long end = System.nanoTime();
        return SimulationSummary.of(settings, cases(), counters,
                Duration.ofNanos(end - (firstSentNanos.get() == 0 ? started : firstSentNanos.get())), allFinished());
    }

    /** Cases the LIMS has sent so far and where each stands now. */
    public List<CaseOutcome> cases() {
        return bySpecimen.values().stream().map(CaseProgress::outcome).toList();
    }

    private boolean allFinished() {
        return sentCases.get() == settings.cases() && bySpecimen.values().stream().allMatch(CaseProgress::finished);
    }

    private ProgressLine progressLine(long startedNanos) {
        Map<CaseOutcome.Stage, Long> stages = new java.util.EnumMap<>(CaseOutcome.Stage.class);
        for (CaseProgress c : bySpecimen.values()) {
            stages.merge(c.stage(), 1L, Long::sum);
        }
        return new ProgressLine(Duration.ofNanos(System.nanoTime() - startedNanos), sentCases.get(), settings.cases(),
                stages);
    }

    // ---- the LIMS ------------------------------------------------------------------------------------

    private void sendReceipts() {
        for (int n = 0; n < settings.cases() && running; n++) {
            Instant receivedAt = clock.receiptOf(n);
            Instant reportedAt = receivedAt.plus(LIMS_DELAY);
            long wait = settings.pace().immediate() ? clock.loadDelayNanos(n) : clock.wallDelayNanos(reportedAt);
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            SimulatedCase c = generator.generate(n, receivedAt);
            CaseProgress progress = new CaseProgress(c);
            bySpecimen.put(c.specimenId(), progress);
            String eventId = LabMessages.newId();
            long now = System.nanoTime();
            firstSentNanos.compareAndSet(0, now);
            progress.receiptSent(now);
            send(topics.limsSpecimenEvents(), c.specimenId(),
                    LabMessages.received(c.specimenId(), eventId, c.receipt(), reportedAt));
            if (c.resentByLims()) {
                Instant again = reportedAt.plus(LIMS_RETRY);
                later(again, () -> send(topics.limsSpecimenEvents(), c.specimenId(),
                        LabMessages.received(c.specimenId(), eventId, c.receipt(), reportedAt)));
            }
            sentCases.incrementAndGet();
        }
    }

    // ---- reading the services' answers ---------------------------------------------------------------

    private void readLoop() {
        try {
            while (running) {
                for (ConsumerRecord<String, SpecificRecord> r : consumer.poll(Duration.ofMillis(100))) {
                    onRecord(r);
                }
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    private void onRecord(ConsumerRecord<String, SpecificRecord> r) {
        try {
            SpecificRecord value = r.value();
            if (value instanceof AccessionEvent e) {
                onAccession(e);
            } else if (value instanceof AssayStatusEvent e) {
                onStatus(r.key(), e);
            } else if (value instanceof ReportEvent e) {
                onReport(r.key(), e);
            }
        } catch (RuntimeException e) {
            counters.unhandled(r.topic() + ": " + e);
        }
    }

    private void onAccession(AccessionEvent e) {
        Object payload = e.getPayload();
        if (payload instanceof SpecimenAccessioned a) {
            CaseProgress progress = bySpecimen.get(a.getSpecimenId());
            if (progress == null || !progress.accessioned(e.getAccessionId())) {
                return;
            }
            byAccession.put(e.getAccessionId(), progress);
            SimulatedCase c = progress.simulated();
            if (c.cancelledAfterAccession()) {
                later(e.getOccurredAt().plus(CANCELLATION_DELAY), () -> send(topics.limsSpecimenEvents(), c.specimenId(),
                        LabMessages.cancelled(c.specimenId(), c.receipt().getOrderId(),
                                e.getOccurredAt().plus(CANCELLATION_DELAY))));
                return;
            }
            for (Measurement m : bench.measurements(c)) {
                Instant at = LabCalendar.plusWorkingTime(e.getOccurredAt(), m.after());
                later(at, () -> send(topics.qcMeasurements(), e.getAccessionId(),
                        LabMessages.measured(e.getAccessionId(), m.payload(), at, e.getEventId())));
            }
        } else if (payload instanceof SpecimenRejected rejected) {
            CaseProgress progress = bySpecimen.get(rejected.getSpecimenId());
            if (progress != null) {
                progress.rejected();
            }
        } else if (payload instanceof AccessionCancelled cancelled) {
            CaseProgress progress = bySpecimen.get(cancelled.getSpecimenId());
            if (progress != null) {
                progress.cancelled();
            }
        }
    }

    /** An order released to the bench (READY) is run: started, then completed or failed, in lab time. */
    private void onStatus(String accessionId, AssayStatusEvent e) {
        if (!(e.getPayload() instanceof AssayStatusChanged s) || s.getToState() != AssayState.READY) {
            return;
        }
        CaseProgress progress = byAccession.get(accessionId);
        if (progress == null) {
            return;
        }
        int attempt = progress.nextAttempt(s.getOrderId(), s.getAssay());
        if (attempt == 0) {
            return;
        }
        RunOutcome outcome = bench.run(progress.simulated(), s.getAssay(), attempt);
        progress.ran(outcome);
        String runId = "RUN-" + s.getOrderId();
        Instant startedAt = LabCalendar.plusWorkingTime(e.getOccurredAt(), outcome.startAfter());
        Instant finishedAt = LabCalendar.plusWorkingTime(startedAt, outcome.runTime());
        later(startedAt, () -> send(topics.assayRuns(), accessionId,
                LabMessages.started(accessionId, s.getOrderId(), s.getAssay(), runId, startedAt, e.getEventId())));
        later(finishedAt, () -> send(topics.assayRuns(), accessionId,
                LabMessages.finished(accessionId, s.getOrderId(), runId, outcome, finishedAt, e.getEventId())));
    }

    private void onReport(String accessionId, ReportEvent e) {
        CaseProgress progress = byAccession.get(accessionId);
        if (progress == null) {
            return;
        }
        Object payload = e.getPayload();
        if (payload instanceof ReportDrafted d) {
            if (progress.drafted(d.getVersion())) {
                SimulatedCase c = progress.simulated();
                Instant at = LabCalendar.plusWorkingTime(e.getOccurredAt(), bench.signOutAfter(c, d.getVersion()));
                later(at, () -> send(topics.reportCommands(), accessionId,
                        LabMessages.signOut(accessionId, d.getVersion(), bench.pathologist(c), at, e.getEventId())));
            }
        } else if (payload instanceof ReportIssued issued) {
            if (issued.getStatus() == ReportStatus.FINAL) {
                progress.reportedFinal(issued.getContent().getOverallCall(), issued.getContent().getFusions(),
                        System.nanoTime());
            } else {
                counters.revision();
            }
        } else if (payload instanceof ReportCommandRejected rejected) {
            counters.commandRejected(rejected.getRejection() + ": " + rejected.getDetail());
        }
    }

    // ---- sending ----------------------------------------------------------------------------------

    /** Runs {@code action} when the wall clock reaches lab time {@code at} (at once under load). */
    private void later(Instant at, Runnable action) {
        long delay = clock.wallDelayNanos(at);
        if (delay == 0) {
            action.run();
        } else {
            scheduler.schedule(action, delay, TimeUnit.NANOSECONDS);
        }
    }

    private <V extends SpecificRecord> void send(TopicSpec<V> topic, String key, V value) {
        producer.send(new ProducerRecord<>(topic.name(), key, value), (metadata, error) -> {
            if (error != null) {
                counters.sendFailed(topic.name() + ": " + error);
            }
        });
    }

    private Properties producerConfig() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A LIMS interface keeps its messages until the broker takes them, also across a broker restart.
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Duration.ofMinutes(10).toMillis());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "lims-simulator");
        return p;
    }

    private Properties consumerConfig() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "lims-simulator-reader");
        return p;
    }

    @Override
    public void close() {
        running = false;
        if (lims != null) {
            lims.interrupt();
        }
        scheduler.shutdownNow();
        consumer.wakeup();
        try {
            if (reader != null) {
                reader.join(Duration.ofSeconds(10).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
        producer.close(Duration.ofSeconds(30));
    }

    /** One line of progress. */
    public record ProgressLine(Duration elapsed, int sent, int total, Map<CaseOutcome.Stage, Long> stages) {

        public long count(CaseOutcome.Stage stage) {
            return stages.getOrDefault(stage, 0L);
        }

        @Override
        public String toString() {
            long inLab = count(CaseOutcome.Stage.SENT) + count(CaseOutcome.Stage.ACCESSIONED);
            return String.format("[%4ds] %d/%d received · %d in the lab · %d awaiting sign-out · %d reported FINAL"
                            + " · %d rejected at intake · %d cancelled",
                    elapsed.toSeconds(), sent, total, inLab, count(CaseOutcome.Stage.DRAFTED),
                    count(CaseOutcome.Stage.REPORTED), count(CaseOutcome.Stage.REJECTED),
                    count(CaseOutcome.Stage.CANCELLED));
        }
    }
}
