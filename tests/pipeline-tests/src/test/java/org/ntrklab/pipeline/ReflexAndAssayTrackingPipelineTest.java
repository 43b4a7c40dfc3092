package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.accessioning.AccessioningApplication;
import org.ntrklab.assaytracking.AssayTrackingApplication;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.Analyte;
import org.ntrklab.events.AssayEventRejected;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayRunEvent;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.BloodTubeType;
import org.ntrklab.events.CancellationReason;
import org.ntrklab.events.ClinicalSuspicion;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.events.ReflexRecommended;
import org.ntrklab.events.ReflexSettled;
import org.ntrklab.events.ReportDrafted;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.events.RunFailureReason;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.events.TumourType;
import org.ntrklab.events.WorkRequest;
import org.ntrklab.events.WorkRequestType;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.serde.RegistrySettings;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.reflex.ReflexApplication;
import org.ntrklab.reporting.ReportingApplication;
import org.ntrklab.sampleqc.SampleQcApplication;
import org.ntrklab.testkit.PrometheusText;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.RunningService;
import org.ntrklab.testkit.SharedIdentity;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;

/**
 * Accessioning, sample-qc, reflex and assay-tracking, each started as its Spring Boot application on the
 * real broker and registry with three partitions. Thirteen cases covering every route and reflex of
 * docs/reflex.md are received, measured and run on a simulated bench that answers each READY order with the
 * case's scripted instrument result. Every case gets exactly the expected orders (assay, reason, rule id),
 * recommendations and normalised results, and the invalid run events get exactly the expected rejections.
 */
class ReflexAndAssayTrackingPipelineTest {

    private static final int PARTITIONS = 3;
    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Instant BENCH = LabEvents.RECEIVED_AT.plus(Duration.ofHours(20));

    /**
     * One case: what the LIMS sends, what the bench measures and finds per assay and attempt
     * ({@code "RNA_NGS#2"} is the second RNA-NGS order), and what the services must write.
     */
    record LabCase(String name, SpecimenReceived received, double dv200, Map<String, Object> bench,
            List<String> orders, List<String> results, List<String> advice) {
    }

    private static SpecimenReceived.Builder tissue(String code) {
        return LabEvents.ffpeWorkUp().setTumourType(TumourType.newBuilder().setOncoTreeCode(code).setText(code).build());
    }

