package org.ntrklab.schemas.evolution;

/**
 * One way a schema change breaks the evolution rules.
 *
 * @param schema full name of the envelope schema being checked
 * @param location path inside the schema, e.g. {@code payload/SpecimenReceived/orderId}
 * @param message what was changed and why it is not allowed
 */
public record EvolutionViolation(String schema, String location, String message) {

    @Override
    public String toString() {
        return schema + " at " + location + ": " + message;
    }
}
