package org.ntrklab.reporting.web;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ntrklab.events.Actor;
import org.ntrklab.events.ReportCommandEvent;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.topics.TopicSpec;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes a pathologist's command to lab.report-commands, keyed by accession, and returns only once the
 * broker has it (all in-sync replicas, idempotent producer): a 202 from the REST API means the command will
 * be applied, exactly once, or rejected with a reason on ntrk.reports.
 */
public final class ReportCommandPublisher implements DisposableBean {

    static final String SOURCE = "reporting-api";
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final TopicSpec<ReportCommandEvent> topic;
    private final DefaultKafkaProducerFactory<String, ReportCommandEvent> factory;
    private final KafkaTemplate<String, ReportCommandEvent> template;

    public ReportCommandPublisher(TopicSpec<ReportCommandEvent> topic, EventSerdes serdes,
            Map<String, Object> producerProperties, List<String> bootstrapServers) {
        this.topic = topic;
        Map<String, Object> config = new HashMap<>(producerProperties);
        config.values().removeIf(java.util.Objects::isNull);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        // The value serializer comes configured for the registry; configuring it again with the producer's
        // settings (the last argument) would reset its registry options to their defaults.
        this.factory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(),
                serdes.valueSerde(topic).serializer(), false);
        this.template = new KafkaTemplate<>(factory);
    }

    /**
     * Writes the command and returns its event id.
     *
     * @param actor who sent it, as their access token says
     * @param occurredAt when it was sent (see {@link CommandClock})
     */
    public String publish(String accessionId, Object payload, Actor actor, Instant occurredAt) {
        String eventId = UUID.randomUUID().toString();
        ReportCommandEvent event = ReportCommandEvent.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(occurredAt)
                .setAccessionId(accessionId)
                .setSource(SOURCE)
                .setPayload(payload)
                .setActor(actor)
                .build();
        try {
            template.send(topic.name(), accessionId, event).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return eventId;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandNotWritten("interrupted while writing the command", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new CommandNotWritten("the broker did not take the command: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        }
    }

    @Override
    public void destroy() {
        factory.destroy();
    }

    /**
     * The broker did not confirm the command: it was not written, or it was and the confirmation was lost.
     * Either way a retry is safe, as a repeated command is refused with a reason rather than applied twice.
     */
    public static final class CommandNotWritten extends RuntimeException {
        CommandNotWritten(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
