package org.ntrklab.desk;

/** The htmx request and response headers the desk uses. */
public final class Htmx {

    /** Present on every request htmx makes for a part of a page. */
    public static final String REQUEST = "HX-Request";
    /** Tells htmx to load another page instead of swapping a part. */
    public static final String REDIRECT = "HX-Redirect";
    /** Tells htmx to reload the whole page (e.g. a report changed status). */
    public static final String REFRESH = "HX-Refresh";

    private Htmx() {
    }
}
