package org.ntrklab.platform.limits;

/**
 * What a text field holds, and therefore how long it may be and which characters it may contain. Every
 * string field of every catalogue schema has one kind ({@link FieldLimits}); the limits are documented in
 * docs/field-limits.md.
 */
public enum FieldKind {

    /** An id, code or reference: accession, order, run, event and rule ids, gene and fusion names. */
    IDENTIFIER(64, false),
    /** A short display name: a tumour type's text, an ordering facility, an assay panel or antibody clone. */
    NAME(200, false),
    /** Free text written by a person or an instrument: a correction's explanation, a run failure's detail. */
    TEXT(2000, true),
    /** Text the services write themselves: rationales, limitations, interpretations, rejection details. */
    NARRATIVE(8000, true);

    private final int maxLength;
    private final boolean lineBreaks;

    FieldKind(int maxLength, boolean lineBreaks) {
        this.maxLength = maxLength;
        this.lineBreaks = lineBreaks;
    }

    /** Longest value accepted, in characters (UTF-16 code units, as Java and Avro count them). */
    public int maxLength() {
        return maxLength;
    }

    /** Whether line feeds, carriage returns and tabs are allowed; other control characters never are. */
    public boolean allowsLineBreaks() {
        return lineBreaks;
    }

    /** Whether a value (null counts as not fitting) keeps this kind's limits. */
    public boolean fits(CharSequence value) {
        return value != null && problemWith(value) == null;
    }

    /**
     * Why {@code value} does not fit this kind, or null when it does. The value itself is never quoted:
     * it is the very thing that could not be trusted.
     */
    public String problemWith(CharSequence value) {
        int length = value.length();
        if (length > maxLength) {
            return "is " + length + " characters long; at most " + maxLength + " are accepted";
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            if (!allowed(c)) {
                return "holds a control or formatting character (U+" + String.format("%04X", (int) c)
                        + ") at position " + (i + 1);
            }
        }
        return null;
    }

    private boolean allowed(char c) {
        if (lineBreaks && (c == '\n' || c == '\r' || c == '\t')) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.PRIVATE_USE -> false;
            default -> true;
        };
    }
}
