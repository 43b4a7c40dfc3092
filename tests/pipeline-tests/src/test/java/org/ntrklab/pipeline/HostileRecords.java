package org.ntrklab.pipeline;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayRunCompleted;
import org.ntrklab.events.AssayRunEvent;
import org.ntrklab.events.AssayRunStarted;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.CaseOverdue;
import org.ntrklab.events.IhcCall;
import org.ntrklab.events.IhcResult;
import org.ntrklab.events.MolecularCall;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.ReportCommandEvent;
import org.ntrklab.events.ReportContent;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ResultCorrectionRequested;
import org.ntrklab.events.RevisionReason;
import org.ntrklab.events.RtPcrResult;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.events.TurnaroundEvent;
import org.ntrklab.events.TurnaroundMeasure;
import org.ntrklab.events.Analyte;
import org.ntrklab.events.CorrectionKind;
import org.ntrklab.events.TumorContentAssessed;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.serde.UnreadableRecord.Reason;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.LifecycleEvents;

/**
 * Every kind of bad record a topic can receive, each with the answer the lab must get for it: a valid
 * record of every other topic's schema, random bytes, truncated and trailing-byte Avro, unknown schema
 * ids, empty values and tombstones, lengths that claim more than the record holds, fields near the
 * broker's 1 MB limit, over-long ids, control characters, and (on the topics written from outside)
 * absurd values: negative ages, 150% tumour content, the year 9999.
 */
final class HostileRecords {

    /** One record to send, and what must become of it. */
    record Hostile(String label, String key, byte[] value, long timestamp, Outcome outcome) {
    }

    /**
     * What must become of a record.
     *
     * @param deadLetter a dead letter is expected, with this reason when not null
     * @param rejectedEventId a rejection event answering this event id is expected instead (topics from outside)
     */
    record Outcome(boolean deadLetter, String reason, String rejectedEventId) {

        static Outcome deadLetter(Reason reason) {
            return new Outcome(true, reason.name(), null);
        }

        static Outcome deadLetter(String reason) {
            return new Outcome(true, reason, null);
        }

        static Outcome anyDeadLetter() {
            return new Outcome(true, null, null);
        }

        static Outcome rejected(String eventId) {
            return new Outcome(false, null, eventId);
        }
    }

    private static final Instant AT = LabEvents.RECEIVED_AT.plusSeconds(3600);
    private static final String NEAR_ONE_MB = "x".repeat(900_000);
    private static final String OVER_LONG_ID = "ID-" + "9".repeat(62);

    private final Topics topics;
    private final EventSerdes serdes;
    private final String knownAccession;
    private final Random random = new Random(14);
    private long timestamp = AT.toEpochMilli();

    /**
     * @param knownAccession an accession the services know, so measurements are judged on their content
     */
    HostileRecords(Topics topics, EventSerdes serdes, String knownAccession) {
        this.topics = topics;
        this.serdes = serdes;
        this.knownAccession = knownAccession;
    }

    /** A valid event of each topic, to be sent to the other topics. */
    private Map<TopicSpec<?>, SpecificRecord> samples() {
        String acc = "NT26-99-000001";
        return Map.of(
                topics.limsSpecimenEvents(), LabEvents.received("SP-H-1", LabEvents.ffpeWorkUp().build()),
                topics.qcMeasurements(), LabEvents.tumourContent(acc, true, 40.0, AT),
                topics.assayRuns(), run(acc, AssayRunStarted.newBuilder().setOrderId(acc + "-O1")
                        .setAssay(AssayType.PAN_TRK_IHC).setRunId("RUN-1").build()),
                topics.reportCommands(), LifecycleEvents.signOut(acc, 1, "PATH-01", AT),
                topics.accessions(), LabEvents.accessioned(acc, "SP-H-2", LabEvents.ffpeWorkUp().build()),
                topics.qcDecisions(), LifecycleEvents.qcDecided(acc, AssayType.RNA_NGS, QcVerdict.PASS, AT),
                topics.assayOrders(), LifecycleEvents.ordered(acc, acc + "-O1", AssayType.RNA_NGS, null, null, AT),
                topics.assayStatus(), LifecycleEvents.resulted(acc, acc + "-O1", AssayType.RNA_NGS,
                        AssayInterpretation.NEGATIVE, AT),
                topics.reports(), LifecycleEvents.finalReport(acc, OverallCall.NEGATIVE, AT),
                topics.turnaround(), TurnaroundEvent.newBuilder().setEventId(id()).setOccurredAt(AT).setAccessionId(acc)
                        .setSource("tat-metrics").setPayload(CaseOverdue.newBuilder().setMeasure(TurnaroundMeasure.CASE)
                                .setStartedAt(AT).setTargetWorkingDays(10).setElapsedWorkingDays(11).build()).build());
    }

