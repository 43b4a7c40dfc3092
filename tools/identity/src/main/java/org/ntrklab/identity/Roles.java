package org.ntrklab.identity;

/**
 * The lab's roles, as the services check them. Access tokens carry them by name in their {@code roles}
 * claim; the services grant the authority {@code ROLE_<role>} for each.
 */
public final class Roles {

    /** Signs out reports and corrects results; the only role that sees the patient reference. */
    public static final String PATHOLOGIST = "pathologist";
    /** Reads the services' views: accessions, QC, assays, reflex, reports, turnaround. */
    public static final String LAB = "lab";
    /** Runs the lab's IT: dead-letter commands and the actuator endpoints other than health and metrics. */
    public static final String OPERATOR = "operator";
    /** Scrapes the Prometheus metrics. */
    public static final String MONITORING = "monitoring";
    /** Registers event schemas in the registry. */
    public static final String SCHEMA_WRITER = "schema-writer";

    private Roles() {
    }
}
