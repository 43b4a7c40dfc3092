package org.ntrklab.simulator.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ntrklab.platform.topics.TopicSpec;

/**
 * Everything the simulated laboratory sends, at its lab time. A record that cannot be handed to the producer
 * (the schema registry or the broker is unreachable, e.g. while the services restart) is tried again every
 * second for up to ten minutes, as a LIMS interface would; only then does it count as a failure.
 */
final class Outbox implements AutoCloseable {

    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

    private final Producer<String, SpecificRecord> producer;
    private final LabClock clock;
    private final RunCounters counters;
    /**
     * Pathologists signing at the same time: a sign-out is an HTTP request that waits for reporting's answer,
     * so it runs on its own threads and never holds up what the rest of the lab sends.
     */
    static final int PATHOLOGISTS = 8;

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "lab-simulator-outbox");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService desk = Executors.newFixedThreadPool(PATHOLOGISTS, r -> {
        Thread t = new Thread(r, "lab-simulator-pathologist");
        t.setDaemon(true);
        return t;
    });

    Outbox(Producer<String, SpecificRecord> producer, LabClock clock, RunCounters counters) {
        this.producer = producer;
        this.clock = clock;
        this.counters = counters;
    }

    /** Sends when the wall clock reaches lab time {@code at} (at once under load). */
    <V extends SpecificRecord> void sendAt(Instant at, TopicSpec<V> topic, String key, V value) {
        long delay = clock.wallDelayNanos(at);
        if (delay == 0) {
            send(topic, key, value);
        } else {
            schedule(() -> send(topic, key, value), delay);
        }
    }

    /**
     * Runs a person's {@code action} (e.g. a sign-out through a REST API) when the wall clock reaches lab
     * time {@code at} (at once under load), on one of the {@link #PATHOLOGISTS} threads.
     */
    void runAt(Instant at, Runnable action) {
        schedule(() -> handOver(action), clock.wallDelayNanos(at));
    }

    /** Wall time until lab time {@code at}. */
    long wallDelayNanos(Instant at) {
        return clock.wallDelayNanos(at);
    }

    /** Runs a person's {@code action} again after the retry pause, as {@link #runAt} does. */
    void retryLater(Runnable action) {
        counters.sendRetried();
        schedule(() -> handOver(action), RETRY_PAUSE.toNanos());
    }

    private void handOver(Runnable action) {
        if (!desk.isShutdown()) {
            desk.execute(action);
        }
    }

    <V extends SpecificRecord> void send(TopicSpec<V> topic, String key, V value) {
        attempt(topic, key, value, System.nanoTime() + GIVE_UP_AFTER.toNanos());
    }

    private <V extends SpecificRecord> void attempt(TopicSpec<V> topic, String key, V value, long giveUpAt) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, value), (metadata, error) -> {
                if (error != null) {
                    counters.sendFailed(topic.name() + ": " + error);
                }
            });
        } catch (RuntimeException e) {
            if (System.nanoTime() > giveUpAt) {
                counters.sendFailed(topic.name() + ": " + e);
            } else {
                counters.sendRetried();
                schedule(() -> attempt(topic, key, value, giveUpAt), RETRY_PAUSE.toNanos());
            }
        }
    }

    private void schedule(Runnable action, long delayNanos) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Stops scheduling and hands what was already sent to the broker. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        desk.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
            desk.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(30));
    }
}
