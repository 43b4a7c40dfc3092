package org.ntrklab.identity;

import java.util.List;
import java.util.Optional;

/**
 * Everyone the embedded identity provider knows: the confidential clients (services, scripts, the demo's
 * pathologist) that take tokens with the client-credentials grant, the people who log in with a form, and
 * the public client of the web desk they use. Secrets and passwords are generated, never written here.
 */
public final class LabAccounts {

    /** Signs out reports in the demonstration; a real laboratory's pathologists log in as themselves. */
    public static final String DEMO_PATHOLOGIST = "ntrk-demo-pathologist";
    /** Dashboards and scripts that read the services' views. */
    public static final String LAB_READER = "ntrk-lab-reader";
    /** The operators' tools: the dead-letter command. */
    public static final String OPERATOR = "ntrk-operator";
    /** Prometheus. */
    public static final String MONITORING = "ntrk-monitoring";
    /** The services themselves, for schema registration. */
    public static final String SERVICES = "ntrk-services";
    /** The web desk: a public client (authorization code with PKCE) through which people log in. */
    public static final String DESK = "ntrk-desk";
    /** The pathologist on duty, who logs in at the desk. */
    public static final String PATHOLOGIST_USER = "pathologist";
    /** A member of the lab staff, who logs in at the desk. */
    public static final String LAB_USER = "lab";

    /** A client authenticates with a secret; a user with a password; the desk with neither. */
    public enum Kind { CLIENT, USER, PUBLIC_CLIENT }

    /**
     * @param name client id or user name; the {@code sub} of the tokens issued to it
     * @param roles the {@code roles} claim of its tokens (for the desk: none of its own, its users' roles)
     * @param displayName the {@code name} claim of its tokens
     */
    public record Account(String name, Kind kind, List<String> roles, String displayName) {

        public Account {
            roles = List.copyOf(roles);
        }

        /** Whether the account has a generated secret or password. */
        public boolean hasSecret() {
            return kind != Kind.PUBLIC_CLIENT;
        }
    }

    private static final List<Account> ALL = List.of(
            new Account(DEMO_PATHOLOGIST, Kind.CLIENT, List.of(Roles.PATHOLOGIST), "Demo Pathologist"),
            new Account(LAB_READER, Kind.CLIENT, List.of(Roles.LAB), "Lab Reader"),
            new Account(OPERATOR, Kind.CLIENT, List.of(Roles.OPERATOR), "Operator"),
            new Account(MONITORING, Kind.CLIENT, List.of(Roles.MONITORING), "Monitoring"),
            new Account(SERVICES, Kind.CLIENT, List.of(Roles.SCHEMA_WRITER), "Lab Services"),
            new Account(DESK, Kind.PUBLIC_CLIENT, List.of(), "Lab Desk"),
            new Account(PATHOLOGIST_USER, Kind.USER, List.of(Roles.PATHOLOGIST, Roles.LAB), "Duty Pathologist"),
            new Account(LAB_USER, Kind.USER, List.of(Roles.LAB), "Lab Staff"));

    private LabAccounts() {
    }

    public static List<Account> all() {
        return ALL;
    }

    public static List<Account> ofKind(Kind kind) {
        return ALL.stream().filter(a -> a.kind() == kind).toList();
    }

    public static Optional<Account> find(String name, Kind kind) {
        return ALL.stream().filter(a -> a.kind() == kind && a.name().equals(name)).findFirst();
    }
}