    /** The hostile records for one input topic. */
    List<Hostile> forTopic(TopicSpec<?> topic) {
        Map<TopicSpec<?>, SpecificRecord> samples = samples();
        List<Hostile> out = new ArrayList<>();
        byte[] own = bytes(topic, samples.get(topic));
        // a valid record of every other topic's schema
        for (TopicSpec<?> other : topics.all()) {
            if (!other.equals(topic)) {
                out.add(raw("valid " + other.valueType().getSimpleName(), "K-1", bytes(other, samples.get(other)),
                        Outcome.deadLetter(Reason.FOREIGN_SCHEMA)));
            }
        }
        // bytes that are not a record of the topic
        out.add(raw("JSON text", "K-1", "{\"specimenId\":\"SP-1\"}".getBytes(StandardCharsets.UTF_8),
                Outcome.deadLetter(Reason.NOT_REGISTRY_FRAMED)));
        out.add(raw("a bell and a null", "K-1", "\u0007\u0000".getBytes(StandardCharsets.UTF_8),
                Outcome.deadLetter(Reason.NOT_REGISTRY_FRAMED)));
        for (int i = 0; i < 3; i++) {
            out.add(raw("unknown schema id " + i, "K-1", ByteBuffer.allocate(12).put((byte) 0).putInt(1_900_000_000 + i)
                    .putInt(random.nextInt()).array(), Outcome.deadLetter(Reason.UNKNOWN_SCHEMA_ID)));
        }
        out.add(raw("truncated", "K-1", Arrays.copyOf(own, own.length - 4), Outcome.anyDeadLetter()));
        out.add(raw("trailing bytes", "K-1", Arrays.copyOf(own, own.length + 3), Outcome.deadLetter(Reason.TRAILING_BYTES)));
        out.add(raw("empty value", "K-1", new byte[0], Outcome.deadLetter(Reason.EMPTY_VALUE)));
        out.add(raw("a 1 GB string claimed in 12 bytes", "K-1", claimedLength(own, 1_000_000_000L),
                Outcome.deadLetter(Reason.MALFORMED_AVRO)));
        for (int i = 0; i < 5; i++) {
            byte[] garbage = new byte[6 + random.nextInt(400)];
            random.nextBytes(garbage);
            System.arraycopy(own, 0, garbage, 0, 5);
            out.add(raw("random bytes behind the topic's schema id " + i, "K-1", garbage, Outcome.anyDeadLetter()));
        }
        // no value
        out.add(raw("tombstone without a key", null, null, topic.fromOutside()
                ? Outcome.deadLetter("PROCESSING_FAILURE") : Outcome.deadLetter(Reason.TOMBSTONE)));
        long tombstoneTime = next();
        out.add(new Hostile("tombstone", "NT26-TOMB-1", null, tombstoneTime, topic.fromOutside()
                ? Outcome.rejected(EventIds.ofRecordWithoutValue("NT26-TOMB-1", tombstoneTime))
                : Outcome.deadLetter(Reason.TOMBSTONE)));
        // envelope fields outside their limits: the record cannot be named
        out.add(envelope(topic, samples.get(topic), "source of 900 kB", "source", NEAR_ONE_MB));
        out.add(envelope(topic, samples.get(topic), "over-long event id", "eventId", OVER_LONG_ID));
        out.add(envelope(topic, samples.get(topic), "control character in the case id", caseIdField(topic), "NT26\u0000-1"));
        out.add(envelope(topic, samples.get(topic), "right-to-left override in the event id", "eventId",
                "e-\u202e" + UUID.randomUUID()));
        out.addAll(topic.fromOutside() ? content(topic) : forgedContent(topic));
        return out;
    }

