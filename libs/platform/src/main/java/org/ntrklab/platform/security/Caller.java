package org.ntrklab.platform.security;

import java.util.Set;

/**
 * Who sent a REST request, from their verified access token; a controller method takes it as a parameter.
 *
 * @param subject the token's {@code sub}: a staff identifier, a user name or a client id
 * @param displayName the token's display name (see {@code ntrk.security.name-claim}); null when it has none
 * @param roles the role names the token grants
 */
public record Caller(String subject, String displayName, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
