package org.ntrklab.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.ntrklab.events.OverallCall;
import org.opentest4j.AssertionFailedError;

/**
 * Clinical scenarios: NTRK fusion work-ups as a laboratory sees them, each run through the real accessioning,
 * sample-qc, reflex, assay-tracking and reporting services on the real Kafka broker and Apicurio Registry,
 * and checked against what the laboratory expects, with the published source of each expectation.
 *
 * <h2>How it runs</h2>
 * The five services start once, in one namespace ({@link Lab}); reporting signs every draft out at once
 * ({@code ntrk.reporting.auto-sign-out=true}). The harness then plays the hospital LIMS, the bench and the
 * instruments through the public topics only: a {@code SpecimenReceived} per case on lims.specimen-events;
 * at accession, the case's measurements on lab.qc-measurements (tumour content, RNA and DNA extractions with
 * yield, DV200 and FFPE delta-Ct, or a cfDNA extraction for plasma); and for every order assay-tracking
 * releases (READY on ntrk.assay-status), a run started and completed or failed on lab.assay-runs, with the
 * result the case scripts for that assay. All cases run at the same time, each under its own specimen and
 * accession id; each case is then its own dynamic test, which waits until its report is issued and nothing
 * more happens to it, and checks every expectation.
 *
 * <h2>Reading a case</h2>
 * A case ({@link Scenarios}) reads top to bottom:
 * <pre>
 * Scenario.named("Lung adenocarcinoma: pan-TRK IHC positive, RNA-NGS confirms ETV6::NTRK3")
 *         .source("ESMO 2019 (Marchiò et al., Ann Oncol 30:1417): ...")     // where the expectation comes from
 *         .tissue("LUAD")                                                   // input: OncoTree code, FFPE block
 *         .bench(PAN_TRK_IHC, ihc(IhcCall.POSITIVE))                        // what the bench finds, per order
 *         .bench(RNA_NGS, rnaNgs(fusion("ETV6", 5, "NTRK3", 15)))
 *         .orders("PAN_TRK_IHC RX-ROUTE-IHC-SCREEN", "RNA_NGS RX-IHC-POSITIVE") // expected orders, in sequence
 *         .call(OverallCall.POSITIVE).fusion("ETV6::NTRK3", TIER_I_LEVEL_A) // expected report
 *         .concordance("(?i)^concordant")
 *         .build()
 * </pre>
 * Facts default to an adult (64) with a formalin-fixed block collected five days before receipt, no
 * decalcification, standard suspicion and an NTRK work-up; measurements default to material every QC rule
 * passes (40% tumour nuclei, 100 ng RNA with DV200 60%, 200 ng DNA with delta-Ct 1.0; 30 ng cfDNA for plasma).
 * A case changes only what it is about ({@code .tumourNuclei(15)}, {@code .rna(100, 20)},
 * {@code .blockAgeDays(...)}, {@code .plasma(code, tube, days)}, {@code .requested(assays...)}, ...).
 * {@code .bench(assay, steps...)} lists the outcome of the first, second, ... order of that assay (a run
 * failure and then a result for a retest); a FISH step runs the probes the order's {@code targetGenes} ask
 * for that the laboratory stocks. An order the case does not script fails the case ("the bench has no script").
 *
 * <p>Always checked: the specimen and every measurement and run event are accepted; reflex's advice is
 * exactly what the case lists (none unless stated); every order, advice and settled announcement names the
 * reflex table {@value Scenario#REFLEX_TABLE}; one report is issued, FINAL version 1 (or, for a corrected
 * case, FINAL then the revision, version 1 unchanged); the overall call; exactly the fusions listed, with
 * their AMP/ASCO/CAP tiers; and exactly the QC limitations listed (none unless stated). Cases tagged
 * {@code [2026.2 rule n]} exercise the 2026.2 report rules and also expect the report to name
 * {@value Scenario#REPORT_RULES}; {@code reflex rule n} tags only label reflex behaviour of that table.
 * Phrases are regular expressions; they state what a pathologist must (or must not) read, never text
 * copied from the service's own output.
 *
 * <h2>When a case fails</h2>
 * The failure names every expectation that did not hold and what the services said instead, followed by
 * the case's history as the harness saw it on the topics (accession, QC decisions, orders with their rule
 * and rationale, assay states, bench runs, reflex's settled announcements, reports) and the latest report.
 *
 * <p>{@code -Dntrk.scenarios.print=true} prints every case's history and report, passing or not.
 *
 * <h2>Adding a case</h2>
 * Add a {@code Scenario.named(...)...build()} to the matching group of {@link Scenarios}: state its source
 * (a publication, a line of qc-rules-default.yml, or "[D]" for a design decision of this project), the
 * facts it changes, the bench script for every order you expect, and what a laboratory would check. The
 * whole module should stay within a few minutes: cases run concurrently, so a case adds seconds, not minutes.
 */
