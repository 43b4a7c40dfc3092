package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.ntrklab.desk.DeskApplication;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayType;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.reporting.ReportingApplication;
import org.ntrklab.tatmetrics.TatMetricsApplication;
import org.ntrklab.testkit.Browser;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.LifecycleEvents;
import org.ntrklab.testkit.RunningService;
import org.ntrklab.testkit.SharedIdentity;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sign-out desk in a real browser (headless Chromium), against the real reporting and tat-metrics
 * services, broker, registry and authorization server: a pathologist signs in with the authorization-code
 * flow, finds a draft in the worklist (which shows a new draft without being reloaded), signs it out, sees it
 * FINAL and its PDF, corrects a result and sees the CORRECTED version with its reason and what changed; a
 * member of the lab staff finds no sign-out action and is refused when forcing one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignOutDeskBrowserTest {

    private static final int PARTITIONS = 2;
    private static final String FIRST = "NT26-DK-000001";
    private static final String SECOND = "NT26-DK-000002";
    private static final Instant AT = LabEvents.RECEIVED_AT.plus(Duration.ofDays(2));

    private static Topics topics;
    private static TopicIo io;
    private static RunningService reporting;
    private static RunningService tat;
    private static ConfigurableApplicationContext desk;
    private static String deskUrl;
    private static Browser pathologist;

    @BeforeAll
    static void start(TestInfo info) throws Exception {
        Browser.assumeInstalled();
        SharedInfrastructure.get();
        TestNamespace ns = TestNamespace.of(info);
        topics = new Topics(ns.topicPrefix(), PARTITIONS, (short) 1);
        io = TopicIo.onSharedInfrastructure();
        reporting = RunningService.start(ReportingApplication.class, "reporting", ns, PARTITIONS, Map.of());
        tat = RunningService.start(TatMetricsApplication.class, "tat-metrics", ns, PARTITIONS, Map.of());
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", "0");
        p.put("spring.security.oauth2.client.provider.ntrk.issuer-uri", SharedIdentity.get().issuerUri());
        p.put("ntrk.desk.reporting-url", reporting.baseUrl());
        p.put("ntrk.desk.tat-metrics-url", tat.baseUrl());
        p.put("ntrk.desk.worklist-refresh", "2s");
        p.put("spring.main.banner-mode", "off");
        List<String> args = new ArrayList<>();
        p.forEach((k, v) -> args.add("--" + k + "=" + v));
        desk = DeskApplication.builder().registerShutdownHook(false).run(args.toArray(String[]::new));
        // The identity provider lets a desk on a loopback address return to any port; a name must match exactly.
        deskUrl = "http://127.0.0.1:" + desk.getEnvironment().getProperty("local.server.port") + "/desk/";
        draftNegativeRnaNgs(FIRST);
        reporting.getWhen("/reports/" + FIRST, r -> r.body().contains("AWAITING_SIGN_OUT"));
        pathologist = Browser.open();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {pathologist, desk, tat, reporting}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("closing failed: " + e);
                }
            }
        }
    }

    @Test
    @Order(1)
    void aPathologistSignsInSeesTheWorklistUpdateItselfAndSignsOutADraft() throws Exception {
        pathologist.go(deskUrl);
        pathologist.signIn(LabAccounts.PATHOLOGIST_USER, SharedIdentity.get().secret(LabAccounts.PATHOLOGIST_USER));
        assertThat(pathologist.text("#person")).isEqualTo("Duty Pathologist");
        assertThat(pathologist.text("#person-role")).isEqualTo("pathologist");
        assertThat(pathologist.text("tr[data-accession='" + FIRST + "']")).contains("v1").contains("negative");

        // A draft that arrives while the worklist is open appears without a reload.
        pathologist.driver.findElement(By.tagName("h1")).getAttribute("id"); // the page as loaded
        Object marker = ((org.openqa.selenium.JavascriptExecutor) pathologist.driver)
                .executeScript("window.deskMarker = 'same page'; return window.deskMarker;");
        assertThat(marker).isEqualTo("same page");
        draftNegativeRnaNgs(SECOND);
        pathologist.find("tr[data-accession='" + SECOND + "']");
        assertThat(((org.openqa.selenium.JavascriptExecutor) pathologist.driver)
                .executeScript("return window.deskMarker;")).as("not reloaded").isEqualTo("same page");

        // The filter by call narrows the list.
        new Select(pathologist.find("#call")).selectByValue("POSITIVE");
        pathologist.driver.findElement(By.cssSelector(".filters button")).click();
        pathologist.until(d -> pathologist.text("#rows").contains("No draft matches the filter."));
        pathologist.go(deskUrl);

        // The case page shows the draft as the clinician will read it; signing needs the confirmation.
        pathologist.click("a[href$='/desk/cases/" + FIRST + "']");
        assertThat(pathologist.text("#status-value")).isEqualTo("AWAITING_SIGN_OUT");
        assertThat(pathologist.text("#overall-call")).isEqualTo("NEGATIVE");
        assertThat(pathologist.text("#interpretation")).isNotBlank();
        assertThat(pathologist.find("label[for=confirm-sign-out]").getText())
                .contains("I have reviewed this report, version 1").contains("Duty Pathologist");
        pathologist.find("#confirm-sign-out").click();
        pathologist.find("#sign-out").click();
        assertThat(pathologist.text("#notice")).contains("Sign-out of version 1 requested under your name");
        // The page follows the command until reporting has issued the report.
        pathologist.until(d -> pathologist.text("#status-value").equals("FINAL"));
        assertThat(pathologist.text("li[data-kind=FINAL]")).contains("Version 1 FINAL")
                .contains("signed by Duty Pathologist (pathologist)");

        // The print view and the PDF of the issued version.
        pathologist.find("#print-1").click();
        assertThat(pathologist.text("#print-accession")).isEqualTo(FIRST);
        assertThat(pathologist.text("body")).contains("Result summary").contains("Overall result: NEGATIVE")
                .contains("Electronically signed by Duty Pathologist (pathologist)").contains("Version history");
        Map<String, Object> pdf = pathologist.fetch("GET", "/desk/cases/" + FIRST + "/versions/1/report.pdf", null);
        assertThat(pdf.get("status")).isEqualTo(200L);
        assertThat((String) pdf.get("type")).startsWith("application/pdf");
        try (PDDocument document = Loader.loadPDF(Browser.body(pdf))) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Molecular pathology report").contains(FIRST).contains("1 FINAL")
                    .contains("NEGATIVE").contains("Electronically signed by Duty Pathologist");
        }
    }

    @Test
    @Order(2)
    void aPathologistCorrectsAResultThroughTheFormAndSeesTheCorrectedVersionWithItsReason() {
        pathologist.go(deskUrl + "cases/" + FIRST);
        String order = FIRST + "-RNA1";
        pathologist.find("details.correction-form summary").click();
        // A result that cannot be read is refused with what to fix, and nothing is sent.
        new Select(pathologist.find("#kind-0")).selectByValue("CORRECTION");
        new Select(pathologist.find("#reason-0")).selectByValue("ANALYSIS_ERROR");
        pathologist.find("#explanation-0").sendKeys("fusion filtered out by a misconfigured panel blacklist");
        new Select(pathologist.find("#result-call-0")).selectByValue("FUSION_DETECTED");
        pathologist.find("#result-fusions-0-fivePrimeGene-0").sendKeys("ETV6");
        pathologist.find("#result-fusions-0-threePrimeGene-0").sendKeys("NTRK3");
        pathologist.find("#result-fusions-0-fivePrimeExon-0").sendKeys("five");
        pathologist.find("#result-fusions-0-threePrimeExon-0").sendKeys("15");
        new Select(pathologist.find("#result-fusions-0-inFrame-0")).selectByValue("yes");
        new Select(pathologist.find("#result-fusions-0-kinaseDomainRetained-0")).selectByValue("yes");
        pathologist.find("#confirm-correction-0").click();
        pathologist.find("#send-correction-" + order).click();
        assertThat(pathologist.text("#problem")).contains("The correction was not sent");
        assertThat(pathologist.text("details.correction-form .problem"))
                .contains("Fusion call 1: Five prime exon must be a whole number");
        assertThat(pathologist.text("#status-value")).isEqualTo("FINAL");

        // The form came back as filled in: only the mistake to fix.
        assertThat(pathologist.find("#result-fusions-0-fivePrimeGene-0").getAttribute("value")).isEqualTo("ETV6");
        pathologist.find("#result-fusions-0-fivePrimeExon-0").clear();
        pathologist.find("#result-fusions-0-fivePrimeExon-0").sendKeys("5");
        pathologist.find("#confirm-correction-0").click();
        pathologist.find("#send-correction-" + order).click();
        assertThat(pathologist.text("#notice")).contains("The next version is requested under your name");
        pathologist.until(d -> pathologist.text("#status-value").equals("CORRECTED"));

        String version2 = pathologist.text("li[data-kind=CORRECTED]");
        assertThat(version2).contains("Version 2 CORRECTED").contains("replaces version 1")
                .contains("Reason: analysis error — fusion filtered out by a misconfigured panel blacklist")
                .contains("Overall call: NEGATIVE → POSITIVE").contains("ETV6 exon 5 :: NTRK3 exon 15");
        assertThat(pathologist.text("#overall-call")).isEqualTo("POSITIVE");
        assertThat(pathologist.text("tr[data-order='" + order + "']")).contains("Corrected by pathologist")
                .contains("analysis error");
        assertThat(pathologist.present("#print-1")).as("version 1 stays printable as issued").isTrue();
        // ...but never passes for the report in force.
        pathologist.find("#print-1").click();
        assertThat(pathologist.text("#superseded")).contains("replaced by version 2 (CORRECTED")
                .contains("Not for clinical use");
    }

    @Test
    @Order(3)
    void aMemberOfTheLabStaffFindsNoSignOutActionAndIsRefusedWhenForcingOne() {
        try (Browser lab = Browser.open()) {
            lab.go(deskUrl + "cases/" + SECOND);
            lab.signIn(LabAccounts.LAB_USER, SharedIdentity.get().secret(LabAccounts.LAB_USER));
            assertThat(lab.text("#person-role")).isEqualTo("read only");
            assertThat(lab.text("#status-value")).isEqualTo("AWAITING_SIGN_OUT");
            assertThat(lab.text("#read-only")).contains("signing out is for pathologists");
            assertThat(lab.present("#sign-out")).isFalse();
            assertThat(lab.present("details.correction-form")).isFalse();

            Map<String, Object> forced = lab.fetch("POST", "/desk/cases/" + SECOND + "/sign-out",
                    "version=1&confirmed=yes");
            assertThat(forced.get("status")).isEqualTo(403L);
            assertThat(reporting.get("/reports/" + SECOND).body()).as("nothing was signed")
                    .contains("AWAITING_SIGN_OUT");

            // Signing out of the desk ends the identity provider's session too: the next person must sign in.
            lab.find("#leave-desk").click();
            lab.until(d -> !d.getCurrentUrl().startsWith(deskUrl));
            lab.go(deskUrl);
            assertThat(lab.find("input[name=username]").isDisplayed()).isTrue();
        }
    }

    /** Upstream facts of a case whose RNA-NGS found no fusion, up to reflex settling it: reporting drafts v1. */
    private static void draftNegativeRnaNgs(String acc) {
        String order = acc + "-RNA1";
        io.send(topics.accessions(), List.of(Map.entry(acc, LabEvents.accessioned(acc, "SP-" + acc,
                LabEvents.ffpeWorkUp().build()))));
        io.send(topics.assayOrders(), List.of(Map.entry(acc,
                LifecycleEvents.ordered(acc, order, AssayType.RNA_NGS, null, null, AT))));
        io.send(topics.assayStatus(), List.of(Map.entry(acc, LifecycleEvents.resulted(acc, order,
                AssayType.RNA_NGS, AssayInterpretation.NEGATIVE, AT.plus(Duration.ofDays(4))))));
        io.send(topics.assayOrders(), List.of(Map.entry(acc, LifecycleEvents.settled(acc, order,
                AssayType.RNA_NGS, AssayInterpretation.NEGATIVE, AT.plus(Duration.ofDays(4))))));
    }
}
