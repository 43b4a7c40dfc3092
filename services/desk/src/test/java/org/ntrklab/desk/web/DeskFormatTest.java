package org.ntrklab.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Times are written in the laboratory's time zone, and codes as words. */
class DeskFormatTest {

    private static final Locale DEFAULT_LOCALE = Locale.getDefault();

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(DEFAULT_LOCALE);
    }

    @Test
    void timesAreInTheLabsZoneWithItsAbbreviationSummerAndWinter() {
        DeskFormat berlin = new DeskFormat("Europe/Berlin");

        assertThat(berlin.time(Instant.parse("2026-01-15T09:30:00Z"))).isEqualTo("2026-01-15 10:30 CET");
        assertThat(berlin.time(Instant.parse("2026-07-01T09:30:00Z"))).isEqualTo("2026-07-01 11:30 CEST");
    }

    @Test
    void aTimeNearMidnightFallsOnTheLabsDate() {
        assertThat(new DeskFormat("Australia/Sydney").time(Instant.parse("2026-03-02T20:15:00Z")))
                .isEqualTo("2026-03-03 07:15 AEDT");
        assertThat(new DeskFormat("UTC").time(Instant.parse("2026-03-02T20:15:00Z")))
                .isEqualTo("2026-03-02 20:15 UTC");
    }

    @Test
    void withNoZoneSetTheMachinesZoneIsUsed() {
        Instant t = Instant.parse("2026-03-02T20:15:00Z");

        assertThat(new DeskFormat(null).time(t)).isEqualTo(new DeskFormat(ZoneId.systemDefault().getId()).time(t));
        assertThat(new DeskFormat("  ").time(t)).isEqualTo(new DeskFormat(ZoneId.systemDefault().getId()).time(t));
    }

    @Test
    void aMisspeltZoneStopsTheDeskRatherThanShowingWrongTimes() {
        assertThatThrownBy(() -> new DeskFormat("Europe/Berln")).isInstanceOf(DateTimeException.class);
    }

    @Test
    void noTimeIsBlank() {
        assertThat(new DeskFormat("UTC").time(null)).isEmpty();
    }

    @Test
    void codesReadAsWords() {
        DeskFormat format = new DeskFormat("UTC");

        assertThat(format.words("FUSION_DETECTED")).isEqualTo("fusion detected");
        assertThat(format.words("FUSION_OF_UNCERTAIN_SIGNIFICANCE")).isEqualTo("fusion of uncertain significance");
        assertThat(format.words("NEGATIVE")).isEqualTo("negative");
        assertThat(format.words(null)).isEmpty();
    }

    @Test
    void codesReadTheSameWhateverTheServersLanguage() {
        // In Turkish, a lower-case I is a dotless ı.
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));

        assertThat(new DeskFormat("UTC").words("INCONCLUSIVE")).isEqualTo("inconclusive");
    }
}
