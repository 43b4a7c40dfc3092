package org.ntrklab.labstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntrklab.testkit.Browser;
import org.openqa.selenium.By;

/**
 * A new user's first sign-out, as the README tells it: start the packaged lab stack with a demo, open the desk
 * at the address it prints, sign in as the pathologist with the password it prints, and sign out one of the
 * drafts the demo left unsigned. Nothing but the stack's own console is read to know where and how.
 */
class DeskFirstSignOutIT {

    private static final Pattern DESK = Pattern.compile("Sign-out desk: open (\\S+) and sign in as '(\\S+)'");
    private static final Pattern PASSWORD = Pattern.compile("(?m)^ {2}pathologist +(\\S+)$");
    private static final Duration DEMO_TIMEOUT = Duration.ofMinutes(4);

    @Test
    void aNewUserSignsOutADemoDraftWithWhatTheStackPrinted(@TempDir Path tmp) throws Exception {
        Browser.assumeInstalled();
        try (LabStackProcess stack = LabStackProcess.start(tmp.resolve("data"), "--demo=12");
                Browser person = Browser.open()) {
            String console = stack.console();
            Matcher desk = DESK.matcher(console);
            assertThat(desk.find()).as("the stack prints the desk's address:\n%s", console).isTrue();
            Matcher password = PASSWORD.matcher(console);
            assertThat(password.find()).as("the stack prints the pathologist's password:\n%s", console).isTrue();
            assertThat(desk.group(2)).isEqualTo("pathologist");

            // The demo ends by saying that drafts await sign-out at the desk.
            long deadline = System.nanoTime() + DEMO_TIMEOUT.toNanos();
            while (!stack.console().contains("draft(s) await sign-out: open " + desk.group(1))) {
                assertThat(System.nanoTime()).as("the demo finished:\n%s", stack.console()).isLessThan(deadline);
                Thread.sleep(500);
            }

            person.go(desk.group(1));
            person.signIn(desk.group(2), password.group(1));
            String accession = person.text("tr[data-accession] a");
            person.click("a[href$='/desk/cases/" + accession + "']");
            assertThat(person.text("#status-value")).isEqualTo("AWAITING_SIGN_OUT");
            person.find("#confirm-sign-out").click();
            person.find("#sign-out").click();
            person.until(d -> person.text("#status-value").equals("FINAL"));
            assertThat(person.text("li[data-kind=FINAL]")).contains("signed by Duty Pathologist");
            assertThat(person.driver.findElement(By.cssSelector("#pdf-1")).getAttribute("href"))
                    .endsWith("/desk/cases/" + accession + "/versions/1/report.pdf");

            // The signed draft leaves the worklist; the demo's other drafts stay for the next person.
            person.go(desk.group(1));
            person.find("tr[data-accession] a");
            person.until(d -> !person.present("tr[data-accession='" + accession + "']"));
        }
    }
}