class ClinicalScenariosTest {

    /** Every case must have come to rest within this time after the receipts were sent. */
    private static final Duration CASE_BUDGET = Duration.ofSeconds(150);
    /** A case is at rest when nothing has happened to it for this long after its report. */
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration CANCELLED_QUIET = Duration.ofSeconds(4);
    private static final Duration CORRECTION_BUDGET = Duration.ofSeconds(45);

    private static final List<Scenario> CASES = Scenarios.all();
    private static Lab lab;
    private static long deadline;

    @BeforeAll
    static void startTheLaboratory() {
        lab = Lab.start();
        lab.receive(CASES);
        deadline = System.nanoTime() + CASE_BUDGET.toNanos();
    }

    @AfterAll
    static void closeTheLaboratory() {
        if (lab != null) {
            lab.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> clinicalScenarios() {
        return CASES.stream().map(s -> DynamicTest.dynamicTest(s.displayName(), () -> verify(s)));
    }

    private static void verify(Scenario s) throws Exception {
        CaseRecord r = lab.await(s, deadline, s.expectsReport() ? QUIET : CANCELLED_QUIET);
        if (s.correction != null && r.latest() != null && r.problems.isEmpty() && !r.timedOut) {
            lab.correct(r, System.nanoTime() + CORRECTION_BUDGET.toNanos());
        }
        if (Boolean.getBoolean("ntrk.scenarios.print")) {
            System.out.println("=== " + s.displayName() + "\n" + r.dump());
        }
        List<String> failed = new ArrayList<>();
        for (Scenario.Expectation e : s.expectations) {
            String problem;
            try {
                synchronized (r) {
                    problem = e.check().problem(r, lab);
                }
            } catch (Exception | AssertionError x) {
                problem = "could not be checked: " + x;
            }
            if (problem != null) {
                failed.add(e.what() + "\n      -> " + problem);
            }
        }
        if (!failed.isEmpty()) {
            throw new AssertionFailedError(s.name + "\n  source: " + s.source + "\n  " + failed.size() + " of "
                    + s.expectations.size() + " expectations failed:\n"
                    + failed.stream().map(f -> "    - " + f).collect(Collectors.joining("\n")) + "\n" + r.dump());
        }
    }

    /** The catalogue itself: enough cases, unique names, every overall call and every reachable QC rule. */
    @Test
    void theCatalogueCoversEveryOverallCallAndEveryQcRuleTheDefaultTableCanReach() throws Exception {
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(40);
        assertThat(CASES.stream().map(s -> s.name).distinct()).hasSameSizeAs(CASES);
        Set<OverallCall> calls = CASES.stream().map(s -> s.expectedCall).filter(Objects::nonNull)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(OverallCall.class)));
        assertThat(calls).containsExactlyInAnyOrder(OverallCall.values());
        Set<String> reached = CASES.stream().flatMap(s -> s.qcRulesReached.stream())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(reached).as("QC findings the cases state").containsAll(defaultQcFindings());
    }

    /** Every "RULE-ID VERDICT" the default QC table can give: FAIL, and PASS_WITH_CAVEAT where it has a band. */
    private static Set<String> defaultQcFindings() throws Exception {
        Set<String> findings = new TreeSet<>();
        try (InputStream in = ClinicalScenariosTest.class.getClassLoader().getResourceAsStream("qc-rules-default.yml");
                BufferedReader reader = new BufferedReader(new InputStreamReader(
                        Objects.requireNonNull(in, "qc-rules-default.yml on the class path"), StandardCharsets.UTF_8))) {
            String rule = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String t = line.trim();
                if (t.startsWith("- id:")) {
                    rule = t.substring("- id:".length()).trim();
                } else if (rule != null && t.matches("fail-(below|above|on):.*")) {
                    findings.add(rule + " FAIL");
                } else if (rule != null && t.matches("caveat-(below|above|on):.*")) {
                    findings.add(rule + " PASS_WITH_CAVEAT");
                }
            }
        }
        assertThat(findings).as("rules read from qc-rules-default.yml").hasSizeGreaterThan(15);
        return findings;
    }
}
