package org.ntrklab.desk.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The signed-in person as the desk shows them. Whether they may sign decides only what the page offers: the
 * services decide again from the person's own token.
 */
public record Person(String name, String subject, boolean pathologist) {

    static final String PATHOLOGIST_AUTHORITY = "ROLE_pathologist";

    static Person of(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser user)) {
            return new Person("", "", false);
        }
        String name = user.getClaimAsString("name");
        boolean pathologist = authentication.getAuthorities().stream()
                .anyMatch(a -> PATHOLOGIST_AUTHORITY.equals(a.getAuthority()));
        return new Person(name == null ? user.getSubject() : name, user.getSubject(), pathologist);
    }
}
