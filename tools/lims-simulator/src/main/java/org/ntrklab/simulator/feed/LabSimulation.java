package org.ntrklab.simulator.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.serde.RegistrySettings;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.simulator.lab.Bench;
import org.ntrklab.simulator.lab.CaseGenerator;
import org.ntrklab.simulator.lab.ReferralMix;

/**
 * The laboratory around the services: the {@link Lims} sends receipts, the {@link BenchWork} measures each
 * accessioned specimen and runs every order the services release, and a {@link Pathologist} signs out every
 * draft, but those the run leaves for a person at the sign-out desk. It listens to ntrk.accessions,
 * ntrk.assay-status and ntrk.reports and keeps, per case, what happened, so a run ends with every reported
 * case checked against its ground truth.
 *
 * <p>One run lives in one process: the simulator's own memory of its cases is not persisted. The services it
 * drives may stop and restart during a run; what the lab sends meanwhile waits and is retried.
 */
public final class LabSimulation implements AutoCloseable {

    private static final Duration READ_RETRY_PAUSE = Duration.ofSeconds(1);

    private final SimulationSettings settings;
    private final Topics topics;
    private final LabClock clock;
    private final CaseBook book = new CaseBook();
    private final RunCounters counters = new RunCounters();
    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final Outbox outbox;
    private final Lims lims;
    private final BenchWork benchWork;
    private final Pathologist pathologist;
    private volatile boolean running = true;
    private Thread reader;
    private Thread limsThread;

