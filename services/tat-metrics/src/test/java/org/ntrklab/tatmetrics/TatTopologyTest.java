package org.ntrklab.tatmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.CaseOverdue;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.TurnaroundEvent;
import org.ntrklab.events.TurnaroundMeasure;
import org.ntrklab.events.TurnaroundMeasured;
import org.ntrklab.platform.streams.TopologyHarness;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.tatmetrics.calendar.LabCalendar;
import org.ntrklab.tatmetrics.timeline.TatClerk;
import org.ntrklab.tatmetrics.timeline.TurnaroundTargets;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.LifecycleEvents;
import org.ntrklab.testkit.TestNamespace;

/**
 * The tat-metrics topology under TopologyTestDriver with the real registry serdes: events out of order and
 * repeated, a replay, a case flagged overdue by the wall clock before it completes, and eviction of
 * finished cases.
 */
class TatTopologyTest {

    /** Receipt on Monday 2 March 2026, 08:00 UTC. */
    private static final Instant RECEIVED = LabEvents.RECEIVED_AT;
    private static final Duration RETENTION = Duration.ofDays(30);

    private final List<TopologyHarness> harnesses = new ArrayList<>();
    private SimpleMeterRegistry meters;

    @AfterEach
    void stop() {
        harnesses.forEach(TopologyHarness::close);
    }

    @Test
    void eventsOutOfOrderAndRepeatedGiveEachMeasureOnce(TestInfo info) {
        Lab lab = new Lab(info, "a");
        List<SpecificRecord> inOrder = oneCase("NT26-00-000001");
        // The report and the results arrive first, the accession last, and everything twice.
        List<SpecificRecord> shuffled = new ArrayList<>(inOrder);
        java.util.Collections.reverse(shuffled);
        lab.send(shuffled);
        lab.send(shuffled);

        List<TurnaroundMeasured> measured = lab.measured();
        assertThat(measured).extracting(m -> m.getMeasure() + (m.getAssay() == null ? "" : ":" + m.getAssay()))
                .containsExactlyInAnyOrder("PRE_ANALYTIC", "QC", "TEST:PAN_TRK_IHC", "ANALYTIC:PAN_TRK_IHC",
                        "TEST:RNA_NGS", "ANALYTIC:RNA_NGS", "REFLEX_DELAY:RNA_NGS", "POST_ANALYTIC", "CASE");
        TurnaroundMeasured caseClock = measured.stream().filter(m -> m.getMeasure() == TurnaroundMeasure.CASE)
                .findFirst().orElseThrow();
        // Receipt Monday 2 March 08:00 -> FINAL Friday 13 March 08:00: 9 working days, within the 10 of
        // CAP/IASLC/AMP 2018.
        assertThat(caseClock.getStartedAt()).isEqualTo(RECEIVED);
        assertThat(caseClock.getWorkingDays()).isEqualTo(9.0);
        assertThat(caseClock.getCalendarSeconds()).isEqualTo(Duration.ofDays(11).toSeconds());
        assertThat(caseClock.getWithinTarget()).isTrue();
    }

    @Test
    void replayingTheSameInputGivesIdenticalTurnaroundEvents(TestInfo info) {
        List<SpecificRecord> input = new ArrayList<>(oneCase("NT26-00-000002"));
        input.addAll(oneCase("NT26-00-000003"));
        Lab first = new Lab(info, "first");
        first.send(input);
        Lab replay = new Lab(info, "replay");
        replay.send(input);

        List<TurnaroundEvent> original = first.out.readValuesToList();
        assertThat(original).hasSize(18);
        assertThat(replay.out.readValuesToList()).isEqualTo(original);
    }

    @Test
    void anOpenCaseIsFlaggedOverdueByTheWallClockBeforeItCompletes(TestInfo info) {
        Lab lab = new Lab(info, "a");
        lab.send(List.of(LabEvents.accessioned("NT26-00-000004", "SP-4", LabEvents.ffpeWorkUp().build()),
                LifecycleEvents.ordered("NT26-00-000004", "O-4", AssayType.PAN_TRK_IHC, null, null,
                        RECEIVED.plus(Duration.ofHours(3)))));
        lab.out.readValuesToList();

        // Two weeks later (Monday 16 March): 10 working days have passed, the IHC's 2 long ago.
        lab.driver.advanceWallClockTime(Duration.ofDays(14).plusHours(4));
        List<CaseOverdue> overdue = lab.out.readValuesToList().stream().map(e -> (CaseOverdue) e.getPayload()).toList();
        assertThat(overdue).extracting(CaseOverdue::getMeasure)
                .containsExactlyInAnyOrder(TurnaroundMeasure.CASE, TurnaroundMeasure.TEST);
        assertThat(overdue).filteredOn(o -> o.getMeasure() == TurnaroundMeasure.CASE).singleElement()
                .satisfies(o -> assertThat(o.getElapsedWorkingDays()).isGreaterThan(10.0));
        assertThat(meters.get(TatMetrics.OVERDUE).tag("measure", "CASE").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get(TatMetrics.IN_PROGRESS).tag("stage", "TESTING").gauge().value()).isEqualTo(1.0);

        // Flagged once, not at every check.
        lab.driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(lab.out.isEmpty()).isTrue();
    }

