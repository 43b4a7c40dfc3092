package org.ntrklab.desk.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How the desk writes times and codes for people, in the laboratory's time zone ({@code ntrk.desk.zone}, the
 * machine's by default). Templates call it as {@code @deskFormat}.
 */
@Component("deskFormat")
public class DeskFormat {

    private final DateTimeFormatter time;

    DeskFormat(@Value("${ntrk.desk.zone:#{null}}") String zone) {
        ZoneId id = zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT).withZone(id);
    }

    public String time(Instant instant) {
        return instant == null ? "" : time.format(instant);
    }

    /** A code as words: {@code FUSION_DETECTED} reads "fusion detected"; the code itself is kept in a tooltip. */
    public String words(String code) {
        return code == null ? "" : code.replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}
