package org.ntrklab.desk.forms;

import java.util.List;

/**
 * One control of the correction form, as a template draws it.
 *
 * @param name the form parameter, e.g. {@code result.call} or {@code result.fusions.0.fivePrimeGene}
 * @param label what the person reads, e.g. "Five prime exon"
 * @param control text, number, decimal, choice, yes-no, choices (several ticks) or lines (one entry a line)
 * @param options the choices of a choice or choices control
 * @param required whether it must be filled in
 * @param value the current value (for a choices control, the ticked ones joined by commas)
 * @param help the schema's note on the field, if any
 * @param group the row of a repeated part, e.g. "Fusion 1", or null
 */
public record ResultField(String name, String label, String control, List<String> options, boolean required,
        String value, String help, String group) {

    public ResultField {
        options = List.copyOf(options);
    }

    /** Whether an option is ticked or chosen now. */
    public boolean has(String option) {
        if (value == null) {
            return false;
        }
        return "choices".equals(control) ? List.of(value.split(",")).contains(option) : value.equals(option);
    }

    /** An id that is safe in HTML for the label's {@code for}. */
    public String id() {
        return name.replace('.', '-');
    }
}