    @Test
    void finishedCasesAreEvictedAfterTheRetentionAndOpenOnesKept(TestInfo info) {
        Lab lab = new Lab(info, "a");
        lab.send(oneCase("NT26-00-000005"));
        lab.send(List.of(LabEvents.accessioned("NT26-00-000006", "SP-6", LabEvents.ffpeWorkUp().build())));
        lab.driver.advanceWallClockTime(Duration.ofMinutes(2));
        assertThat(lab.timelines()).containsExactlyInAnyOrder("NT26-00-000005", "NT26-00-000006");

        lab.driver.advanceWallClockTime(RETENTION.plusMinutes(2));
        assertThat(lab.timelines()).containsExactly("NT26-00-000006");
    }

    @Test
    void catchingUpOnOldInputFlagsNothingOverdueAndFinishesTheCaseWithinTarget(TestInfo info) {
        // The service starts in November on topics holding March's cases.
        Lab lab = new Lab(info, "a", RECEIVED.plus(Duration.ofDays(270)));
        List<SpecificRecord> events = oneCase("NT26-00-000007");
        lab.send(events.subList(0, 4));
        lab.driver.advanceWallClockTime(Duration.ofMinutes(2));
        lab.send(events.subList(4, events.size()));
        lab.driver.advanceWallClockTime(Duration.ofMinutes(2));

        List<TurnaroundEvent> written = lab.out.readValuesToList();
        assertThat(written).noneMatch(e -> e.getPayload() instanceof CaseOverdue);
        assertThat(written).filteredOn(e -> e.getPayload() instanceof TurnaroundMeasured m
                && m.getMeasure() == TurnaroundMeasure.CASE).singleElement()
                .satisfies(e -> assertThat(((TurnaroundMeasured) e.getPayload()).getWithinTarget()).isTrue());
        // Finished in March, processed in November: kept for the retention from now, for late events.
        assertThat(lab.timelines()).containsExactly("NT26-00-000007");
    }

    @Test
    void onTheStreamTimeClockACaseIsOverdueWhenLaterEventsPassItsTarget(TestInfo info) {
        // A simulation whose event times are not today's: "now" is the latest event time seen.
        Lab lab = new Lab(info, "a", RECEIVED.plus(Duration.ofDays(400)), TatSettings.Clock.STREAM_TIME);
        lab.send(List.of(LabEvents.accessioned("NT26-00-000008", "SP-8", LabEvents.ffpeWorkUp().build())));
        lab.driver.advanceWallClockTime(Duration.ofMinutes(2));
        assertThat(lab.out.readValuesToList()).noneMatch(e -> e.getPayload() instanceof CaseOverdue);

        // Another case accessioned two weeks later moves the event-time clock past the first one's target.
        var later = LabEvents.ffpeWorkUp();
        LabEvents.specimen(later, s -> s.setCollectedAt(RECEIVED.plus(Duration.ofDays(9)))
                .setReceivedAt(RECEIVED.plus(Duration.ofDays(14))));
        lab.send(List.of(LabEvents.accessioned("NT26-00-000009", "SP-9", later.build())));
        lab.driver.advanceWallClockTime(Duration.ofMinutes(2));
        assertThat(lab.out.readValuesToList()).filteredOn(e -> e.getPayload() instanceof CaseOverdue)
                .extracting(TurnaroundEvent::getAccessionId).containsExactly("NT26-00-000008");
    }

