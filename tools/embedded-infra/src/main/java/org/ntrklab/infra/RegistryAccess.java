package org.ntrklab.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who may do what at the schema registry, as Apicurio Registry settings: writes (registering a schema,
 * setting a subject's rule or configuration) need an OAuth2 access token of the lab's identity provider whose
 * {@code roles} claim holds {@link #WRITER_ROLE}; global rules and configuration need {@link #ADMIN_ROLE},
 * which no generated client has; reads stay open, because every producer and consumer (the LIMS in any
 * language included) looks schemas up by id and the schemas hold no patient data. Deletion is refused
 * separately, for everyone.
 *
 * <p>The same settings as environment variables configure the registry's container image (Compose, k8s).
 */
public final class RegistryAccess {

    /** The role a client needs to register schemas and set subject rules. */
    public static final String WRITER_ROLE = "schema-writer";
    /** The role for global rules and configuration: kept for a lab's own administrators. */
    public static final String ADMIN_ROLE = "schema-admin";
    /** The registry's own APIs (v3, and v2 kept for older clients), as HTTP permission paths. */
    private static final String REGISTRY_APIS = "/apis/registry/v3/*,/apis/registry/v2/*";
    /** The token claim that holds the roles. */
    public static final String ROLES_CLAIM = "roles";

    private RegistryAccess() {
    }

    /**
     * Quarkus and Apicurio properties refusing every deletion: a schema id that disappears makes every record
     * written with it unreadable. Apicurio's switches cover its own API; the HTTP permission refuses DELETE on
     * every path, the Confluent-compatible API's "permanent" subject deletion included. (Every other request
     * is permitted explicitly at the HTTP level, where Apicurio's own sign-in and role checks then apply; a
     * permission naming methods takes precedence over one that does not.)
     */
    public static Map<String, String> noDeletion() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("apicurio.rest.deletion.group.enabled", "false");
        p.put("apicurio.rest.deletion.artifact.enabled", "false");
        p.put("apicurio.rest.deletion.artifact-version.enabled", "false");
        p.put("quarkus.http.auth.permission.open.paths", "/*");
        p.put("quarkus.http.auth.permission.open.policy", "permit");
        p.put("quarkus.http.auth.permission.no-delete.paths", "/*");
        p.put("quarkus.http.auth.permission.no-delete.methods", "DELETE");
        p.put("quarkus.http.auth.permission.no-delete.policy", "deny");
        return p;
    }

    /** The environment variable of the registry's container image that sets {@code property}. */
    public static String environmentVariable(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Quarkus and Apicurio properties making the registry trust {@code issuerUri}'s tokens for writes. */
    public static Map<String, String> properties(String issuerUri) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.oidc.tenant-enabled", "true");
        p.put("quarkus.oidc.auth-server-url", issuerUri);
        // The registry only checks bearer tokens; it never logs anyone in itself.
        p.put("quarkus.oidc.application-type", "service");
        p.put("quarkus.oidc.client-id", "ntrk-schema-registry");
        p.put("quarkus.oidc.roles.role-claim-path", ROLES_CLAIM);
        p.put("apicurio.auth.role-based-authorization", "true");
        p.put("apicurio.auth.role-source", "token");
        p.put("apicurio.auth.roles.developer", WRITER_ROLE);
        p.put("apicurio.auth.roles.admin", ADMIN_ROLE);
        p.put("apicurio.auth.roles.readonly", "lab");
        p.put("apicurio.auth.anonymous-read-access.enabled", "true");
        p.put("apicurio.auth.authenticated-read-access.enabled", "true");
        // A writer registers with POST; a PUT on the registry's own APIs changes what is registered (a version's
        // state, and DISABLED makes its records as unreadable as a deletion would; metadata; rules): for
        // administrators only. The Confluent-compatible API's PUT sets a subject's compatibility and stays the
        // writer's. For these paths the permissions below replace the registry-wide ones, so each method is
        // named: a path matched by a method-specific permission refuses the methods none names.
        p.put("quarkus.http.auth.permission.registryapi.paths", REGISTRY_APIS);
        p.put("quarkus.http.auth.permission.registryapi.policy", "permit");
        p.put("quarkus.http.auth.permission.registryapichanges.paths", REGISTRY_APIS);
        p.put("quarkus.http.auth.permission.registryapichanges.methods", "PUT,PATCH");
        p.put("quarkus.http.auth.permission.registryapichanges.policy", "schemaadmin");
        p.put("quarkus.http.auth.policy.schemaadmin.roles-allowed", ADMIN_ROLE);
        p.put("quarkus.http.auth.permission.registryapinodelete.paths", REGISTRY_APIS);
        p.put("quarkus.http.auth.permission.registryapinodelete.methods", "DELETE");
        p.put("quarkus.http.auth.permission.registryapinodelete.policy", "deny");
        return p;
    }
}
