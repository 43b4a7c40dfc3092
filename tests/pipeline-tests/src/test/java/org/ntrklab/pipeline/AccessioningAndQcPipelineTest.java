package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.accessioning.AccessioningApplication;
import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.Analyte;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.CancellationReason;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.events.QcMeasurementRejected;
import org.ntrklab.events.QcRejectionCode;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.RejectionCode;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.events.SpecimenRejected;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.sampleqc.SampleQcApplication;
import org.ntrklab.testkit.PrometheusText;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.RunningService;
import org.ntrklab.testkit.SharedIdentity;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;

/**
 * Accessioning and sample-qc, each started as its Spring Boot application, on the real broker and
 * registry with three partitions: 200 specimens of a known mix (see {@link CaseMix}) and their bench
 * measurements give exactly the expected accessions, rejections with their reasons, and QC verdicts, and
 * every input record is accounted for.
 */
class AccessioningAndQcPipelineTest {

    private static final int PARTITIONS = 3;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Instant BENCH = LabEvents.RECEIVED_AT.plus(Duration.ofHours(20));

    @Test
    void aKnownMixOfSpecimensGivesExactlyTheExpectedAccessionsRejectionsAndVerdicts(TestInfo info) {
        assertThat(CaseMix.total()).isEqualTo(200);
        SharedInfrastructure infra = SharedInfrastructure.get();
        TestNamespace ns = TestNamespace.of(info);
        Topics topics = new Topics(ns.topicPrefix(), PARTITIONS, (short) 1);
        TopicIo io = TopicIo.onSharedInfrastructure();

        try (RunningService accessioning = RunningService.start(AccessioningApplication.class, "accessioning", ns,
                PARTITIONS, Map.of());
                RunningService sampleQc = RunningService.start(SampleQcApplication.class, "sample-qc", ns, PARTITIONS,
                        Map.of())) {

            // ---- the LIMS: first events, then follow-ups ----
            Random random = new Random(20261125);
            List<Map.Entry<String, SpecimenEvent>> first = new ArrayList<>();
            List<Map.Entry<String, SpecimenEvent>> followUps = new ArrayList<>();
            Map<String, CaseMix> kindOf = new HashMap<>();
            int duplicatesSent = 0;
            for (CaseMix kind : CaseMix.values()) {
                for (int i = 0; i < kind.count; i++) {
                    String specimenId = kind.specimenId(i);
                    kindOf.put(specimenId, kind);
                    SpecimenReceived receipt = kind.receipt(i, random);
                    SpecimenEvent receiptEvent = LabEvents.received(specimenId, receipt);
                    switch (kind) {
                        case CANCELLED_BEFORE_RECEIPT -> {
                            first.add(entry(LabEvents.cancelled(specimenId, receipt.getOrderId(),
                                    CancellationReason.ORDER_WITHDRAWN)));
                            followUps.add(entry(receiptEvent));
                        }
                        case CANCELLED_AFTER_ACCESSION -> {
                            first.add(entry(receiptEvent));
                            followUps.add(entry(LabEvents.cancelled(specimenId, receipt.getOrderId(),
                                    CancellationReason.PATIENT_TRANSFERRED)));
                        }
                        case CORRECTED -> {
                            first.add(entry(receiptEvent));
                            followUps.add(entry(LabEvents.received(specimenId,
                                    SpecimenReceived.newBuilder(receipt).setLabellingFlags(List.of()).build())));
                        }
                        case GOOD -> {
                            first.add(entry(receiptEvent));
                            if (i < CaseMix.REPEATED) {
                                // Half are redelivered as the same event, half resent as a new event.
                                followUps.add(entry(i % 2 == 0 ? receiptEvent : LabEvents.received(specimenId, receipt)));
                                duplicatesSent++;
                            } else if (i < CaseMix.REPEATED + CaseMix.CONFLICTING) {
                                followUps.add(entry(LabEvents.received(specimenId,
                                        SpecimenReceived.newBuilder(receipt).setAgeYears(receipt.getAgeYears() + 1).build())));
                            }
                        }
                        default -> first.add(entry(receiptEvent));
                    }
                }
            }
            io.send(topics.limsSpecimenEvents(), first);
            io.send(topics.limsSpecimenEvents(), followUps);
            int limsEvents = first.size() + followUps.size();
            assertThat(limsEvents).isEqualTo(250);

            // ---- accessioning: every LIMS event is accounted for ----
            int expectedAccessioned = CaseMix.all().stream().filter(CaseMix::accessioned).mapToInt(k -> k.count).sum();
            int expectedAccessionEvents = limsEvents - duplicatesSent;
            List<ConsumerRecord<String, AccessionEvent>> accessionRecords =
                    io.read(topics.accessions(), expectedAccessionEvents, WAIT, QUIET);
            assertThat(accessionRecords).hasSize(expectedAccessionEvents);

            Map<String, String> accessionOf = new HashMap<>();
            List<SpecimenRejected> rejections = new ArrayList<>();
            int cancelledWithAccession = 0;
            int cancelledBeforeReceipt = 0;
            for (ConsumerRecord<String, AccessionEvent> r : accessionRecords) {
                AccessionEvent e = r.value();
                if (e.getPayload() instanceof SpecimenAccessioned) {
                    assertThat(r.key()).isEqualTo(e.getAccessionId());
                    assertThat(accessionOf.put(e.getSpecimenId(), e.getAccessionId())).as("one accession per specimen")
                            .isNull();
                } else if (e.getPayload() instanceof SpecimenRejected rejected) {
                    assertThat(r.key()).isEqualTo(e.getSpecimenId());
                    assertThat(e.getAccessionId()).isNull();
                    rejections.add(rejected);
                } else if (e.getPayload() instanceof AccessionCancelled) {
                    if (e.getAccessionId() == null) {
                        cancelledBeforeReceipt++;
                    } else {
                        assertThat(e.getAccessionId()).isEqualTo(accessionOf.get(e.getSpecimenId()));
                        cancelledWithAccession++;
                    }
                }
            }
            assertThat(accessionOf).hasSize(expectedAccessioned);
            assertThat(new HashSet<>(accessionOf.values())).as("accession numbers are unique across partitions")
                    .hasSize(expectedAccessioned);
            assertThat(accessionOf.values()).allMatch(id -> id.matches("NT26-0[0-2]-\\d{6}"));
            assertThat(accessionOf.values().stream().map(id -> id.substring(5, 7)).distinct()).hasSize(PARTITIONS);
            assertThat(cancelledWithAccession).isEqualTo(CaseMix.CANCELLED_AFTER_ACCESSION.count);
            assertThat(cancelledBeforeReceipt).isEqualTo(CaseMix.CANCELLED_BEFORE_RECEIPT.count);
            assertThat(accessionOf.keySet()).allMatch(s -> kindOf.get(s).accessioned());

            Map<RejectionCode, Long> reasonCounts = rejections.stream().flatMap(r -> r.getReasons().stream())
                    .collect(Collectors.groupingBy(x -> x.getCode(), () -> new EnumMap<>(RejectionCode.class),
                            Collectors.counting()));
            Map<RejectionCode, Long> expectedReasons = new EnumMap<>(RejectionCode.class);
            for (CaseMix kind : CaseMix.values()) {
                for (RejectionCode code : kind.firstReceiptRejection()) {
                    expectedReasons.merge(code, (long) kind.count, Long::sum);
                }
            }
            expectedReasons.put(RejectionCode.CONFLICTING_DUPLICATE, (long) CaseMix.CONFLICTING);
            expectedReasons.put(RejectionCode.ORDER_CANCELLED, (long) CaseMix.CANCELLED_BEFORE_RECEIPT.count);
            assertThat(reasonCounts).isEqualTo(expectedReasons);
            assertThat(rejections).hasSize(50);
            assertThat(accessionRecords.size() + duplicatesSent).as("every LIMS event accounted for")
                    .isEqualTo(limsEvents);

            // ---- the bench: measurements for the accessioned specimens ----
            List<Map.Entry<String, QcMeasurementEvent>> measurements = new ArrayList<>();
            Map<String, CaseMix> kindOfAccession = new HashMap<>();
            for (Map.Entry<String, String> a : accessionOf.entrySet()) {
                CaseMix kind = kindOf.get(a.getKey());
                String accessionId = a.getValue();
                kindOfAccession.put(accessionId, kind);
                int index = Integer.parseInt(a.getKey().substring(a.getKey().lastIndexOf('-') + 1));
                measurements.addAll(benchWork(kind, index, accessionId));
            }
            io.send(topics.qcMeasurements(), measurements);

            // ---- sample-qc: decisions and rejections ----
            int expectedDecisions = CaseMix.all().stream().mapToInt(k -> k.count * k.decisionEvents).sum();
            int expectedMeasurementRejections = CaseMix.MALFORMED_MEASUREMENT + CaseMix.CANCELLED_AFTER_ACCESSION.count;
            List<ConsumerRecord<String, QcDecisionEvent>> qcRecords = io.read(topics.qcDecisions(),
                    expectedDecisions + expectedMeasurementRejections, WAIT, QUIET);
            List<QcDecisionEvent> decided = qcRecords.stream().map(ConsumerRecord::value)
                    .filter(e -> e.getPayload() instanceof QcDecided).toList();
            List<QcMeasurementRejected> refused = qcRecords.stream().map(ConsumerRecord::value)
                    .filter(e -> e.getPayload() instanceof QcMeasurementRejected)
                    .map(e -> (QcMeasurementRejected) e.getPayload()).toList();
            assertThat(decided).hasSize(expectedDecisions);
            assertThat(refused).hasSize(expectedMeasurementRejections);
            assertThat(refused.stream().flatMap(r -> r.getReasons().stream()).map(r -> r.getCode())
                    .collect(Collectors.groupingBy(c -> c, Collectors.counting())))
                    .isEqualTo(Map.of(QcRejectionCode.MALFORMED_VALUE, (long) CaseMix.MALFORMED_MEASUREMENT,
                            QcRejectionCode.ACCESSION_CANCELLED, (long) CaseMix.CANCELLED_AFTER_ACCESSION.count));

            // The current decision per accession and assay is the one no later decision supersedes.
            Map<String, QcDecisionEvent> byEventId = new HashMap<>();
            Map<String, Map<AssayType, QcDecided>> current = new HashMap<>();
            for (QcDecisionEvent e : decided) {
                QcDecided d = (QcDecided) e.getPayload();
                if (d.getSupersedesEventId() != null) {
                    QcDecisionEvent earlier = byEventId.get(d.getSupersedesEventId());
                    assertThat(earlier).as("a decision supersedes an earlier one of the same case").isNotNull();
                    assertThat(earlier.getAccessionId()).isEqualTo(e.getAccessionId());
                    assertThat(((QcDecided) earlier.getPayload()).getAssay()).isEqualTo(d.getAssay());
                } else {
                    assertThat(current.getOrDefault(e.getAccessionId(), Map.of())).doesNotContainKey(d.getAssay());
                }
                byEventId.put(e.getEventId(), e);
                current.computeIfAbsent(e.getAccessionId(), k -> new EnumMap<>(AssayType.class)).put(d.getAssay(), d);
            }
            for (Map.Entry<String, Map<AssayType, QcDecided>> c : current.entrySet()) {
                CaseMix kind = kindOfAccession.get(c.getKey());
                Map<AssayType, QcVerdict> verdicts = new EnumMap<>(AssayType.class);
                c.getValue().forEach((assay, d) -> verdicts.put(assay, d.getVerdict()));
                assertThat(verdicts).as("verdicts of %s (%s)", c.getKey(), kind).isEqualTo(kind.finalVerdicts);
            }
            long casesExpectingDecisions = kindOfAccession.values().stream().filter(k -> !k.finalVerdicts.isEmpty()).count();
            assertThat(current).hasSize((int) casesExpectingDecisions);
            assertThat(decided).allMatch(e -> !((QcDecided) e.getPayload()).getFindings().isEmpty());

            // ---- REST and metrics ----
            String cancelledAccession = accessionOf.get(CaseMix.CANCELLED_AFTER_ACCESSION.specimenId(0));
            HttpResponse<String> view = accessioning.get("/accessions/" + cancelledAccession);
            assertThat(view.statusCode()).isEqualTo(200);
            assertThat(view.body()).contains("\"status\":\"CANCELLED\"", "\"cancellationReason\":\"PATIENT_TRANSFERRED\"")
                    .doesNotContain("patientRef", "PSN-");
            HttpResponse<String> rejectedView = accessioning.get("/specimens/" + CaseMix.LABELLING.specimenId(0));
            assertThat(rejectedView.statusCode()).isEqualTo(200);
            assertThat(rejectedView.body()).contains("\"status\":\"REJECTED\"", "LABELLING_DEFECT", "ACC-LABELLING");
            assertThat(accessioning.get("/accessions/NT26-99-000001").statusCode()).isEqualTo(404);
            assertThat(accessioning.get("/specimens/SP-NEVER-SENT").statusCode()).isEqualTo(404);

            String acidAccession = accessionOf.get(CaseMix.ACID_DECALCIFIED.specimenId(0));
            HttpResponse<String> qcView = sampleQc.get("/qc/accessions/" + acidAccession);
            assertThat(qcView.statusCode()).isEqualTo(200);
            assertThat(qcView.body()).contains("\"RNA_NGS\":{\"verdict\":\"FAIL\"", "\"PAN_TRK_IHC\":{\"verdict\":\"PASS\"");
            assertThat(sampleQc.get("/qc/accessions/NT26-00-999999").statusCode()).isEqualTo(404);

            PrometheusText accessioningMetrics = new PrometheusText(accessioning.get("/actuator/prometheus", SharedIdentity.get().token(LabAccounts.MONITORING)).body());
            assertThat(accessioningMetrics.value("ntrk_accessioning_events_total", "event=\"SpecimenReceived\"",
                    "outcome=\"duplicate\"")).isEqualTo(duplicatesSent);
            assertThat(accessioningMetrics.value("ntrk_accessioning_events_total", "event=\"SpecimenReceived\"",
                    "outcome=\"accessioned\"")).isEqualTo(expectedAccessioned);
            assertThat(accessioningMetrics.value("ntrk_accessioning_rejection_reasons_total",
                    "code=\"LABELLING_DEFECT\"", "rule=\"ACC-LABELLING\"")).isEqualTo(15);
            PrometheusText qcMetrics = new PrometheusText(sampleQc.get("/actuator/prometheus", SharedIdentity.get().token(LabAccounts.MONITORING)).body());
            assertThat(qcMetrics.value("ntrk_qc_decisions_total", "assay=\"CFDNA_NGS\"", "verdict=\"FAIL\""))
                    .isEqualTo(CaseMix.PLASMA_LOW.count);
            assertThat(qcMetrics.sum("ntrk_qc_inputs_total", "type=\"NucleicAcidExtracted\"")
                    + qcMetrics.sum("ntrk_qc_inputs_total", "type=\"TumorContentAssessed\""))
                    .as("every measurement accounted for").isEqualTo(measurements.size());
            assertThat(qcMetrics.sum("ntrk_qc_inputs_total", "type=\"SpecimenAccessioned\"")
                    + qcMetrics.sum("ntrk_qc_inputs_total", "type=\"SpecimenRejected\"")
                    + qcMetrics.sum("ntrk_qc_inputs_total", "type=\"AccessionCancelled\""))
                    .as("every accession event accounted for").isEqualTo(accessionRecords.size());
        }
    }

