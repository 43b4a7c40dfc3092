package org.ntrklab.platform.limits;

/**
 * One field outside its limits.
 *
 * @param field the field's path from the event's payload, as rejection events name fields, e.g.
 *     {@code orderId}, {@code specimen.collectedAt}, {@code priorOutsideResults[2].fusion}; envelope
 *     fields by their own name, e.g. {@code eventId}
 * @param problem what is wrong, never quoting the value
 */
public record FieldViolation(String field, String problem) {

    /** The one-line form used in rejection details and dead-letter headers, e.g. "orderId is 900 characters ...". */
    public String detail() {
        return field + " " + problem;
    }
}