    public LabSimulation(SimulationSettings settings) {
        this.settings = settings;
        this.topics = settings.topics();
        this.clock = new LabClock(settings.firstDay(), settings.pace());
        // Like a LIMS, the simulator registers no schema: it writes with the ones the services registered at
        // start, which it reads from the registry without signing in. It keeps serving cached schemas while
        // the registry is briefly unreachable (e.g. the stack restarts).
        EventSerdes serdes = new EventSerdes(new RegistrySettings(settings.registryUrl(), null, false,
                Map.of("apicurio.registry.fault-tolerant-refresh", "true")));
        Serde<SpecificRecord> serde = serdes.anyTopicSerde();
        this.consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                counters.countingDeserializer(serde.deserializer()));
        this.outbox = new Outbox(new KafkaProducer<>(producerConfig(), new StringSerializer(),
                counters.countingSerializer(serde.serializer())), clock, counters);
        Bench bench = new Bench();
        // A run tag in the specimen and order ids: a second run with the same seed sends new specimens.
        String runTag = Long.toString(System.currentTimeMillis() / 1000, 36).toUpperCase(java.util.Locale.ROOT);
        this.lims = new Lims(settings, clock, new CaseGenerator(settings.seed(), ReferralMix.standard(), runTag), book,
                outbox);
        this.benchWork = new BenchWork(topics, bench, book, outbox);
        this.pathologist = new Pathologist(bench, book, outbox, counters, settings.pathologist(),
                settings.leftForTheDesk());
    }

    /** Starts the lab: listens to every partition of the services' topics from their end, then sends receipts. */
    public LabSimulation start() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.accessions().name(), topics.assayOrders().name(),
                    topics.assayStatus().name(), topics.reports().name())) {
                partitions.addAll(partitionsOf(topic));
            }
            // Assigned, not subscribed: positions stay in this process, so a broker restart during the run
            // cannot move them (there are no committed offsets to fall back on).
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        reader = new Thread(this::readLoop, "lab-simulator-reader");
        reader.start();
        clock.startNow();
        limsThread = new Thread(lims::sendReceipts, "lab-simulator-lims");
        limsThread.start();
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
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        progress.accept(progressLine(started));
        long from = lims.firstSentNanos() == 0 ? started : lims.firstSentNanos();
        return SimulationSummary.of(settings, cases(), leftForTheDesk(), counters,
                Duration.ofNanos(System.nanoTime() - from), allFinished());
    }

    /** Cases the LIMS has sent so far and where each stands now. */
    public List<CaseOutcome> cases() {
        return book.outcomes();
    }

    /** Accession ids of the cases whose drafts were left unsigned for a person, in the order they were drafted. */
    public List<String> leftForTheDesk() {
        return pathologist.leftForTheDesk();
    }

    private boolean allFinished() {
        return lims.sent() == settings.cases() && book.allFinished();
    }

    private ProgressLine progressLine(long startedNanos) {
        return new ProgressLine(Duration.ofNanos(System.nanoTime() - startedNanos), lims.sent(), settings.cases(),
                book.stageCounts());
    }

    private void readLoop() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, SpecificRecord> r : consumer.poll(Duration.ofMillis(100))) {
                        onRecord(r);
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // The registry or the broker is unreachable for a moment: the position has not moved,
                    // so the same records are read again once they are back.
                    counters.readerPaused(e.toString());
                    LockSupport.parkNanos(READ_RETRY_PAUSE.toNanos());
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void onRecord(ConsumerRecord<String, SpecificRecord> r) {
        try {
            SpecificRecord value = r.value();
            if (value instanceof AccessionEvent e) {
                CaseProgress toMeasure = lims.heard(e);
                if (toMeasure != null) {
                    benchWork.measure(toMeasure, e);
                }
            } else if (value instanceof AssayOrderEvent e) {
                benchWork.onOrder(r.key(), e);
            } else if (value instanceof AssayStatusEvent e) {
                benchWork.onStatus(r.key(), e);
            } else if (value instanceof ReportEvent e) {
                pathologist.onReport(r.key(), e);
            }
        } catch (RuntimeException e) {
            counters.unhandled(r.topic() + ": " + e);
        }
    }

    private Properties producerConfig() {
        Properties p = new Properties();
        p.putAll(settings.kafkaClientConfig());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A LIMS interface keeps its messages until the broker takes them, also across a broker restart.
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Duration.ofSeconds(30).toMillis());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "lims-simulator");
        return p;
    }

    private Properties consumerConfig() {
        Properties p = new Properties();
        p.putAll(settings.kafkaClientConfig());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "lims-simulator-reader");
        return p;
    }

    /** Stops the LIMS, the reader (which closes its consumer) and the outbox, in that order. */
    @Override
    public void close() {
        running = false;
        lims.stop();
        if (limsThread != null) {
            limsThread.interrupt();
            join(limsThread);
        }
        if (reader != null) {
            // Woken, not interrupted: the reader closes its consumer, which an interrupt would break off.
            consumer.wakeup();
            join(reader);
        } else {
            consumer.close(Duration.ofSeconds(5));
        }
        outbox.close();
    }

    private static void join(Thread t) {
        try {
            t.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One line of progress. */
    public record ProgressLine(Duration elapsed, int sent, int total, Map<CaseOutcome.Stage, Long> stages) {

        public long count(CaseOutcome.Stage stage) {
            return stages.getOrDefault(stage, 0L);
        }

        @Override
        public String toString() {
            long inLab = count(CaseOutcome.Stage.SENT) + count(CaseOutcome.Stage.ACCESSIONED);
            long left = count(CaseOutcome.Stage.LEFT_FOR_THE_DESK);
            // Only a run that leaves drafts for the desk says so: the usual line stays as it was.
            return String.format("[%4ds] %d/%d received · %d in the lab · %d awaiting sign-out%s · %d reported FINAL"
                            + " · %d rejected at intake · %d cancelled",
                    elapsed.toSeconds(), sent, total, inLab, count(CaseOutcome.Stage.DRAFTED),
                    left == 0 ? "" : " · " + left + " left for the desk", count(CaseOutcome.Stage.REPORTED),
                    count(CaseOutcome.Stage.REJECTED), count(CaseOutcome.Stage.CANCELLED));
        }
    }
}
