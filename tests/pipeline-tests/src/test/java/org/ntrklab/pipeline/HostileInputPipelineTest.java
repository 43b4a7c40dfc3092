package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.accessioning.AccessioningApplication;
import org.ntrklab.assaytracking.AssayTrackingApplication;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.Analyte;
import org.ntrklab.events.AssayEventRejected;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.QcMeasurementRejected;
import org.ntrklab.events.ReportCommandRejected;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.SpecimenRejected;
import org.ntrklab.events.TumourType;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.platform.deadletter.DeadLetterHeaders;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.serde.RegistrySettings;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.reflex.ReflexApplication;
import org.ntrklab.reporting.ReportingApplication;
import org.ntrklab.sampleqc.SampleQcApplication;
import org.ntrklab.tatmetrics.TatMetricsApplication;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.PrometheusText;
import org.ntrklab.testkit.RunningService;
import org.ntrklab.testkit.SharedIdentity;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;
import org.ntrklab.testkit.TopicRecords;

/**
 * No record can stop the lab. The six services run as their Spring Boot applications on the real broker
 * and registry; every input topic of every service gets several hundred hostile records of every kind
 * ({@link HostileRecords}). Then: every service is still UP; every record is accounted for, by every
 * service that reads it, as the rejection event or the dead letter (with the expected reason) it must
 * become; every service's consumer group has moved past every one of them; the dead-letter counters agree
 * with the dead-letter topics; nothing written carries a field outside its limits (every output topic is
 * read back through the checking deserializer); and a valid specimen sent afterwards is accessioned,
 * tested and reported FINAL.
 */
class HostileInputPipelineTest {

    private static final int PARTITIONS = 3;
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final Instant BENCH = LabEvents.RECEIVED_AT.plus(Duration.ofHours(20));

    private record Sent(TopicSpec<?> topic, HostileRecords.Hostile hostile, RecordMetadata at) {
    }

    @Test
    void hostileRecordsOnEveryInputTopicAreEachAnsweredAndTheLabCarriesOn(TestInfo info) throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        TestNamespace ns = TestNamespace.of(info);
        Topics topics = new Topics(ns.topicPrefix(), PARTITIONS, (short) 1);
        EventSerdes serdes = new EventSerdes(RegistrySettings.of(infra.registryUrl(), infra.registryClientProperties()));
        TopicIo io = new TopicIo(serdes);
        Map<String, String> services = new LinkedHashMap<>();
        for (String name : List.of("accessioning", "sample-qc", "reflex", "assay-tracking", "reporting", "tat-metrics")) {
            services.put(name, ns.applicationId() + "-" + name);
        }
        Map<TopicSpec<?>, List<String>> readers = new LinkedHashMap<>();
        readers.put(topics.limsSpecimenEvents(), List.of("accessioning"));
        readers.put(topics.qcMeasurements(), List.of("sample-qc"));
        readers.put(topics.assayRuns(), List.of("assay-tracking"));
        readers.put(topics.reportCommands(), List.of("reporting"));
        readers.put(topics.accessions(), List.of("sample-qc", "reflex", "assay-tracking", "reporting", "tat-metrics"));
        readers.put(topics.qcDecisions(), List.of("reflex", "assay-tracking", "tat-metrics"));
        readers.put(topics.assayOrders(), List.of("assay-tracking", "reporting", "tat-metrics"));
        readers.put(topics.assayStatus(), List.of("reflex", "reporting", "tat-metrics"));
        readers.put(topics.reports(), List.of("tat-metrics"));

