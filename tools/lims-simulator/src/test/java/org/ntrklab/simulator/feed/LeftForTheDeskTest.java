package org.ntrklab.simulator.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.ReportContent;
import org.ntrklab.events.ReportDrafted;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.simulator.feed.CaseOutcome.Stage;
import org.ntrklab.simulator.lab.Bench;
import org.ntrklab.simulator.lab.CaseGenerator;
import org.ntrklab.simulator.lab.GroundTruthCheck;
import org.ntrklab.simulator.lab.IntakeExpectation;
import org.ntrklab.simulator.lab.ReferralMix;
import org.ntrklab.simulator.lab.SimulatedCase;

/**
 * A demo that leaves drafts for a person at the sign-out desk: the pathologist leaves the first drafts to
 * arrive unsigned, signs the rest through reporting's REST API (here a stand-in that accepts every sign-out),
 * and the run still ends, clean, with the left cases named in the summary.
 */
class LeftForTheDeskTest {

    private static final long SEED = 20261126;
    private static final int CASES = 5;
    private static final int LEFT = 2;
    private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");

    private final BlockingQueue<String> signOuts = new LinkedBlockingQueue<>();
    private HttpServer reporting;
    private Outbox outbox;

    @BeforeEach
    void startReporting() throws IOException {
        // Reporting and the identity provider as the pathologist's client sees them: a token, then 202 for
        // every sign-out, which is recorded so the test can answer with the FINAL report reporting would issue.
        reporting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        reporting.createContext("/oauth2/token", exchange -> answer(exchange, 200,
                "{\"access_token\":\"test-token\",\"token_type\":\"Bearer\",\"expires_in\":300}"));
        reporting.createContext("/reports/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            signOuts.add(path.substring("/reports/".length(), path.length() - "/sign-out".length()) + " "
                    + body.replaceAll("\\D", ""));
            answer(exchange, 202, "");
        });
        reporting.start();
    }

    @AfterEach
    void stop() {
        if (outbox != null) {
            outbox.close();
        }
        reporting.stop(0);
    }

    @Test
    @DisplayName("The first N drafts to arrive are left unsigned, the rest are reported FINAL, the run is clean")
    void theFirstDraftsWaitForAPerson() throws InterruptedException {
        URI base = URI.create("http://127.0.0.1:" + reporting.getAddress().getPort());
        SimulationSettings settings = settings().withPathologist(new PathologistSignIn(base,
                base.resolve("/oauth2/token"), "ntrk-demo-pathologist", "test-secret")).withLeftForTheDesk(LEFT);
        LabClock clock = new LabClock(settings.firstDay(), settings.pace());
        clock.startNow();
        RunCounters counters = new RunCounters();
        outbox = new Outbox(new MockProducer<>(), clock, counters);
        CaseBook book = new CaseBook();
        Pathologist pathologist = new Pathologist(new Bench(), book, outbox, counters, settings.pathologist(),
                settings.leftForTheDesk());

        List<SimulatedCase> cases = reportableCases();
        List<String> accessions = new ArrayList<>();
        for (SimulatedCase c : cases) {
            String accessionId = String.format("NT26-00-%06d", c.number() + 1);
            CaseProgress progress = new CaseProgress(c);
            book.add(progress);
            progress.receiptSent(System.nanoTime());
            progress.accessioned(accessionId);
            book.accessioned(accessionId, progress);
            accessions.add(accessionId);
        }

        // Drafts arrive in another order than the receipts; the desk takes the first two to arrive.
        List<Integer> arrival = List.of(3, 0, 4, 1, 2);
        for (int i : arrival) {
            pathologist.onReport(accessions.get(i), drafted(cases.get(i), accessions.get(i), 1));
        }
        // A draft read again is no new case, and a later version of a left case stays the person's to sign.
        pathologist.onReport(accessions.get(3), drafted(cases.get(3), accessions.get(3), 1));
        pathologist.onReport(accessions.get(0), drafted(cases.get(0), accessions.get(0), 2));

        List<String> signed = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (signed.size() < CASES - LEFT && System.nanoTime() < deadline) {
            String signOut = signOuts.poll(200, TimeUnit.MILLISECONDS);
            if (signOut != null) {
                signed.add(signOut);
                String accessionId = signOut.substring(0, signOut.indexOf(' '));
                int i = accessions.indexOf(accessionId);
                // what reporting issues once the sign-out is carried out
                pathologist.onReport(accessionId, issued(cases.get(i), accessionId, 1));
            }
        }
        // Nothing more is signed: neither the left cases nor the second version of one.
        assertThat(signOuts.poll(1, TimeUnit.SECONDS)).isNull();
        assertThat(signed).containsExactlyInAnyOrder(accessions.get(4) + " 1", accessions.get(1) + " 1",
                accessions.get(2) + " 1");

        SimulationSummary summary = SimulationSummary.of(settings, book.outcomes(), pathologist.leftForTheDesk(),
                counters, Duration.ofSeconds(1), book.allFinished());
        assertThat(summary.leftForTheDesk()).containsExactly(accessions.get(3), accessions.get(0));
        assertThat(summary.count(Stage.LEFT_FOR_THE_DESK)).isEqualTo(LEFT);
        assertThat(summary.count(Stage.REPORTED)).isEqualTo(CASES - LEFT);
        assertThat(summary.cases()).filteredOn(c -> c.stage() == Stage.LEFT_FOR_THE_DESK)
                .extracting(CaseOutcome::accessionId)
                .containsExactlyInAnyOrder(accessions.get(3), accessions.get(0));
        assertThat(summary.cases()).filteredOn(c -> c.stage() == Stage.LEFT_FOR_THE_DESK)
                .allSatisfy(c -> {
                    assertThat(c.finished()).isTrue();
                    assertThat(c.finals()).isZero();
                    assertThat(c.verdict()).as("no report, nothing to check").isNull();
                });
        assertThat(summary.cases()).filteredOn(c -> c.stage() == Stage.REPORTED)
                .allSatisfy(c -> assertThat(c.finals()).isOne());
        assertThat(summary.complete()).as("a left case ends at its draft").isTrue();
        assertThat(summary.verdicts(GroundTruthCheck.Kind.MATCH)).isEqualTo(CASES - LEFT);
        assertThat(summary.verdicts(GroundTruthCheck.Kind.MISMATCH)).isZero();
        assertThat(summary.clean()).isTrue();

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        summary.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("  desk:     2 draft(s) left unsigned for a person to sign out: "
                + accessions.get(3) + ", " + accessions.get(0) + System.lineSeparator());
        assertThat(text).contains("3 match, 0 missed within published method limits, 0 WRONG")
                .doesNotContain("UNFINISHED").doesNotContain("problems:");
    }

    @Test
    @DisplayName("The count is checked against the run's cases and kept by every with...; none left, no desk line")
    void theCountIsCheckedAndKept() {
        assertThat(settings().leftForTheDesk()).isZero();
        SimulationSettings leaving = settings().withLeftForTheDesk(CASES);
        assertThat(leaving.withKafkaClient(Map.of("security.protocol", "PLAINTEXT")).withPathologist(null)
                .leftForTheDesk()).as("kept by the other with... methods").isEqualTo(CASES);
        assertThatThrownBy(() -> settings().withLeftForTheDesk(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the drafts left unsigned for the desk must be between 0 and the 5 cases of the run, got -1");
        assertThatThrownBy(() -> settings().withLeftForTheDesk(CASES + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 6");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SimulationSummary.of(settings(), List.of(), List.of(), new RunCounters(), Duration.ZERO, true)
                .print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("desk:");
    }

    private static SimulationSettings settings() {
        // Nothing here reaches Kafka or the registry; the load pace answers every step at once.
        return new SimulationSettings("localhost:9092", "http://localhost:8081/apis/registry/v3",
                new Topics("", 1, Topics.BROKER_DEFAULT_REPLICATION), CASES, SEED, MONDAY,
                SimulationSettings.Pace.load(100), Duration.ofMinutes(1));
    }

    /** Cases that end in a report: accepted at intake, not withdrawn, and (for a simple true call) no fusion. */
    private static List<SimulatedCase> reportableCases() {
        CaseGenerator generator = new CaseGenerator(SEED, ReferralMix.standard());
        List<SimulatedCase> out = new ArrayList<>();
        for (int n = 0; out.size() < CASES; n++) {
            SimulatedCase c = generator.generate(n, MONDAY.plus(Duration.ofHours(8 + n)));
            if (c.intake() == IntakeExpectation.ACCEPTED && !c.cancelledAfterAccession() && !c.fusionPresent()) {
                out.add(c);
            }
        }
        return out;
    }

    private static ReportEvent drafted(SimulatedCase c, String accessionId, int version) {
        return report(accessionId, ReportDrafted.newBuilder().setVersion(version).setContent(content(c)).build());
    }

    private static ReportEvent issued(SimulatedCase c, String accessionId, int version) {
        return report(accessionId, ReportIssued.newBuilder().setVersion(version).setStatus(ReportStatus.FINAL)
                .setContent(content(c)).setSignedOutBy("ntrk-demo-pathologist").build());
    }

    private static ReportContent content(SimulatedCase c) {
        return ReportContent.newBuilder().setOrderId(c.receipt().getOrderId()).setSpecimenId(c.specimenId())
                .setPatientRef(c.receipt().getPatientRef()).setTumourType(c.tumour().tumourType())
                .setOverallCall(OverallCall.NEGATIVE).setInterpretation("No NTRK fusion detected.").build();
    }

    private static ReportEvent report(String accessionId, Object payload) {
        return ReportEvent.newBuilder().setEventId(LabMessages.newId()).setOccurredAt(MONDAY.plus(Duration.ofDays(3)))
                .setAccessionId(accessionId).setSource("reporting").setPayload(payload).build();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