    /** What the bench reports for one accessioned specimen of a kind, in the order it happens. */
    private static List<Map.Entry<String, QcMeasurementEvent>> benchWork(CaseMix kind, int index, String accessionId) {
        List<QcMeasurementEvent> work = new ArrayList<>();
        switch (kind) {
            case PLASMA_GOOD -> work.add(LabEvents.extraction(accessionId, Analyte.CFDNA, 25, null, null, BENCH));
            case PLASMA_LOW -> work.add(LabEvents.extraction(accessionId, Analyte.CFDNA, 3, null, null, BENCH));
            case CANCELLED_AFTER_ACCESSION -> work.add(LabEvents.tumourContent(accessionId, true, 40.0, BENCH));
            default -> {
                work.add(LabEvents.tumourContent(accessionId, true, kind == CaseMix.LOW_TUMOUR ? 15.0 : 40.0, BENCH));
                double dv200 = kind == CaseMix.LOW_DV200 ? 22 : kind == CaseMix.RE_EXTRACTED ? 20 : 55;
                work.add(LabEvents.extraction(accessionId, Analyte.RNA, 80, dv200, null, BENCH.plus(Duration.ofHours(2))));
                work.add(LabEvents.extraction(accessionId, Analyte.DNA, 150, null, 1.0, BENCH.plus(Duration.ofHours(3))));
                if (kind == CaseMix.RE_EXTRACTED) {
                    work.add(LabEvents.extraction(accessionId, Analyte.RNA, 90, 60.0, null, BENCH.plus(Duration.ofDays(1))));
                }
                if (kind == CaseMix.GOOD && index >= CaseMix.REPEATED + CaseMix.CONFLICTING
                        && index < CaseMix.REPEATED + CaseMix.CONFLICTING + CaseMix.MALFORMED_MEASUREMENT) {
                    work.add(LabEvents.extraction(accessionId, Analyte.RNA, 80, 150.0, null, BENCH.plus(Duration.ofDays(1))));
                }
            }
        }
        return work.stream().map(m -> Map.entry(accessionId, m)).toList();
    }

    private static Map.Entry<String, SpecimenEvent> entry(SpecimenEvent event) {
        return Map.entry(event.getSpecimenId(), event);
    }
}