        try (RunningService accessioning = RunningService.start(AccessioningApplication.class, "accessioning", ns,
                PARTITIONS, Map.of());
                RunningService sampleQc = RunningService.start(SampleQcApplication.class, "sample-qc", ns, PARTITIONS,
                        Map.of());
                RunningService reflex = RunningService.start(ReflexApplication.class, "reflex", ns, PARTITIONS, Map.of());
                RunningService tracking = RunningService.start(AssayTrackingApplication.class, "assay-tracking", ns,
                        PARTITIONS, Map.of());
                RunningService reporting = RunningService.start(ReportingApplication.class, "reporting", ns,
                        PARTITIONS, Map.of("ntrk.reporting.auto-sign-out", "true"));
                RunningService tat = RunningService.start(TatMetricsApplication.class, "tat-metrics", ns, PARTITIONS,
                        Map.of())) {
            Map<String, RunningService> running = Map.of("accessioning", accessioning, "sample-qc", sampleQc,
                    "reflex", reflex, "assay-tracking", tracking, "reporting", reporting, "tat-metrics", tat);

            // An accession the services know, so hostile measurements and commands are judged on their content.
            String known = accession(io, serdes, topics, "SP-KNOWN-1", "LUAD", List.of());

            HostileRecords hostile = new HostileRecords(topics, serdes, known);
            List<Sent> sent = new ArrayList<>();
            for (TopicSpec<?> topic : readers.keySet()) {
                for (int round = 0; round < 2; round++) {
                    sent.addAll(send(topic, hostile.forTopic(topic)));
                }
            }
            assertThat(sent).as("several hundred hostile records in all").hasSizeGreaterThan(400);

            // ---- every dead letter, by (service, origin topic, partition, offset) ----
            long expectedDeadLetters = sent.stream().filter(s -> s.hostile().outcome().deadLetter())
                    .mapToLong(s -> readers.get(s.topic()).size()).sum();
            Map<String, String> deadLetters = new HashMap<>();
            Map<String, Integer> deadLettersByService = new HashMap<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            do {
                Thread.sleep(2000);
                readDeadLetters(readers.keySet(), deadLetters, deadLettersByService);
            } while (deadLetters.size() < expectedDeadLetters && System.nanoTime() < deadline);

            // ---- every rejection event, by the id of the event it answers ----
            // Read back through the checking deserializer: a record that fails it and is not one this test
            // planted would be a service writing something outside the limits.
            Set<String> rejectedIds = new java.util.HashSet<>();
            for (AccessionEvent e : written(serdes, topics.accessions(), sent)) {
                if (e.getPayload() instanceof SpecimenRejected) {
                    rejectedIds.add(e.getCausationId());
                }
            }
            for (QcDecisionEvent e : written(serdes, topics.qcDecisions(), sent)) {
                if (e.getPayload() instanceof QcMeasurementRejected m) {
                    rejectedIds.add(m.getMeasurementEventId());
                }
            }
            for (AssayStatusEvent e : written(serdes, topics.assayStatus(), sent)) {
                if (e.getPayload() instanceof AssayEventRejected a) {
                    rejectedIds.add(a.getRejectedEventId());
                }
            }
            for (ReportEvent e : written(serdes, topics.reports(), sent)) {
                if (e.getPayload() instanceof ReportCommandRejected c) {
                    rejectedIds.add(c.getRejectedEventId());
                }
            }

            List<String> unaccounted = new ArrayList<>();
            for (Sent s : sent) {
                HostileRecords.Outcome outcome = s.hostile().outcome();
                String where = s.topic().name() + "-" + s.at().partition() + "@" + s.at().offset() + " ("
                        + s.hostile().label() + ")";
                if (!outcome.deadLetter()) {
                    if (!rejectedIds.contains(outcome.rejectedEventId())) {
                        unaccounted.add(where + ": no rejection event");
                    }
                    continue;
                }
                for (String reader : readers.get(s.topic())) {
                    String reason = deadLetters.get(services.get(reader) + "|" + s.topic().name() + "|"
                            + s.at().partition() + "|" + s.at().offset());
                    if (reason == null) {
                        unaccounted.add(where + ": no dead letter from " + reader);
                    } else if (outcome.reason() != null && !outcome.reason().equals(reason)) {
                        unaccounted.add(where + ": " + reader + " dead-lettered it as " + reason + ", expected "
                                + outcome.reason());
                    }
                }
            }
            assertThat(unaccounted).as("hostile records not answered as they must be").isEmpty();

            // ---- every service is UP, its dead-letter counter agrees, its group has moved past everything ----
            for (Map.Entry<String, RunningService> service : running.entrySet()) {
                assertThat(service.getValue().get("/actuator/health").statusCode()).as(service.getKey()).isEqualTo(200);
                assertThat(service.getValue().get("/actuator/health/liveness").statusCode()).as(service.getKey())
                        .isEqualTo(200);
                double counted = new PrometheusText(service.getValue().get("/actuator/prometheus", SharedIdentity.get().token(LabAccounts.MONITORING)).body())
                        .sum("ntrk_dead_letters_total");
                assertThat(counted).as("dead letters counted by %s", service.getKey())
                        .isEqualTo((double) deadLettersByService.getOrDefault(services.get(service.getKey()), 0));
            }
            assertGroupsMovedPast(sent, readers, services);

            // ---- and the lab still works: a valid specimen is accessioned, tested and reported ----
            String accession = accession(io, serdes, topics, "SP-AFTER-1", "HNMASC", sent);
            io.send(topics.qcMeasurements(), List.of(
                    Map.entry(accession, LabEvents.tumourContent(accession, true, 40.0, BENCH)),
                    Map.entry(accession, LabEvents.extraction(accession, Analyte.RNA, 100.0, 60.0, null, BENCH)),
                    Map.entry(accession, LabEvents.extraction(accession, Analyte.DNA, 200.0, null, 1.0, BENCH))));
            AssayStatusChanged ready = awaitReady(serdes, topics, accession, sent);
            String runId = "RUN-AFTER-1";
            io.send(topics.assayRuns(), List.of(
                    Map.entry(accession, Bench.started(accession, ready.getOrderId(), ready.getAssay(), runId, BENCH)),
                    Map.entry(accession, Bench.completed(accession, ready.getOrderId(), ready.getAssay(), runId,
                            Bench.ngs("RNA fusion panel", Bench.fusion("ETV6", 5, "NTRK3", 15)),
                            BENCH.plus(Duration.ofHours(6))))));
            ReportIssued issued = awaitFinal(serdes, topics, accession, sent);
            assertThat(issued.getContent().getOverallCall()).isEqualTo(OverallCall.POSITIVE);
            assertThat(issued.getContent().getFusions()).extracting(f -> f.getHgncName()).containsExactly("ETV6::NTRK3");
        }
    }

    private static List<Sent> send(TopicSpec<?> topic, List<HostileRecords.Hostile> records) throws Exception {
        Properties p = new Properties();
        p.putAll(SharedInfrastructure.get().adminClientProperties());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        List<Sent> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (HostileRecords.Hostile h : records) {
                // A record without a key goes to any partition: the test learns where from the broker.
                RecordMetadata at = producer.send(new ProducerRecord<>(topic.name(), null, h.timestamp(), h.key(),
                        h.value())).get();
                sent.add(new Sent(topic, h, at));
            }
        }
        return sent;
    }

    /** Each service's consumer group has committed past every hostile record of every topic it reads. */
    private static void assertGroupsMovedPast(List<Sent> sent, Map<TopicSpec<?>, List<String>> readers,
            Map<String, String> services) throws Exception {
        try (Admin admin = Admin.create(SharedInfrastructure.get().adminClientProperties())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<String> behind;
            do {
                behind = new ArrayList<>();
                for (String service : services.keySet()) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin
                            .listConsumerGroupOffsets(services.get(service)).partitionsToOffsetAndMetadata().get();
                    for (Sent s : sent) {
                        if (!readers.get(s.topic()).contains(service)) {
                            continue;
                        }
                        OffsetAndMetadata at = committed.get(new TopicPartition(s.topic().name(), s.at().partition()));
                        if (at == null || at.offset() <= s.at().offset()) {
                            behind.add(service + " at " + s.topic().name() + "-" + s.at().partition() + "@"
                                    + (at == null ? "none" : at.offset()) + ", record at " + s.at().offset());
                        }
                    }
                }
                if (!behind.isEmpty()) {
                    Thread.sleep(1000);
                }
            } while (!behind.isEmpty() && System.nanoTime() < deadline);
            assertThat(behind).as("consumer groups still before a hostile record").isEmpty();
        }
    }

    private static String accession(TopicIo io, EventSerdes serdes, Topics topics, String specimenId, String oncoTree,
            List<Sent> planted) {
        io.send(topics.limsSpecimenEvents(), List.of(Map.entry(specimenId, LabEvents.received(specimenId,
                LabEvents.ffpeWorkUp().setTumourType(TumourType.newBuilder().setOncoTreeCode(oncoTree).setText(oncoTree)
                        .build()).build()))));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (AccessionEvent e : written(serdes, topics.accessions(), planted)) {
                if (e.getPayload() instanceof SpecimenAccessioned a && a.getSpecimenId().equals(specimenId)) {
                    return e.getAccessionId();
                }
            }
        }
        throw new AssertionError(specimenId + " was not accessioned");
    }

    private static AssayStatusChanged awaitReady(EventSerdes serdes, Topics topics, String accession,
            List<Sent> planted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (AssayStatusEvent e : written(serdes, topics.assayStatus(), planted)) {
                if (e.getAccessionId().equals(accession) && e.getPayload() instanceof AssayStatusChanged s
                        && s.getToState() == AssayState.READY) {
                    return s;
                }
            }
        }
        throw new AssertionError("no order of " + accession + " became READY");
    }

    private static ReportIssued awaitFinal(EventSerdes serdes, Topics topics, String accession, List<Sent> planted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ReportEvent e : written(serdes, topics.reports(), planted)) {
                if (e.getAccessionId().equals(accession) && e.getPayload() instanceof ReportIssued issued) {
                    return issued;
                }
            }
        }
        throw new AssertionError("no FINAL report for " + accession);
    }

    /**
     * The committed records of a catalogue topic the services wrote, read through the checking deserializer;
     * the records this test planted there are left out, and any other record that fails the check fails the test.
     */
    private static <V extends org.apache.avro.specific.SpecificRecord> List<V> written(EventSerdes serdes,
            TopicSpec<V> topic, List<Sent> planted) {
        Set<String> plantedAt = new java.util.HashSet<>();
        planted.stream().filter(s -> s.topic().equals(topic))
                .forEach(s -> plantedAt.add(s.at().partition() + "@" + s.at().offset()));
        List<V> out = new ArrayList<>();
        var deserializer = serdes.valueSerde(topic).deserializer();
        for (ConsumerRecord<byte[], byte[]> r : TopicRecords.readCommitted(topic.name(), Integer.MAX_VALUE,
                Duration.ofSeconds(2))) {
            if (plantedAt.contains(r.partition() + "@" + r.offset())) {
                continue;
            }
            out.add(deserializer.deserialize(topic.name(), r.headers(), r.value()));
        }
        return out;
    }

    /** The dead letters of the topics, as reasons by "service|origin topic|partition|offset", and counts per service. */
    private static void readDeadLetters(Iterable<TopicSpec<?>> topics, Map<String, String> reasons,
            Map<String, Integer> byService) {
        reasons.clear();
        byService.clear();
        for (TopicSpec<?> topic : topics) {
            for (ConsumerRecord<byte[], byte[]> d : TopicRecords.readCommitted(topic.deadLetterTopic(),
                    Integer.MAX_VALUE, Duration.ofSeconds(2))) {
                String service = DeadLetterHeaders.get(d.headers(), DeadLetterHeaders.SERVICE);
                reasons.put(service + "|" + DeadLetterHeaders.get(d.headers(), DeadLetterHeaders.ORIGIN_TOPIC) + "|"
                        + DeadLetterHeaders.get(d.headers(), DeadLetterHeaders.ORIGIN_PARTITION) + "|"
                        + DeadLetterHeaders.get(d.headers(), DeadLetterHeaders.ORIGIN_OFFSET),
                        DeadLetterHeaders.get(d.headers(), DeadLetterHeaders.REASON));
                byService.merge(service, 1, Integer::sum);
            }
        }
    }
}