    private static List<LabCase> cases() {
        Object etv6Ntrk3 = Bench.ngs("RNA fusion panel", Bench.fusion("ETV6", 5, "NTRK3", 15));
        Object noFusion = Bench.ngs("RNA fusion panel");
        return List.of(
                new LabCase("A lung, IHC positive, RNA confirms", tissue("LUAD").build(), 60,
                        Map.of("PAN_TRK_IHC#1", Bench.ihc(IhcCall.POSITIVE), "RNA_NGS#1", etv6Ntrk3),
                        List.of("PAN_TRK_IHC INITIAL RX-ROUTE-IHC-SCREEN", "RNA_NGS REFLEX RX-IHC-POSITIVE"),
                        List.of("PAN_TRK_IHC POSITIVE", "RNA_NGS POSITIVE"), List.of()),
                new LabCase("B lung, IHC negative, stop", tissue("LUAD").build(), 60,
                        Map.of("PAN_TRK_IHC#1", Bench.ihc(IhcCall.NEGATIVE)),
                        List.of("PAN_TRK_IHC INITIAL RX-ROUTE-IHC-SCREEN"), List.of("PAN_TRK_IHC NEGATIVE"), List.of()),
                new LabCase("C colorectal, IHC negative, high suspicion", tissue("COADREAD")
                        .setClinicalSuspicion(ClinicalSuspicion.HIGH).build(), 60,
                        Map.of("PAN_TRK_IHC#1", Bench.ihc(IhcCall.NEGATIVE), "RNA_NGS#1", noFusion),
                        List.of("PAN_TRK_IHC INITIAL RX-ROUTE-IHC-SCREEN",
                                "RNA_NGS REFLEX RX-IHC-NEGATIVE-HIGH-SUSPICION"),
                        List.of("PAN_TRK_IHC NEGATIVE", "RNA_NGS NEGATIVE"), List.of()),
                new LabCase("D salivary secretory carcinoma", tissue("HNMASC").build(), 60,
                        Map.of("RNA_NGS#1", etv6Ntrk3),
                        List.of("RNA_NGS INITIAL RX-ROUTE-HIGH-PREVALENCE"), List.of("RNA_NGS POSITIVE"), List.of()),
                new LabCase("E glioblastoma, RNA run fails on the specimen", tissue("GB").build(), 60,
                        Map.of("RNA_NGS#1", RunFailureReason.LOW_MAPPED_READS, "DNA_NGS#1", Bench.ngs("DNA panel")),
                        List.of("RNA_NGS INITIAL RX-ROUTE-IHC-UNRELIABLE", "DNA_NGS REFLEX RX-RNA-FAILED"),
                        List.of("DNA_NGS NEGATIVE"), List.of()),
                new LabCase("F child, unlisted code, instrument error retested", tissue("WT").setAgeYears(4).build(), 60,
                        Map.of("RNA_NGS#1", RunFailureReason.INSTRUMENT_ERROR,
                                "RNA_NGS#2", Bench.ngs("RNA fusion panel", Bench.fusion("LMNA", 2, "NTRK1", 11))),
                        List.of("RNA_NGS INITIAL RX-ROUTE-PAEDIATRIC", "RNA_NGS RETEST RX-RETEST-TECHNICAL-FAILURE"),
                        List.of("RNA_NGS POSITIVE"), List.of()),
                new LabCase("G plasma, not detected", LabEvents.plasmaWorkUp(BloodTubeType.STRECK_BCT).build(), 0,
                        Map.of("CFDNA_NGS#1", Bench.cfDnaNotDetected()),
                        List.of("CFDNA_NGS INITIAL RX-ROUTE-BLOOD"), List.of("CFDNA_NGS NEGATIVE"),
                        List.of("TEST_TISSUE RX-CFDNA-NOT-DETECTED")),
                new LabCase("H lung, IHC positive, RNA fails QC, DNA confirms", tissue("LUAD").build(), 20,
                        Map.of("PAN_TRK_IHC#1", Bench.ihc(IhcCall.POSITIVE),
                                "DNA_NGS#1", Bench.ngs("DNA panel", Bench.fusion("TPM3", 7, "NTRK1", 10))),
                        List.of("PAN_TRK_IHC INITIAL RX-ROUTE-IHC-SCREEN", "DNA_NGS REFLEX RX-QC-FALLBACK"),
                        List.of("PAN_TRK_IHC POSITIVE", "DNA_NGS POSITIVE"), List.of()),
                new LabCase("I unlisted code, IHC equivocal", tissue("XYZQ").build(), 60,
                        Map.of("PAN_TRK_IHC#1", Bench.ihc(IhcCall.EQUIVOCAL), "RNA_NGS#1", noFusion),
                        List.of("PAN_TRK_IHC INITIAL RX-ROUTE-IHC-SCREEN", "RNA_NGS REFLEX RX-IHC-EQUIVOCAL"),
                        List.of("PAN_TRK_IHC EQUIVOCAL", "RNA_NGS NEGATIVE"), List.of()),
                new LabCase("J explicit RNA-NGS request", tissue("LUAD").setWorkRequest(WorkRequest.newBuilder()
                        .setType(WorkRequestType.EXPLICIT_ASSAYS).setAssays(List.of(AssayType.RNA_NGS)).build()).build(),
                        60, Map.of("RNA_NGS#1", noFusion),
                        List.of("RNA_NGS INITIAL RX-EXPLICIT-REQUEST"), List.of("RNA_NGS NEGATIVE"), List.of()),
                new LabCase("M explicit RNA-NGS request, RNA fails QC", tissue("LUAD").setWorkRequest(WorkRequest
                        .newBuilder().setType(WorkRequestType.EXPLICIT_ASSAYS).setAssays(List.of(AssayType.RNA_NGS))
                        .build()).build(), 20, Map.of(), List.of(), List.of(),
                        List.of("CONSIDER_ALTERNATIVE_METHOD RX-NOT-REQUESTED")),
                new LabCase("K cancelled while the IHC waits", tissue("LUAD").build(), 60, Map.of(),
                        List.of("PAN_TRK_IHC INITIAL RX-ROUTE-IHC-SCREEN"), List.of(), List.of()),
                new LabCase("L invalid run events", tissue("LUAD").build(), 60, Map.of(),
                        List.of("PAN_TRK_IHC INITIAL RX-ROUTE-IHC-SCREEN"), List.of("PAN_TRK_IHC NEGATIVE"), List.of()));
    }

