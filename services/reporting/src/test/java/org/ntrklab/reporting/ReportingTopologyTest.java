package org.ntrklab.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.Actor;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.ReportCommandEvent;
import org.ntrklab.events.ReportCommandRejected;
import org.ntrklab.events.ReportCommandRejection;
import org.ntrklab.events.ReportDrafted;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ReportSignOutRequested;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.platform.deadletter.DeadLetterHeaders;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.streams.TopologyHarness;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.reporting.report.ReportCase;
import org.ntrklab.reporting.report.ReportDesk;
import org.ntrklab.reporting.report.ReportInterpreter;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.LifecycleEvents;
import org.ntrklab.testkit.TestNamespace;
import org.ntrklab.testkit.TopicRecords;

/**
 * The reporting topology under TopologyTestDriver with the real registry serdes: a case from accession to
 * FINAL report, commands keyed wrongly, empty or unreadable, and the metrics that follow.
 */
class ReportingTopologyTest {

    private static final String ACC = "NT26-00-000411";
    private static final String IHC = ACC + "-IHC1";
    private static final Instant AT = LabEvents.RECEIVED_AT.plus(Duration.ofDays(1));

    private Topics topics;
    private TopologyHarness harness;
    private TopologyTestDriver driver;
    private TestInputTopic<String, AccessionEvent> accessions;
    private TestInputTopic<String, AssayOrderEvent> orders;
    private TestInputTopic<String, AssayStatusEvent> status;
    private TestInputTopic<String, ReportCommandEvent> commands;
    private TestOutputTopic<String, ReportEvent> reports;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void start(TestInfo info) {
        meters = new SimpleMeterRegistry();
        harness = TopologyHarness.start(TestNamespace.of(info), (t, serdes) -> ReportingTopology.topology(t, serdes,
                new ReportDesk(new ReportInterpreter(), false, "AUTO", Duration.ofDays(400)), new ReportingMetrics(meters),
                Duration.ofHours(1)),
                LabEvents.RECEIVED_AT);
        topics = harness.topics();
        driver = harness.driver();
        accessions = harness.input(topics.accessions());
        orders = harness.input(topics.assayOrders());
        status = harness.input(topics.assayStatus());
        commands = harness.input(topics.reportCommands());
        reports = harness.output(topics.reports());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    /** An IHC-negative lung case: accessioned, ordered, resulted, and reflex settled on it. */
    private AssayOrderEvent negativeIhcCase() {
        accessions.pipeInput(ACC, LabEvents.accessioned(ACC, "SP-411", LabEvents.ffpeWorkUp().build()));
        orders.pipeInput(ACC, LifecycleEvents.ordered(ACC, IHC, AssayType.PAN_TRK_IHC, null, null, AT));
        status.pipeInput(ACC, LifecycleEvents.resulted(ACC, IHC, AssayType.PAN_TRK_IHC, AssayInterpretation.NEGATIVE,
                AT.plus(Duration.ofHours(20))));
        AssayOrderEvent settled = LifecycleEvents.settled(ACC, IHC, AssayType.PAN_TRK_IHC, AssayInterpretation.NEGATIVE,
                AT.plus(Duration.ofHours(20)));
        orders.pipeInput(ACC, settled);
        return settled;
    }

    private static ReportCommandEvent signOut(String accessionId, int version) {
        return LifecycleEvents.signOut(accessionId, version, "PATH-0007", AT.plus(Duration.ofDays(2)));
    }

    @Test
    void aSettledCaseIsDraftedAndItsSignOutIssuesTheFinalReport() {
        AssayOrderEvent settled = negativeIhcCase();
        TestRecord<String, ReportEvent> draft = reports.readRecord();
        assertThat(draft.key()).isEqualTo(ACC);
        assertThat(draft.value().getSource()).isEqualTo("reporting");
        assertThat(draft.value().getCausationId()).isEqualTo(settled.getEventId());
        assertThat(draft.value().getOccurredAt()).isEqualTo(settled.getOccurredAt());
        assertThat(draft.value().getPayload()).isInstanceOfSatisfying(ReportDrafted.class, d -> {
            assertThat(d.getVersion()).isEqualTo(1);
            assertThat(d.getContent().getOverallCall()).isEqualTo(OverallCall.NEGATIVE);
            assertThat(d.getContent().getLimitations()).anyMatch(l -> l.contains("does not exclude an NTRK3 fusion"));
        });
        assertThat(meters.get("ntrk.reports.awaiting.sign.out").gauge().value()).isEqualTo(1);

        ReportCommandEvent command = signOut(ACC, 1);
        commands.pipeInput(ACC, command);
        TestRecord<String, ReportEvent> issued = reports.readRecord();
        assertThat(issued.value().getCausationId()).isEqualTo(command.getEventId());
        assertThat(issued.value().getPayload()).isInstanceOfSatisfying(ReportIssued.class, i -> {
            assertThat(i.getStatus()).isEqualTo(ReportStatus.FINAL);
            assertThat(i.getVersion()).isEqualTo(1);
            assertThat(i.getSignedOutBy()).isEqualTo("PATH-0007");
            assertThat(i.getContent()).isEqualTo(((ReportDrafted) draft.value().getPayload()).getContent());
        });
        // The same command delivered again is applied once.
        commands.pipeInput(ACC, command);
        assertThat(reports.isEmpty()).isTrue();
        assertThat(store().latestIssued().version()).isEqualTo(1);
        assertThat(meters.get("ntrk.reports").tags("overall_status", "NEGATIVE", "version_kind", "FINAL").counter()
                .count()).isEqualTo(1);
        assertThat(meters.get("ntrk.report.sign.out.latency").tags("version_kind", "FINAL").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("ntrk.reports.awaiting.sign.out").gauge().value()).isZero();
    }

    @Test
    void aSignOutThroughTheApiRecordsTheSignersDisplayNameBesideTheirIdentifier() {
        negativeIhcCase();
        reports.readRecord();
        ReportCommandEvent command = ReportCommandEvent.newBuilder(signOut(ACC, 1))
                .setActor(Actor.newBuilder().setSubject("PATH-0007").setDisplayName("Dr Ada Byron").build()).build();
        commands.pipeInput(ACC, command);
        assertThat(reports.readRecord().value().getPayload()).isInstanceOfSatisfying(ReportIssued.class, i -> {
            assertThat(i.getSignedOutBy()).isEqualTo("PATH-0007");
            assertThat(i.getSignedOutByName()).isEqualTo("Dr Ada Byron");
        });
        assertThat(store().latestIssued().signedOutByName()).isEqualTo("Dr Ada Byron");
    }

    @Test
    void aDisplayNameIsNotRecordedForAnotherIdentifierThanTheOneItWasAuthenticatedWith() {
        negativeIhcCase();
        reports.readRecord();
        ReportCommandEvent command = ReportCommandEvent.newBuilder(signOut(ACC, 1))
                .setActor(Actor.newBuilder().setSubject("PATH-0099").setDisplayName("Someone Else").build()).build();
        commands.pipeInput(ACC, command);
        assertThat(reports.readRecord().value().getPayload()).isInstanceOfSatisfying(ReportIssued.class, i -> {
            assertThat(i.getSignedOutBy()).isEqualTo("PATH-0007");
            assertThat(i.getSignedOutByName()).isNull();
        });
    }

    @Test
    void aCommandKeyedByAnotherAccessionIsRejectedUnderItsOwnAccessionAndChangesNothing() {
        negativeIhcCase();
        reports.readRecordsToList();

        ReportCommandEvent misfiled = signOut(ACC, 1);
        commands.pipeInput("NT26-00-000999", misfiled);

        TestRecord<String, ReportEvent> rejected = reports.readRecord();
        assertThat(rejected.key()).isEqualTo(ACC);
        assertThat(rejected.value().getPayload()).isInstanceOfSatisfying(ReportCommandRejected.class, r -> {
            assertThat(r.getRejection()).isEqualTo(ReportCommandRejection.WRONG_KEY);
            assertThat(r.getRejectedEventId()).isEqualTo(misfiled.getEventId());
            assertThat(r.getCommand()).isEqualTo("ReportSignOutRequested");
        });
        assertThat(store().latestIssued()).isNull();
        assertThat(meters.get("ntrk.report.command.rejections").tags("rejection", "WRONG_KEY").counter().count())
                .isEqualTo(1);
    }

    @Test
    void anEmptyCommandIsRejectedAndUnreadableBytesGoToTheDeadLetterTopic() {
        long timestamp = AT.toEpochMilli();
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(topics.reportCommands().name(),
                new StringSerializer(), new ByteArraySerializer());

        raw.pipeInput(ACC, null, timestamp);
        TestRecord<String, ReportEvent> rejected = reports.readRecord();
        assertThat(rejected.key()).isEqualTo(ACC);
        assertThat(rejected.value().getPayload()).isInstanceOfSatisfying(ReportCommandRejected.class, r -> {
            assertThat(r.getRejection()).isEqualTo(ReportCommandRejection.MISSING_FIELD);
            assertThat(r.getRejectedEventId()).isEqualTo(EventIds.ofRecordWithoutValue(ACC, timestamp));
        });

        raw.pipeInput(ACC, new byte[] {0, 0, 0, 0, 42, 1, 2, 3}, timestamp);
        List<ConsumerRecord<byte[], byte[]>> dead =
                TopicRecords.readCommitted(topics.reportCommands().deadLetterTopic(), 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).key())).isEqualTo(ACC);
        assertThat(DeadLetterHeaders.get(dead.get(0).headers(), DeadLetterHeaders.STAGE)).isEqualTo("DESERIALIZATION");
        // The topology goes on: the next case is still reported.
        negativeIhcCase();
        assertThat(reports.readValuesToList()).hasSize(1);
    }

    private ReportCase store() {
        return driver.<String, ReportCase>getKeyValueStore(ReportingTopology.CASES).get(ACC);
    }
}