    /**
     * One case: received Monday 2 March 08:00, accessioned 09:00, QC decided 14:00, IHC ordered Tuesday
     * 08:00, run Tuesday 10:00, IHC positive Wednesday 08:00, reflex RNA-NGS ordered Wednesday 10:00, run
     * Thursday 5 March, fusion detected Tuesday 10 March 08:00, FINAL Friday 13 March 08:00.
     */
    private static List<SpecificRecord> oneCase(String accessionId) {
        Instant monday = RECEIVED;
        return List.of(
                LabEvents.accessioned(accessionId, "SP-" + accessionId, LabEvents.ffpeWorkUp().build()),
                LifecycleEvents.qcDecided(accessionId, AssayType.PAN_TRK_IHC, QcVerdict.PASS, monday.plus(Duration.ofHours(6))),
                LifecycleEvents.ordered(accessionId, "IHC-" + accessionId, AssayType.PAN_TRK_IHC, null, null,
                        monday.plus(Duration.ofDays(1))),
                LifecycleEvents.statusChanged(accessionId, "IHC-" + accessionId, AssayType.PAN_TRK_IHC,
                        AssayState.IN_PROGRESS, monday.plus(Duration.ofDays(1)).plusSeconds(7200)),
                LifecycleEvents.resulted(accessionId, "IHC-" + accessionId, AssayType.PAN_TRK_IHC,
                        AssayInterpretation.POSITIVE, monday.plus(Duration.ofDays(2))),
                LifecycleEvents.ordered(accessionId, "RNA-" + accessionId, AssayType.RNA_NGS, "IHC-" + accessionId,
                        AssayType.PAN_TRK_IHC, monday.plus(Duration.ofDays(2)).plusSeconds(7200)),
                LifecycleEvents.statusChanged(accessionId, "RNA-" + accessionId, AssayType.RNA_NGS,
                        AssayState.IN_PROGRESS, monday.plus(Duration.ofDays(3))),
                LifecycleEvents.resulted(accessionId, "RNA-" + accessionId, AssayType.RNA_NGS,
                        AssayInterpretation.POSITIVE, monday.plus(Duration.ofDays(8))),
                LifecycleEvents.finalReport(accessionId, OverallCall.POSITIVE, monday.plus(Duration.ofDays(11))));
    }

    /** One driver with its own namespace, on the real registry serdes. */
    private final class Lab {
        final TopologyTestDriver driver;
        final TestOutputTopic<String, TurnaroundEvent> out;
        private final TopologyHarness harness;
        private final Topics topics;

        Lab(TestInfo info, String name) {
            this(info, name, RECEIVED);
        }

        Lab(TestInfo info, String name, Instant wallClock) {
            this(info, name, wallClock, TatSettings.Clock.WALL_CLOCK);
        }

        Lab(TestInfo info, String name, Instant wallClock, TatSettings.Clock clock) {
            meters = new SimpleMeterRegistry();
            TatClerk clerk = new TatClerk(new LabCalendar(ZoneOffset.UTC, Set.of()), TurnaroundTargets.defaults(),
                    RETENTION);
            harness = TopologyHarness.start(TestNamespace.create(info.getDisplayName() + "-" + name),
                    (t, serdes) -> TatTopology.topology(t, serdes, clerk, new TatMetrics(meters,
                            TurnaroundTargets.defaults()), new TatSettings(Duration.ofMinutes(1), clock)), wallClock);
            harnesses.add(harness);
            topics = harness.topics();
            driver = harness.driver();
            out = harness.output(topics.turnaround());
        }

        void send(List<? extends SpecificRecord> events) {
            for (SpecificRecord e : events) {
                if (e instanceof AccessionEvent a) {
                    pipe(topics.accessions(), a.getAccessionId(), a, a.getOccurredAt());
                } else if (e instanceof QcDecisionEvent q) {
                    pipe(topics.qcDecisions(), q.getAccessionId(), q, q.getOccurredAt());
                } else if (e instanceof AssayOrderEvent o) {
                    pipe(topics.assayOrders(), o.getAccessionId(), o, o.getOccurredAt());
                } else if (e instanceof AssayStatusEvent s) {
                    pipe(topics.assayStatus(), s.getAccessionId(), s, s.getOccurredAt());
                } else if (e instanceof ReportEvent r) {
                    pipe(topics.reports(), r.getAccessionId(), r, r.getOccurredAt());
                }
            }
        }

        private <V extends SpecificRecord> void pipe(TopicSpec<V> topic, String key, V value, Instant at) {
            harness.input(topic).pipeInput(key, value, at);
        }

        List<TurnaroundMeasured> measured() {
            return out.readValuesToList().stream().filter(e -> e.getPayload() instanceof TurnaroundMeasured)
                    .map(e -> (TurnaroundMeasured) e.getPayload()).toList();
        }

        List<String> timelines() {
            List<String> keys = new ArrayList<>();
            driver.getKeyValueStore(TatTopology.TIMELINES).all().forEachRemaining(kv -> keys.add((String) kv.key));
            return keys;
        }
    }
}
