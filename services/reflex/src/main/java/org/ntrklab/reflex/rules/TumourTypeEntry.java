package org.ntrklab.reflex.rules;

import java.util.regex.Pattern;

/**
 * One OncoTree code of the routing table.
 *
 * @param code OncoTree code, e.g. HNMASC
 * @param name OncoTree name, for people reading the table
 * @param route the route the tumour type takes
 * @param category why it is in that route, e.g. "glioma" or "sarcoma"
 * @param source the published evidence for this entry
 */
public record TumourTypeEntry(String code, String name, TumourRoute route, String category, String source) {

    /** The shape accessioning accepts for an OncoTree code. */
    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,19}");

    public TumourTypeEntry {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("tumour type code '" + code + "' is not an OncoTree code (upper-case"
                    + " letters, digits and _)");
        }
        if (route == null) {
            throw new IllegalArgumentException("tumour type " + code + " has no route; one of "
                    + java.util.Arrays.toString(TumourRoute.values()));
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tumour type " + code + " has no name");
        }
        if (category == null || category.isBlank()) {
            throw new IllegalArgumentException("tumour type " + code + " has no category");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("tumour type " + code + " has no source: every entry must cite"
                    + " the evidence for its route");
        }
    }
}
