package org.ntrklab.desk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ntrklab.desk.lab.CaseClock;
import org.ntrklab.desk.lab.WorklistEntry;

/** The worklist puts the case a pathologist should sign first at the top, and says how long each has been open. */
class WorklistRowTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T08:00:00Z");
    private static final Locale DEFAULT_LOCALE = Locale.getDefault();

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(DEFAULT_LOCALE);
    }

    private static WorklistRow row(String accessionId, int draftedHoursAgo, CaseClock clock) {
        return new WorklistRow(new WorklistEntry(accessionId, 1, MONDAY.minusSeconds(3600L * draftedHoursAgo),
                "POSITIVE", "HNMASC", "Secretory carcinoma"), clock);
    }

    private static CaseClock clock(Double elapsed, boolean overdue) {
        return new CaseClock("ROUTINE", MONDAY.minusSeconds(86_400L * 14), null, "AWAITING_SIGN_OUT", elapsed, 10.0,
                overdue);
    }

    private static List<String> sorted(WorklistRow... rows) {
        List<WorklistRow> list = new ArrayList<>(List.of(rows));
        Collections.shuffle(list, new java.util.Random(7));
        list.sort(WorklistRow.MOST_URGENT_FIRST);
        return list.stream().map(r -> r.draft().accessionId()).toList();
    }

    @Test
    void overdueCasesComeFirstEvenWhenAnotherHasBeenOpenLonger() {
        // A STAT case past its short target is more urgent than a routine one still within its long target.
        WorklistRow statOverdue = row("ACC-STAT", 1, new CaseClock("STAT", MONDAY, null, "AWAITING_SIGN_OUT", 2.5, 2.0,
                true));
        WorklistRow routine = row("ACC-ROUTINE", 1, clock(9.5, false));

        assertThat(sorted(routine, statOverdue)).containsExactly("ACC-STAT", "ACC-ROUTINE");
    }

    @Test
    void thenTheMostWorkingDaysOpen() {
        assertThat(sorted(row("ACC-A", 1, clock(3.0, false)), row("ACC-B", 1, clock(9.5, false)),
                row("ACC-C", 1, clock(0.5, false)), row("ACC-D", 1, clock(12.0, true)),
                row("ACC-E", 1, clock(11.0, true))))
                .containsExactly("ACC-D", "ACC-E", "ACC-B", "ACC-A", "ACC-C");
    }

    @Test
    void aCaseWhoseClockIsUnknownIsNotTakenForOnTimeButComesAfterTheCountedOnes() {
        // Even a case counted at no time at all: an unknown clock is not read as zero days.
        WorklistRow counted = row("ACC-COUNTED", 1, clock(0.0, false));
        WorklistRow noClock = row("ACC-NO-CLOCK", 200, null);
        WorklistRow clockWithoutDays = row("ACC-NO-DAYS", 100, clock(null, false));

        assertThat(sorted(noClock, clockWithoutDays, counted))
                .as("unknown clocks after the counted ones, the longest-waiting draft first")
                .containsExactly("ACC-COUNTED", "ACC-NO-CLOCK", "ACC-NO-DAYS");
    }

    @Test
    void withTheSameClockTheOldestDraftFirstThenByAccession() {
        WorklistRow newer = row("ACC-1", 2, clock(4.0, false));
        WorklistRow older = row("ACC-9", 30, clock(4.0, false));
        WorklistRow sameTimeB = row("ACC-B", 10, clock(4.0, false));
        WorklistRow sameTimeA = row("ACC-A", 10, clock(4.0, false));
        WorklistRow undated = new WorklistRow(new WorklistEntry("ACC-0", 1, null, "NEGATIVE", null, null),
                clock(4.0, false));

        assertThat(sorted(newer, undated, sameTimeB, older, sameTimeA))
                .containsExactly("ACC-9", "ACC-A", "ACC-B", "ACC-1", "ACC-0");
    }

    @Test
    void overdueOnlyWhenTheClockSaysSo() {
        assertThat(row("ACC-1", 1, clock(12.0, true)).overdue()).isTrue();
        assertThat(row("ACC-1", 1, clock(12.0, false)).overdue()).isFalse();
        assertThat(row("ACC-1", 1, null).overdue()).as("no clock").isFalse();
    }

    @Test
    void workingDaysReadsElapsedOfTarget() {
        assertThat(row("ACC-1", 1, clock(3.5, false)).workingDays()).isEqualTo("3.5 of 10");
        assertThat(row("ACC-1", 1, clock(3.46, false)).workingDays()).isEqualTo("3.5 of 10");
        assertThat(row("ACC-1", 1, clock(0.0, false)).workingDays()).isEqualTo("0.0 of 10");
        assertThat(row("ACC-1", 1, clock(12.25, true)).workingDays()).isEqualTo("12.3 of 10");
    }

    @Test
    void aFractionalTargetIsShownAsSetNotRounded() {
        // A case at 7.6 days is overdue against a 7.5-day target; "7.6 of 8" would say it was not.
        WorklistRow row = row("ACC-1", 1, new CaseClock("ROUTINE", MONDAY, null, "AWAITING_SIGN_OUT", 7.6, 7.5, true));

        assertThat(row.workingDays()).isEqualTo("7.6 of 7.5");
    }

    @Test
    void workingDaysUseADecimalPointWhateverTheServersLanguage() {
        Locale.setDefault(Locale.GERMANY);

        assertThat(row("ACC-1", 1, clock(3.5, false)).workingDays()).isEqualTo("3.5 of 10");
    }

    @Test
    void workingDaysAreBlankWhenNotKnown() {
        assertThat(row("ACC-1", 1, null).workingDays()).isEmpty();
        assertThat(row("ACC-1", 1, clock(null, false)).workingDays()).isEmpty();
    }

    @Test
    void tumourIsItsTextWithItsOncoTreeCode() {
        assertThat(tumour("HNMASC", "Secretory carcinoma")).isEqualTo("Secretory carcinoma (HNMASC)");
        assertThat(tumour(null, "Infantile fibrosarcoma")).isEqualTo("Infantile fibrosarcoma");
        assertThat(tumour("IFS", null)).isEqualTo("IFS");
        assertThat(tumour(null, null)).isEmpty();
    }

    private static String tumour(String code, String text) {
        return new WorklistRow(new WorklistEntry("ACC-1", 1, MONDAY, "POSITIVE", code, text), null).tumour();
    }

    @Test
    void filtersByCallAndTumourType() {
        WorklistRow positiveSalivary = new WorklistRow(new WorklistEntry("ACC-1", 1, MONDAY, "POSITIVE", "HNMASC",
                "Secretory carcinoma"), null);

        assertThat(positiveSalivary.matches(null, null)).as("no filter").isTrue();
        assertThat(positiveSalivary.matches("", " ")).as("blank filters").isTrue();
        assertThat(positiveSalivary.matches("POSITIVE", null)).isTrue();
        assertThat(positiveSalivary.matches("NEGATIVE", null)).isFalse();
        assertThat(positiveSalivary.matches(null, "HNMASC")).isTrue();
        assertThat(positiveSalivary.matches(null, "IFS")).isFalse();
        assertThat(positiveSalivary.matches("POSITIVE", "HNMASC")).isTrue();
        assertThat(positiveSalivary.matches("POSITIVE", "IFS")).as("both must hold").isFalse();
        assertThat(positiveSalivary.matches("NEGATIVE", "HNMASC")).as("both must hold").isFalse();
    }

    @Test
    void aDraftWithoutCallOrTumourIsListedUnfilteredButNotUnderAFilter() {
        WorklistRow unknown = new WorklistRow(new WorklistEntry("ACC-1", 1, MONDAY, null, null, null), null);

        assertThat(unknown.matches(null, null)).isTrue();
        assertThat(unknown.matches("POSITIVE", null)).isFalse();
        assertThat(unknown.matches(null, "HNMASC")).isFalse();
    }
}
