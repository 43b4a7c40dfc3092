package org.ntrklab.scenarios;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ntrklab.accessioning.AccessioningApplication;
import org.ntrklab.assaytracking.AssayTrackingApplication;
import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.Analyte;
import org.ntrklab.events.AssayEventRejected;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayRunCompleted;
import org.ntrklab.events.AssayRunEvent;
import org.ntrklab.events.AssayRunFailed;
import org.ntrklab.events.AssayRunStarted;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.CancellationReason;
import org.ntrklab.events.Fixative;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.events.QcMeasurementRejected;
import org.ntrklab.events.ReflexRecommended;
import org.ntrklab.events.ReflexSettled;
import org.ntrklab.events.ReportCommandRejected;
import org.ntrklab.events.ReportDrafted;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ResultCorrectionRequested;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.events.SpecimenRejected;
import org.ntrklab.events.SpecimenType;
import org.ntrklab.events.TumourType;
import org.ntrklab.events.WorkRequest;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.serde.RegistrySettings;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.reflex.ReflexApplication;
import org.ntrklab.reporting.ReportingApplication;
import org.ntrklab.sampleqc.SampleQcApplication;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.RunningService;
import org.ntrklab.testkit.SharedIdentity;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The laboratory the cases run in: accessioning, sample-qc, reflex, assay-tracking and reporting started once,
 * in one namespace, on the shared broker and registry; and around them, on the public topics only, the LIMS
 * (receipts, a cancellation), the bench (measurements at accession, a scripted run for every order that
 * assay-tracking releases) and an observer that files every event of every case in its {@link CaseRecord}.
 */
final class Lab implements AutoCloseable {

    static final int PARTITIONS = 3;
    /** The bench measures the day after receipt and runs each released order six hours after the previous run. */
    private static final Instant BENCH_DAY = LabEvents.RECEIVED_AT.plus(Duration.ofHours(20));

    private final Topics topics;
    private final List<RunningService> services = new ArrayList<>();
    private RunningService reporting;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Serializer<SpecificRecord>> serializers = new HashMap<>();
    private final Map<String, Deserializer<? extends SpecificRecord>> deserializers = new HashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread observer;
    private volatile boolean running = true;
    private final Map<String, CaseRecord> bySpecimen = new ConcurrentHashMap<>();
    private final Map<String, CaseRecord> byAccession = new ConcurrentHashMap<>();
    /** Events of an accession seen before its SpecimenAccessioned (another topic may be read first). */
    private final Map<String, List<ConsumerRecord<String, byte[]>>> early = new HashMap<>();
    final ReportExports exports;