    @Test
    void aCaseMixGetsExactlyTheExpectedOrdersReflexesResultsAndRejections(TestInfo info) throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        TestNamespace ns = TestNamespace.of(info);
        Topics topics = new Topics(ns.topicPrefix(), PARTITIONS, (short) 1);
        TopicIo io = TopicIo.onSharedInfrastructure();
        List<LabCase> cases = cases();
        Map<String, LabCase> bySpecimen = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            bySpecimen.put("SP-RX-" + i, cases.get(i));
        }

        try (RunningService accessioning = RunningService.start(AccessioningApplication.class, "accessioning", ns,
                PARTITIONS, Map.of());
                RunningService sampleQc = RunningService.start(SampleQcApplication.class, "sample-qc", ns, PARTITIONS,
                        Map.of());
                RunningService reflex = RunningService.start(ReflexApplication.class, "reflex", ns, PARTITIONS, Map.of());
                RunningService tracking = RunningService.start(AssayTrackingApplication.class, "assay-tracking", ns,
                        PARTITIONS, Map.of());
                RunningService reporting = RunningService.start(ReportingApplication.class, "reporting", ns,
                        PARTITIONS, Map.of("ntrk.reporting.auto-sign-out", "true"))) {
            List<Map.Entry<String, SpecimenEvent>> receipts = new ArrayList<>();
            bySpecimen.forEach((specimenId, c) -> receipts.add(Map.entry(specimenId,
                    LabEvents.received(specimenId, c.received()))));
            io.send(topics.limsSpecimenEvents(), receipts);

            Map<String, LabCase> byAccession = runBench(io, topics, ns, bySpecimen);
            assertThat(byAccession).hasSize(cases.size());

            // ---- ntrk.assay-orders: exactly the expected orders and advice, per case ----
            // ... and one settled announcement per case, except K (cancelled while its IHC waited).
            int expectedOrders = cases.stream().mapToInt(c -> c.orders().size() + c.advice().size()).sum()
                    + cases.size() - 1;
            List<ConsumerRecord<String, AssayOrderEvent>> orderRecords =
                    io.read(topics.assayOrders(), expectedOrders, WAIT, QUIET);
            assertThat(orderRecords).hasSize(expectedOrders);
            Map<String, List<String>> ordersOf = new HashMap<>();
            Map<String, List<String>> adviceOf = new HashMap<>();
            Map<String, AssayOrdered> orderById = new HashMap<>();
            Map<String, List<String>> lastSettled = new HashMap<>();
            Map<String, List<String>> orderIdsOf = new HashMap<>();
            for (ConsumerRecord<String, AssayOrderEvent> r : orderRecords) {
                assertThat(r.key()).isEqualTo(r.value().getAccessionId());
                if (r.value().getPayload() instanceof AssayOrdered o) {
                    ordersOf.computeIfAbsent(r.key(), k -> new ArrayList<>())
                            .add(o.getAssay() + " " + o.getReason() + " " + o.getRuleId());
                    orderById.put(o.getOrderId(), o);
                    orderIdsOf.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(o.getOrderId());
                    assertThat(o.getRationale()).isNotBlank();
                    assertThat(o.getReference()).isNotBlank();
                } else if (r.value().getPayload() instanceof ReflexSettled settled) {
                    lastSettled.put(r.key(), settled.getOrders().stream().map(o -> o.getOrderId()).toList());
                } else {
                    ReflexRecommended a = (ReflexRecommended) r.value().getPayload();
                    adviceOf.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(a.getRecommendation() + " " + a.getRuleId());
                    if (a.getTriggeredBy() != null) {
                        assertThat(orderById).containsKey(a.getTriggeredBy().getOrderId());
                    }
                }
            }
            // Once the bench has answered every order, reflex announces each case settled, listing all its orders.
            assertThat(lastSettled).hasSize(cases.size() - 1);
            lastSettled.forEach((accessionId, ids) -> assertThat(ids).as(accessionId)
                    .isEqualTo(orderIdsOf.getOrDefault(accessionId, List.of())));
            byAccession.forEach((accessionId, c) -> {
                assertThat(ordersOf.getOrDefault(accessionId, List.of())).as(c.name()).isEqualTo(c.orders());
                assertThat(adviceOf.getOrDefault(accessionId, List.of())).as(c.name()).isEqualTo(c.advice());
            });
            // Every reflex names the order whose result triggered it, one level deeper in the chain.
            for (AssayOrdered o : orderById.values()) {
                if (o.getTriggeredBy() == null) {
                    assertThat(o.getChainDepth()).isZero();
                } else {
                    assertThat(o.getChainDepth())
                            .isEqualTo(orderById.get(o.getTriggeredBy().getOrderId()).getChainDepth() + 1);
                }
            }

            // ---- ntrk.assay-status: results, final states and rejections ----
            List<ConsumerRecord<String, AssayStatusEvent>> statusRecords =
                    io.read(topics.assayStatus(), Integer.MAX_VALUE, Duration.ofSeconds(20), QUIET);
            Map<String, List<String>> resultsOf = new HashMap<>();
            Map<String, AssayState> finalState = new HashMap<>();
            List<String> rejections = new ArrayList<>();
            for (ConsumerRecord<String, AssayStatusEvent> r : statusRecords) {
                Object p = r.value().getPayload();
                if (p instanceof AssayResulted res) {
                    resultsOf.computeIfAbsent(r.key(), k -> new ArrayList<>())
                            .add(res.getAssay() + " " + res.getInterpretation());
                } else if (p instanceof AssayStatusChanged s) {
                    finalState.put(s.getOrderId(), s.getToState());
                } else {
                    rejections.add(((AssayEventRejected) p).getRejection().name());
                }
            }
            byAccession.forEach((accessionId, c) ->
                    assertThat(resultsOf.getOrDefault(accessionId, List.of())).as(c.name()).isEqualTo(c.results()));
            assertThat(finalState.keySet()).isEqualTo(orderById.keySet());
            assertThat(finalState.values()).allMatch(s -> s == AssayState.RESULTED || s == AssayState.RUN_FAILED
                    || s == AssayState.CANCELLED);
            assertThat(finalState.values().stream().filter(s -> s == AssayState.RUN_FAILED)).hasSize(2);
            assertThat(finalState.values().stream().filter(s -> s == AssayState.CANCELLED)).hasSize(1);
            assertThat(rejections).containsExactlyInAnyOrder("RESULT_BEFORE_START", "WRONG_RESULT_TYPE",
                    "DUPLICATE_COMPLETION", "UNKNOWN_ORDER", "WRONG_KEY", "ORDER_CANCELLED");

            // ---- the metrics agree with the topics ----
            PrometheusText reflexMetrics = new PrometheusText(reflex.get("/actuator/prometheus", SharedIdentity.get().token(LabAccounts.MONITORING)).body());
            assertThat(reflexMetrics.sum("ntrk_reflex_orders_total")).isEqualTo(orderById.size());
            assertThat(reflexMetrics.sum("ntrk_reflex_orders_total", "reason=\"REFLEX\"")).isEqualTo(5);
            assertThat(reflexMetrics.sum("ntrk_reflex_orders_total", "reason=\"RETEST\"")).isEqualTo(1);
            assertThat(reflexMetrics.value("ntrk_reflex_orders_total", "reason=\"INITIAL\"",
                    "rule=\"RX-ROUTE-IHC-SCREEN\"", "assay=\"PAN_TRK_IHC\"")).isEqualTo(7);
            assertThat(reflexMetrics.value("ntrk_reflex_unlisted_tumour_types_total")).isEqualTo(2);
            assertThat(reflexMetrics.value("ntrk_reflex_cases_waiting_for_qc")).isZero();
            assertThat(reflexMetrics.value("ntrk_reflex_recommendations_total", "recommendation=\"TEST_TISSUE\"",
                    "rule=\"RX-CFDNA-NOT-DETECTED\"")).isEqualTo(1);
            assertThat(reflexMetrics.value("ntrk_reflex_recommendations_total",
                    "recommendation=\"CONSIDER_ALTERNATIVE_METHOD\"", "rule=\"RX-NOT-REQUESTED\"")).isEqualTo(1);
            PrometheusText trackingMetrics = new PrometheusText(tracking.get("/actuator/prometheus", SharedIdentity.get().token(LabAccounts.MONITORING)).body());
            assertThat(trackingMetrics.sum("ntrk_assays_open")).isZero();
            assertThat(trackingMetrics.sum("ntrk_assay_results_total")).isEqualTo(15);
            assertThat(trackingMetrics.value("ntrk_assay_run_failures_total", "assay=\"RNA_NGS\"",
                    "reason=\"LOW_MAPPED_READS\"")).isEqualTo(1);
            assertThat(trackingMetrics.value("ntrk_assay_run_failures_total", "assay=\"RNA_NGS\"",
                    "reason=\"INSTRUMENT_ERROR\"")).isEqualTo(1);
            assertThat(trackingMetrics.sum("ntrk_assay_event_rejections_total")).isEqualTo(6);

            // ---- ntrk.reports: one draft and one FINAL per case, never ahead of a reflex (docs/reporting.md) ----
            Map<String, String> expectedReports = Map.ofEntries(
                    Map.entry("A", "POSITIVE [ETV6::NTRK3]"), Map.entry("B", "NEGATIVE []"),
                    Map.entry("C", "NEGATIVE []"), Map.entry("D", "POSITIVE [ETV6::NTRK3]"),
                    Map.entry("E", "NEGATIVE []"), Map.entry("F", "POSITIVE [LMNA::NTRK1]"),
                    Map.entry("G", "INCONCLUSIVE []"), Map.entry("H", "POSITIVE [TPM3::NTRK1]"),
                    Map.entry("I", "NEGATIVE []"), Map.entry("J", "NEGATIVE []"), Map.entry("M", "FAILURE []"),
                    Map.entry("L", "NEGATIVE []"));
            List<ConsumerRecord<String, ReportEvent>> reportRecords =
                    io.read(topics.reports(), 2 * expectedReports.size(), WAIT, QUIET);
            Map<String, String> finalOf = new HashMap<>();
            Map<String, Integer> draftsOf = new HashMap<>();
            for (ConsumerRecord<String, ReportEvent> r : reportRecords) {
                Object p = r.value().getPayload();
                if (p instanceof ReportIssued issued) {
                    assertThat(issued.getStatus()).isEqualTo(ReportStatus.FINAL);
                    assertThat(issued.getVersion()).isEqualTo(1);
                    assertThat(finalOf.put(r.key(), issued.getContent().getOverallCall() + " " + issued.getContent()
                            .getFusions().stream().map(f -> f.getHgncName()).toList())).as("one FINAL per case").isNull();
                } else {
                    assertThat(p).isInstanceOf(ReportDrafted.class);
                    draftsOf.merge(r.key(), 1, Integer::sum);
                }
            }
            assertThat(draftsOf.values()).as("exactly one draft per case: none before reflex settled").allMatch(n -> n == 1);
            Map<String, String> expectedByAccession = new HashMap<>();
            byAccession.forEach((accessionId, c) -> {
                String letter = c.name().substring(0, 1);
                if (expectedReports.containsKey(letter)) {
                    expectedByAccession.put(accessionId, expectedReports.get(letter));
                }
            });
            assertThat(finalOf).isEqualTo(expectedByAccession);
            PrometheusText reportingMetrics = new PrometheusText(reporting.get("/actuator/prometheus", SharedIdentity.get().token(LabAccounts.MONITORING)).body());
            assertThat(reportingMetrics.sum("ntrk_reports_total", "version_kind=\"FINAL\"")).isEqualTo(12);
            assertThat(reportingMetrics.value("ntrk_reports_total", "overall_status=\"POSITIVE\"",
                    "version_kind=\"FINAL\"")).isEqualTo(4);
            assertThat(reportingMetrics.value("ntrk_reports_awaiting_sign_out")).isZero();
        }
    }

    /**
     * The bench: measures each case once it is accessioned, and answers each order that becomes READY with
     * the case's scripted run events. Case K is cancelled by the LIMS instead, and the bench then tries to
     * run it anyway; case L sends a sequence of invalid run events around one valid run. Returns the cases
     * by accession number once every expected result, cancellation and rejection has been seen.
     */
    private static Map<String, LabCase> runBench(TopicIo io, Topics topics, TestNamespace ns,
            Map<String, LabCase> bySpecimen) {
        Map<String, LabCase> byAccession = new HashMap<>();
        Map<String, String> specimenOf = new HashMap<>();
        Map<String, Integer> attempts = new HashMap<>();
        Set<String> readyOrders = new HashSet<>();
        int expectedResults = bySpecimen.values().stream().mapToInt(c -> c.results().size()).sum();
        int results = 0;
        int rejections = 0;
        int cancelled = 0;
        Properties p = new Properties();
        p.putAll(SharedInfrastructure.get().adminClientProperties());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, ns.applicationId() + "-bench");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        EventSerdes serdes = new EventSerdes(RegistrySettings.of(SharedInfrastructure.get().registryUrl(),
                SharedInfrastructure.get().registryClientProperties()));
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (KafkaConsumer<String, AccessionEvent> accessions = new KafkaConsumer<>(p, new StringDeserializer(),
                serdes.valueSerde(topics.accessions()).deserializer());
                KafkaConsumer<String, AssayStatusEvent> status = new KafkaConsumer<>(p, new StringDeserializer(),
                        serdes.valueSerde(topics.assayStatus()).deserializer())) {
            accessions.subscribe(List.of(topics.accessions().name()));
            status.subscribe(List.of(topics.assayStatus().name()));
            while (results < expectedResults || rejections < 6 || cancelled < 1) {
                assertThat(System.nanoTime()).as("bench finished in time: %d/%d results, %d/6 rejections",
                        results, expectedResults, rejections).isLessThan(deadline);
                for (ConsumerRecord<String, AccessionEvent> r : accessions.poll(Duration.ofMillis(200))) {
                    if (r.value().getPayload() instanceof SpecimenAccessioned a) {
                        LabCase c = bySpecimen.get(a.getSpecimenId());
                        byAccession.put(r.key(), c);
                        specimenOf.put(r.key(), a.getSpecimenId());
                        io.send(topics.qcMeasurements(), measurements(r.key(), c));
                    }
                }
                List<Map.Entry<String, AssayRunEvent>> runs = new ArrayList<>();
                for (ConsumerRecord<String, AssayStatusEvent> r : status.poll(Duration.ofMillis(200))) {
                    String acc = r.key();
                    Object payload = r.value().getPayload();
                    if (payload instanceof AssayResulted) {
                        results++;
                    } else if (payload instanceof AssayEventRejected) {
                        rejections++;
                    } else if (payload instanceof AssayStatusChanged s) {
                        LabCase c = byAccession.get(acc);
                        if (s.getToState() == AssayState.READY && readyOrders.add(s.getOrderId())) {
                            int attempt = attempts.merge(acc + s.getAssay(), 1, Integer::sum);
                            if (c.name().startsWith("K")) {
                                io.send(topics.limsSpecimenEvents(), List.of(Map.entry(specimenOf.get(acc),
                                        LabEvents.cancelled(specimenOf.get(acc), c.received().getOrderId(),
                                                CancellationReason.ORDER_WITHDRAWN))));
                            } else if (c.name().startsWith("L")) {
                                runs.addAll(invalidSequence(acc, s.getOrderId()));
                            } else {
                                runs.addAll(scripted(acc, s.getOrderId(), s.getAssay(), c.bench()
                                        .get(s.getAssay() + "#" + attempt)));
                            }
                        } else if (s.getToState() == AssayState.CANCELLED) {
                            cancelled++;
                            // The bench had not heard: its run of a cancelled order is refused.
                            runs.add(Map.entry(acc, Bench.started(acc, s.getOrderId(), s.getAssay(), "RUN-LATE", BENCH)));
                        }
                    }
                }
                if (!runs.isEmpty()) {
                    io.send(topics.assayRuns(), runs);
                }
            }
        }
        return byAccession;
    }

    private static List<Map.Entry<String, QcMeasurementEvent>> measurements(String acc, LabCase c) {
        if (c.received().getSpecimen().getBloodTubeType() != null) {
            return List.of(Map.entry(acc, LabEvents.extraction(acc, Analyte.CFDNA, 30.0, null, null, BENCH)));
        }
        return List.of(Map.entry(acc, LabEvents.tumourContent(acc, true, 40.0, BENCH)),
                Map.entry(acc, LabEvents.extraction(acc, Analyte.RNA, 100.0, c.dv200(), null, BENCH)),
                Map.entry(acc, LabEvents.extraction(acc, Analyte.DNA, 200.0, null, 1.0, BENCH)));
    }

    private static List<Map.Entry<String, AssayRunEvent>> scripted(String acc, String orderId, AssayType assay,
            Object outcome) {
        assertThat(outcome).as("bench script for %s %s", acc, orderId).isNotNull();
        String runId = "RUN-" + orderId;
        AssayRunEvent end = outcome instanceof RunFailureReason reason
                ? Bench.failed(acc, orderId, assay, runId, reason, BENCH.plus(Duration.ofHours(6)))
                : Bench.completed(acc, orderId, assay, runId, outcome, BENCH.plus(Duration.ofHours(6)));
        return List.of(Map.entry(acc, Bench.started(acc, orderId, assay, runId, BENCH)), Map.entry(acc, end));
    }

    /** Five refused run events around one valid IHC run, and one resent event that must change nothing. */
    private static List<Map.Entry<String, AssayRunEvent>> invalidSequence(String acc, String orderId) {
        String runId = "RUN-" + orderId;
        AssayType ihc = AssayType.PAN_TRK_IHC;
        Instant done = BENCH.plus(Duration.ofHours(3));
        AssayRunEvent valid = Bench.completed(acc, orderId, ihc, runId, Bench.ihc(IhcCall.NEGATIVE), done);
        return List.of(
                Map.entry(acc, Bench.completed(acc, orderId, ihc, runId, Bench.ihc(IhcCall.NEGATIVE), BENCH)),
                Map.entry("NOT-" + acc, Bench.started(acc, orderId, ihc, runId, BENCH)),
                Map.entry(acc, Bench.started(acc, orderId, ihc, runId, BENCH)),
                Map.entry(acc, Bench.completed(acc, orderId, ihc, runId, Bench.ngs("RNA fusion panel"), done)),
                Map.entry(acc, valid),
                Map.entry(acc, valid),
                Map.entry(acc, Bench.completed(acc, orderId, ihc, runId, Bench.ihc(IhcCall.NEGATIVE), done)),
                Map.entry(acc, Bench.completed(acc, acc + "-IHC9", ihc, "RUN-X", Bench.ihc(IhcCall.NEGATIVE), done)));
    }
}
