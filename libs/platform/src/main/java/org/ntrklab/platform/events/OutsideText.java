package org.ntrklab.platform.events;

/**
 * Text that came from outside (a record key, a LIMS field) and is quoted back in a rejection detail or a
 * REST answer: control characters are replaced and the length is bounded, so a malformed or hostile value
 * cannot break logs, events or dashboards.
 */
public final class OutsideText {

    private static final int MAX = 60;

    private OutsideText() {
    }

    public static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return "'" + (clean.length() > MAX ? clean.substring(0, MAX) + "..." : clean) + "'";
    }
}