    /** Well-framed events from outside whose content is wrong: each answered with a rejection event. */
    private List<Hostile> content(TopicSpec<?> topic) {
        List<SpecificRecordBase> events = new ArrayList<>();
        String acc = knownAccession;
        if (topic.equals(topics.limsSpecimenEvents())) {
            events.add(LabEvents.received("SP-H-10", LabEvents.ffpeWorkUp().setOrderId(NEAR_ONE_MB).build()));
            events.add(LabEvents.received("SP-H-11", LabEvents.ffpeWorkUp().setOrderId(OVER_LONG_ID).build()));
            events.add(LabEvents.received("SP-H-12", LabEvents.ffpeWorkUp().setPatientRef("PSN\u0007\u001b[2J").build()));
            events.add(LabEvents.received("SP-H-13", LabEvents.ffpeWorkUp().setAgeYears(-5).build()));
            events.add(LabEvents.received("SP-H-14", LabEvents.specimen(LabEvents.ffpeWorkUp(),
                    s -> s.setCollectedAt(Instant.parse("9999-12-31T00:00:00Z"))).build()));
            events.add(LabEvents.received("SP-H-15", LabEvents.specimen(LabEvents.ffpeWorkUp(),
                    s -> s.setFixationHours(Double.POSITIVE_INFINITY)).build()));
            events.add(SpecimenEvent.newBuilder(LabEvents.received("SP-H-16", LabEvents.ffpeWorkUp().build()))
                    .setOccurredAt(Instant.parse("9999-01-01T00:00:00Z")).build());
            events.add(LabEvents.received("SP-H-17", LabEvents.ffpeWorkUp().setLabellingFlags(Collections.nCopies(500,
                    org.ntrklab.events.LabellingFlag.ILLEGIBLE_LABEL)).build()));
            events.add(LabEvents.received("SP-H-18", LabEvents.ffpeWorkUp().setAgeYears(Integer.MAX_VALUE).build()));
        } else if (topic.equals(topics.qcMeasurements())) {
            events.add(LabEvents.tumourContent(acc, true, 150.0, AT));
            events.add(LabEvents.tumourContent(acc, true, -20.0, AT));
            events.add(LabEvents.extraction(acc, Analyte.RNA, Double.NaN, 60.0, null, AT));
            events.add(LabEvents.extraction(acc, Analyte.DNA, -5, null, 1.0, AT));
            events.add(measurement(acc, TumorContentAssessed.newBuilder().setTumourCellsPresent(true)
                    .setTumourNucleiPercent(40.0).setBlockId(NEAR_ONE_MB).build()));
            events.add(measurement(acc, TumorContentAssessed.newBuilder().setTumourCellsPresent(true)
                    .setTumourNucleiPercent(40.0).setBlockId("A1\r\nX-Injected: yes").build()));
            events.add(QcMeasurementEvent.newBuilder(LabEvents.tumourContent(acc, true, 40.0, AT))
                    .setOccurredAt(Instant.parse("9999-01-01T00:00:00Z")).build());
        } else if (topic.equals(topics.assayRuns())) {
            events.add(run(acc, AssayRunStarted.newBuilder().setOrderId(acc + "-O9").setAssay(AssayType.RNA_NGS)
                    .setRunId(NEAR_ONE_MB).build()));
            events.add(run(acc, AssayRunStarted.newBuilder().setOrderId(acc + "-O9").setAssay(AssayType.RNA_NGS)
                    .setRunId("RUN-1").setInstrumentId("SEQ\u0000\u0001").build()));
            events.add(run(acc, AssayRunCompleted.newBuilder().setOrderId(acc + "-O9").setAssay(AssayType.PAN_TRK_IHC)
                    .setRunId("RUN-2").setResultDetails(IhcResult.newBuilder().setClone("EPR17341")
                            .setPercentPositiveTumourCells(150).setIntensity(7).setPatterns(List.of())
                            .setInternalControlOk(true).setCall(IhcCall.POSITIVE).build()).build()));
            events.add(run(acc, AssayRunCompleted.newBuilder().setOrderId(acc + "-O9").setAssay(AssayType.RT_PCR)
                    .setRunId("RUN-3").setResultDetails(RtPcrResult.newBuilder().setTargets(Collections.nCopies(101,
                            "ETV6::NTRK3")).setDetectedTargets(List.of()).setCall(MolecularCall.NO_FUSION_DETECTED)
                            .build()).build()));
            events.add(AssayRunEvent.newBuilder(run(acc, AssayRunStarted.newBuilder().setOrderId(acc + "-O9")
                    .setAssay(AssayType.RNA_NGS).setRunId("RUN-4").build()))
                    .setOccurredAt(Instant.parse("9999-01-01T00:00:00Z")).build());
        } else {
            events.add(LifecycleEvents.signOut(acc, -1, "PATH-01", AT));
            events.add(LifecycleEvents.signOut(acc, 1, "PATH\u0000-01", AT));
            events.add(LifecycleEvents.signOut("NT26-00-999999", 1, "PATH-01", AT));
            events.add(ReportCommandEvent.newBuilder().setEventId(id()).setOccurredAt(AT).setAccessionId(acc)
                    .setSource("pathology-desk").setPayload(ResultCorrectionRequested.newBuilder().setOrderId(acc + "-O1")
                            .setAssay(AssayType.RNA_NGS).setKind(CorrectionKind.CORRECTION)
                            .setReason(RevisionReason.ANALYSIS_ERROR).setExplanation(NEAR_ONE_MB)
                            .setPathologistRef("PATH-01").setCorrectedResult(IhcResult.newBuilder().setClone("X")
                                    .setPercentPositiveTumourCells(10).setIntensity(1).setPatterns(List.of())
                                    .setInternalControlOk(true).setCall(IhcCall.POSITIVE).build()).build()).build());
        }
        List<Hostile> out = new ArrayList<>();
        for (SpecificRecordBase event : events) {
            String eventId = (String) event.get("eventId");
            String key = (String) event.get(caseIdField(topic));
            out.add(new Hostile("content: " + event.getSchema().getName() + " " + eventId, key,
                    bytes(topic, event), next(), Outcome.rejected(eventId)));
        }
        // a key that is not the event's case id, and far too long to be one
        SpecificRecordBase wrongKey = (SpecificRecordBase) samples().get(topic);
        out.add(new Hostile("900 kB key", NEAR_ONE_MB, bytes(topic, wrongKey), next(),
                Outcome.rejected((String) wrongKey.get("eventId"))));
        return out;
    }