    private Lab(TestNamespace ns) {
        SharedInfrastructure infra = SharedInfrastructure.get();
        topics = new Topics(ns.topicPrefix(), PARTITIONS, (short) 1);
        EventSerdes serdes = new EventSerdes(RegistrySettings.of(infra.registryUrl(), infra.registryClientProperties()));
        for (TopicSpec<?> t : List.of(topics.limsSpecimenEvents(), topics.qcMeasurements(), topics.assayRuns())) {
            @SuppressWarnings("unchecked")
            Serializer<SpecificRecord> s = (Serializer<SpecificRecord>) serdes.valueSerde(t).serializer();
            serializers.put(t.name(), s);
        }
        for (TopicSpec<?> t : List.of(topics.accessions(), topics.qcDecisions(), topics.assayOrders(),
                topics.assayStatus(), topics.reports())) {
            deserializers.put(t.name(), serdes.valueSerde(t).deserializer());
        }
        Properties p = new Properties();
        p.putAll(infra.adminClientProperties());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        Properties c = new Properties();
        c.putAll(infra.adminClientProperties());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, ns.applicationId() + "-lab-observer");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        observer = new Thread(this::observe, "lab-observer");
        observer.setDaemon(true);
        exports = new ReportExports(this);
    }

    /** Starts the five services (reporting signs drafts out at once) and the observer; the cases come later. */
    static Lab start() {
        TestNamespace ns = TestNamespace.create("clinical-scenarios");
        Lab lab = new Lab(ns);
        try {
            lab.services.add(RunningService.start(AccessioningApplication.class, "accessioning", ns, PARTITIONS,
                    Map.of()));
            lab.services.add(RunningService.start(SampleQcApplication.class, "sample-qc", ns, PARTITIONS, Map.of()));
            lab.services.add(RunningService.start(ReflexApplication.class, "reflex", ns, PARTITIONS, Map.of()));
            lab.services.add(RunningService.start(AssayTrackingApplication.class, "assay-tracking", ns, PARTITIONS,
                    Map.of()));
            lab.reporting = RunningService.start(ReportingApplication.class, "reporting", ns, PARTITIONS,
                    Map.of("ntrk.reporting.auto-sign-out", "true", "ntrk.reporting.auto-sign-out-by", "PATH-AUTO"));
            lab.services.add(lab.reporting);
            lab.consumer.subscribe(List.of(lab.topics.accessions().name(), lab.topics.qcDecisions().name(),
                    lab.topics.assayOrders().name(), lab.topics.assayStatus().name(), lab.topics.reports().name()));
            lab.observer.start();
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    RunningService reporting() {
        return reporting;
    }

    // ---- the LIMS ---------------------------------------------------------------------------

    /** The LIMS sends every case's receipt, each under its own specimen id. */
    void receive(List<Scenario> scenarios) {
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            String specimenId = String.format("SP-CS-%03d", i + 1);
            bySpecimen.put(specimenId, new CaseRecord(s, specimenId));
            send(topics.limsSpecimenEvents().name(), specimenId, LabEvents.received(specimenId, receipt(s)));
        }
        synchronized (producer) {
            producer.flush();
        }
    }

    CaseRecord record(Scenario s) {
        return bySpecimen.values().stream().filter(r -> r.scenario == s).findFirst().orElseThrow();
    }

    private static SpecimenReceived receipt(Scenario s) {
        Scenario.Facts f = s.facts;
        SpecimenReceived.Builder b = LabEvents.ffpeWorkUp();
        if (f.plasma()) {
            b = LabEvents.plasmaWorkUp(f.tube());
        }
        b.setAgeYears(f.ageYears()).setClinicalSuspicion(f.suspicion())
                .setTumourType(TumourType.newBuilder().setOncoTreeCode(f.oncoTreeCode()).setText(f.oncoTreeCode()).build())
                .setWorkRequest(WorkRequest.newBuilder().setType(f.requestType()).setAssays(f.requestedAssays()).build());
        return LabEvents.specimen(b, d -> {
            d.setSpecimenType(f.specimenType()).setCollectedAt(LabEvents.RECEIVED_AT.minus(f.collectedBeforeReceipt()));
            if (!f.plasma()) {
                d.setDecalcification(f.decalcification());
            }
            if (f.specimenType() == SpecimenType.FRESH_FROZEN) {
                d.setFixative(Fixative.NONE).setFixationHours(null);
            }
            return d;
        }).build();
    }

    // ---- the bench --------------------------------------------------------------------------

    private void measure(CaseRecord r) {
        Scenario.Measurements m = r.scenario.measurements;
        String acc = r.accessionId;
        List<QcMeasurementEvent> events = new ArrayList<>();
        if (m.tumourCellsPresent() != null) {
            events.add(LabEvents.tumourContent(acc, m.tumourCellsPresent(), m.tumourNucleiPercent(), BENCH_DAY));
        }
        if (m.rnaNg() != null) {
            events.add(LabEvents.extraction(acc, Analyte.RNA, m.rnaNg(), m.dv200(), null, BENCH_DAY));
        }
        if (m.dnaNg() != null) {
            events.add(LabEvents.extraction(acc, Analyte.DNA, m.dnaNg(), null, m.deltaCt(), BENCH_DAY));
        }
        if (m.cfDnaNg() != null) {
            events.add(LabEvents.extraction(acc, Analyte.CFDNA, m.cfDnaNg(), null, null, BENCH_DAY));
        }
        for (QcMeasurementEvent e : events) {
            send(topics.qcMeasurements().name(), acc, e);
            r.note("bench  measured " + describe(e.getPayload()));
        }
    }

    /** An order released to the bench: run it as the case scripts it (or, for a cancelled case, the LIMS cancels). */
    private void ready(CaseRecord r, String orderId) {
        if (r.benchHandled.contains(orderId)) {
            return;
        }
        AssayOrdered order = r.order(orderId);
        if (order == null) {
            r.readyBeforeOrder.add(orderId);
            return;
        }
        r.benchHandled.add(orderId);
        Scenario s = r.scenario;
        if (s.cancelWhenReady) {
            send(topics.limsSpecimenEvents().name(), r.specimenId, LabEvents.cancelled(r.specimenId,
                    r.orderIdOfLims, CancellationReason.ORDER_WITHDRAWN));
            r.note("lims   cancelled the order while " + orderId + " was ready");
            return;
        }
        AssayType assay = order.getAssay();
        int attempt = r.benchAttempts.merge(assay, 1, Integer::sum);
        List<Instruments.Step> steps = s.bench.getOrDefault(assay, List.of());
        if (attempt > steps.size()) {
            r.problem("the bench has no script for " + assay + " order #" + attempt + " (" + orderId + ")");
            return;
        }
        Instruments.Step step = steps.get(attempt - 1);
        Instant start = BENCH_DAY.plus(Duration.ofHours(6L * ++r.runClock));
        String runId = "RUN-" + orderId;
        send(topics.assayRuns().name(), r.accessionId, run(r.accessionId, start, AssayRunStarted.newBuilder()
                .setOrderId(orderId).setAssay(assay).setRunId(runId).setInstrumentId("BENCH-" + assay).build()));
        Object end;
        String what;
        if (step instanceof Instruments.Fails f) {
            end = AssayRunFailed.newBuilder().setOrderId(orderId).setAssay(assay).setRunId(runId)
                    .setReason(f.reason()).setDetail("run QC").build();
            what = "failed " + f.reason();
        } else {
            Object result = step instanceof Instruments.Fish fish ? fish.result(order.getTargetGenes())
                    : ((Instruments.Completes) step).result();
            end = AssayRunCompleted.newBuilder().setOrderId(orderId).setAssay(assay).setRunId(runId)
                    .setResultDetails(result).build();
            what = "completed " + result;
        }
        send(topics.assayRuns().name(), r.accessionId, run(r.accessionId, start.plus(Duration.ofHours(4)), end));
        r.note("bench  ran " + orderId + ": " + what);
    }

    private static AssayRunEvent run(String accessionId, Instant at, Object payload) {
        return AssayRunEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                .setAccessionId(accessionId).setSource("scenario-bench").setPayload(payload).build();
    }

    private void send(String topic, String key, SpecificRecord value) {
        synchronized (producer) {
            producer.send(new ProducerRecord<>(topic, key, serializers.get(topic).serialize(topic, value)));
        }
    }

    // ---- the observer -----------------------------------------------------------------------

    private void observe() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        handle(rec);
                    } catch (RuntimeException e) {
                        CaseRecord r = rec.key() == null ? null : byAccession.get(rec.key());
                        if (r != null) {
                            r.problem("harness could not handle a record of " + rec.topic() + ": " + e);
                        } else {
                            e.printStackTrace();
                        }
                    }
                }
                synchronized (producer) {
                    producer.flush();
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> rec) {
        Object value = deserializers.get(rec.topic()).deserialize(rec.topic(), rec.value());
        if (value instanceof AccessionEvent a) {
            accession(a);
            return;
        }
        CaseRecord r = rec.key() == null ? null : byAccession.get(rec.key());
        if (r == null) {
            early.computeIfAbsent(rec.key(), k -> new ArrayList<>()).add(rec);
            return;
        }
        synchronized (r) {
            file(r, value);
        }
    }

    private void accession(AccessionEvent a) {
        CaseRecord r = bySpecimen.get(a.getSpecimenId());
        if (r == null) {
            return;
        }
        synchronized (r) {
            Object p = a.getPayload();
            if (p instanceof SpecimenAccessioned acc) {
                r.accessionId = a.getAccessionId();
                r.orderIdOfLims = acc.getOrderId();
                byAccession.put(r.accessionId, r);
                r.note("accn   accessioned as " + r.accessionId + " (" + acc.getTumourType().getOncoTreeCode() + ", age "
                        + acc.getAgeYears() + ", " + acc.getSpecimen().getSpecimenType() + ", suspicion "
                        + acc.getClinicalSuspicion() + ", " + acc.getWorkRequest().getType()
                        + (acc.getWorkRequest().getAssays().isEmpty() ? "" : " " + acc.getWorkRequest().getAssays()) + ")");
                measure(r);
                for (ConsumerRecord<String, byte[]> earlier : early.getOrDefault(r.accessionId, List.of())) {
                    file(r, deserializers.get(earlier.topic()).deserialize(earlier.topic(), earlier.value()));
                }
                early.remove(r.accessionId);
            } else if (p instanceof SpecimenRejected rej) {
                r.problem("rejected at intake: " + rej.getReasons());
            } else if (p instanceof AccessionCancelled) {
                r.cancelled = true;
                r.note("accn   accession cancelled");
            }
        }
    }

    /** Files one event of a known accession (the caller holds the record's lock). */
    private void file(CaseRecord r, Object value) {
        if (value instanceof QcDecisionEvent q) {
            if (q.getPayload() instanceof QcDecided d) {
                r.qc.put(d.getAssay(), d);
                r.note("qc     " + d.getAssay() + " " + d.getVerdict() + " " + CaseRecord.findings(d) + " ("
                        + d.getRuleSetVersion() + ")");
            } else {
                r.problem("measurement rejected: " + ((QcMeasurementRejected) q.getPayload()).getReasons());
            }
        } else if (value instanceof AssayOrderEvent o) {
            Object p = o.getPayload();
            if (p instanceof AssayOrdered ordered) {
                r.orders.add(ordered);
                r.note("reflex ordered " + ordered.getOrderId() + " " + ordered.getReason() + " "
                        + Scenario.Builder.orderLine(ordered) + " depth " + ordered.getChainDepth() + " ("
                        + ordered.getRuleSetVersion() + "): " + ordered.getRationale());
                if (r.readyBeforeOrder.remove(ordered.getOrderId())) {
                    ready(r, ordered.getOrderId());
                }
            } else if (p instanceof ReflexRecommended a) {
                r.advice.add(a);
                r.note("reflex advised " + a.getRecommendation() + " " + a.getRuleId() + ": " + a.getRationale());
            } else if (p instanceof ReflexSettled s) {
                r.settled.add(s);
                r.note("reflex settled " + s.getOrders().stream().map(x -> x.getOrderId() + "=" + x.getState()
                        + (x.getInterpretation() == null ? "" : ":" + x.getInterpretation())).toList()
                        + " suspicion " + s.getSuspicion() + ", route " + s.getTumourTypeRoute());
            }
        } else if (value instanceof AssayStatusEvent st) {
            Object p = st.getPayload();
            if (p instanceof AssayStatusChanged c) {
                r.states.put(c.getOrderId(), c.getToState());
                r.note("track  " + c.getOrderId() + " " + c.getFromState() + " -> " + c.getToState()
                        + (c.getReason() == null ? "" : " (" + c.getReason() + ")"));
                if (c.getToState() == AssayState.READY) {
                    ready(r, c.getOrderId());
                }
            } else if (p instanceof AssayResulted res) {
                r.results.put(res.getOrderId(), res);
                r.note("track  " + res.getOrderId() + " resulted " + res.getInterpretation());
            } else if (p instanceof AssayEventRejected rej) {
                r.problem("run event rejected: " + rej.getRejection() + " " + rej.getDetail());
            }
        } else if (value instanceof ReportEvent e) {
            Object p = e.getPayload();
            r.reports.add(p);
            if (p instanceof ReportIssued i) {
                r.note("report issued v" + i.getVersion() + " " + i.getStatus() + ": "
                        + i.getContent().getOverallCall() + " " + Scenario.fusionNames(i.getContent().getFusions()));
            } else if (p instanceof ReportDrafted d) {
                r.note("report drafted v" + d.getVersion() + ": " + d.getContent().getOverallCall());
            } else if (p instanceof ReportCommandRejected rej) {
                r.problem("report command rejected: " + rej.getRejection() + " " + rej.getDetail());
            }
        }
    }

    private static String describe(Object measurement) {
        return measurement.toString().replace("\"", "");
    }

    // ---- waiting, correcting, asking the reporting service -------------------------------------

    /**
     * Waits until the case has come to rest: its report issued (or, for a cancelled case, the accession and
     * its orders cancelled) and nothing new for {@code quiet}; or a harness problem; or the deadline.
     */
    CaseRecord await(Scenario s, long deadlineNanos, Duration quiet) throws InterruptedException {
        CaseRecord r = record(s);
        while (true) {
            synchronized (r) {
                boolean atRest = r.quietFor(quiet.toNanos());
                boolean done = s.expectsReport() ? !r.issued().isEmpty()
                        : r.cancelled && r.states.values().stream().allMatch(x -> x == AssayState.CANCELLED);
                if ((done || !r.problems.isEmpty()) && atRest) {
                    return r;
                }
                if (System.nanoTime() > deadlineNanos) {
                    r.timedOut = true;
                    return r;
                }
            }
            Thread.sleep(100);
        }
    }

    /** Posts the case's correction through the REST API and waits for the revised version. */
    void correct(CaseRecord r, long deadlineNanos) throws InterruptedException {
        Scenario.Correction k = r.scenario.correction;
        AssayOrdered target = r.order(k.assay(), k.order());
        if (target == null) {
            r.problem("no " + k.assay() + " order #" + k.order() + " to correct");
            return;
        }
        ResultCorrectionRequested command = ResultCorrectionRequested.newBuilder().setOrderId(target.getOrderId())
                .setAssay(k.assay()).setKind(k.kind()).setReason(k.reason()).setExplanation(k.explanation())
                .setPathologistRef(k.pathologistRef()).setCorrectedResult(k.correctedResult()).build();
        HttpResponse<String> answer = reporting.post("/reports/" + r.accessionId + "/corrections", plainJson(command),
                SharedIdentity.get().token(k.pathologistRef()));
        synchronized (r) {
            r.actions.add("POST /reports/" + r.accessionId + "/corrections (" + k.kind() + ", " + k.reason()
                    + ", by " + k.pathologistRef() + ") -> " + answer.statusCode() + " " + answer.body());
        }
        if (answer.statusCode() != 202) {
            r.problem("correction refused: " + answer.statusCode() + " " + answer.body());
            return;
        }
        while (System.nanoTime() < deadlineNanos) {
            synchronized (r) {
                if (r.issued().stream().anyMatch(i -> i.getVersion() >= 2) && r.quietFor(Duration.ofSeconds(1).toNanos())) {
                    return;
                }
                if (!r.problems.isEmpty()) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        r.timedOut = true;
    }

    /** A command in plain JSON, as the REST API takes it (the pathologist comes from the token). */
    static String plainJson(ResultCorrectionRequested command) {
        return plain(command).toString();
    }

    /** A record as plain JSON: nullable fields as their value or null, enums as their symbol. */
    private static JsonNode plain(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof SpecificRecord record) {
            ObjectNode object = nodes.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                object.set(field.name(), plain(record.get(field.pos())));
            }
            return object;
        }
        if (value instanceof java.util.List<?> list) {
            ArrayNode array = nodes.arrayNode();
            list.forEach(item -> array.add(plain(item)));
            return array;
        }
        if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        }
        if (value instanceof Integer n) {
            return nodes.numberNode(n);
        }
        if (value instanceof Long n) {
            return nodes.numberNode(n);
        }
        if (value instanceof Number n) {
            return nodes.numberNode(n.doubleValue());
        }
        return nodes.stringNode(value instanceof Enum<?> e ? e.name() : value.toString());
    }

    /** Null if the REST view of the accession shows this status. */
    String restStatusProblem(CaseRecord r, String status) throws InterruptedException {
        if (r.accessionId == null) {
            return "never accessioned";
        }
        HttpResponse<String> view = reporting.getWhen("/reports/" + r.accessionId, x -> x.statusCode() != 503);
        return view.statusCode() == 200 && view.body().contains("\"status\":\"" + status + "\"") ? null
                : "GET /reports/" + r.accessionId + " -> " + view.statusCode() + " " + view.body();
    }

    String exportProblems(CaseRecord r, OverallCall expectedCall) throws Exception {
        return exports.problems(r, expectedCall);
    }

    @Override
    public void close() {
        running = false;
        if (observer.isAlive()) {
            consumer.wakeup();
            try {
                observer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close();
        }
        producer.close(Duration.ofSeconds(5));
        // Reporting first, accessioning last: the reverse of the order they were started in.
        for (int i = services.size() - 1; i >= 0; i--) {
            try {
                services.get(i).close();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }
    }
}