    /** Records on the services' own topics whose payload breaks a limit: no service wrote them. */
    private List<Hostile> forgedContent(TopicSpec<?> topic) {
        SpecificRecordBase sample = (SpecificRecordBase) samples().get(topic);
        SpecificRecord forged;
        if (sample instanceof AccessionEvent a) {
            SpecimenAccessioned p = SpecimenAccessioned.newBuilder((SpecimenAccessioned) a.getPayload())
                    .setPatientRef(NEAR_ONE_MB).build();
            forged = AccessionEvent.newBuilder(a).setPayload(p).build();
        } else if (sample instanceof QcDecisionEvent q) {
            forged = QcDecisionEvent.newBuilder(q).setPayload(QcDecided.newBuilder((QcDecided) q.getPayload())
                    .setRuleSetVersion("v\u0000").build()).build();
        } else if (sample instanceof AssayOrderEvent o) {
            forged = AssayOrderEvent.newBuilder(o).setPayload(AssayOrdered.newBuilder((AssayOrdered) o.getPayload())
                    .setRationale("r".repeat(9000)).build()).build();
        } else if (sample instanceof AssayStatusEvent s) {
            forged = AssayStatusEvent.newBuilder(s).setPayload(AssayStatusChanged.newBuilder().setOrderId(OVER_LONG_ID)
                    .setAssay(AssayType.RNA_NGS).setToState(AssayState.READY).build()).build();
        } else {
            ReportEvent r = (ReportEvent) sample;
            ReportIssued issued = (ReportIssued) r.getPayload();
            forged = ReportEvent.newBuilder(r).setPayload(ReportIssued.newBuilder(issued).setContent(ReportContent
                    .newBuilder(issued.getContent()).setInterpretation("i".repeat(9000)).build()).build())
                    .build();
        }
        return List.of(new Hostile("forged " + sample.getSchema().getName(), "NT26-99-000001", bytes(topic, forged),
                next(), Outcome.deadLetter(Reason.FIELD_LIMITS)));
    }

    private Hostile envelope(TopicSpec<?> topic, SpecificRecord sample, String label, String field, String value) {
        SpecificRecordBase copy = (SpecificRecordBase) deepCopy(sample);
        copy.put(field, value);
        return new Hostile(label, "K-2", bytes(topic, copy), next(), Outcome.deadLetter(Reason.FIELD_LIMITS));
    }

    private Hostile raw(String label, String key, byte[] value, Outcome outcome) {
        return new Hostile(label, key, value, next(), outcome);
    }

    private long next() {
        return timestamp += 1000;
    }

    private static String caseIdField(TopicSpec<?> topic) {
        return topic.keyedBy();
    }

    @SuppressWarnings("unchecked")
    private <V extends SpecificRecord> byte[] bytes(TopicSpec<V> topic, SpecificRecord value) {
        return serdes.valueSerde(topic).serializer().serialize(topic.name(), (V) value);
    }

    private static SpecificRecord deepCopy(SpecificRecord record) {
        return org.apache.avro.specific.SpecificData.get().deepCopy(record.getSchema(), record);
    }

    /** The topic's framing, then an eventId whose length claims {@code claimed} bytes, then two bytes. */
    private static byte[] claimedLength(byte[] own, long claimed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(own, 0, 5);
        long zigZag = claimed << 1;
        while ((zigZag & ~0x7FL) != 0) {
            out.write((int) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        out.write((int) zigZag);
        out.writeBytes(new byte[] {'e', 'v'});
        return out.toByteArray();
    }

    private static AssayRunEvent run(String accessionId, Object payload) {
        return AssayRunEvent.newBuilder().setEventId(id()).setOccurredAt(AT).setAccessionId(accessionId)
                .setSource("hostile-bench").setPayload(payload).build();
    }

    private static QcMeasurementEvent measurement(String accessionId, Object payload) {
        return QcMeasurementEvent.newBuilder().setEventId(id()).setOccurredAt(AT).setAccessionId(accessionId)
                .setSource("hostile-bench").setPayload(payload).build();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
