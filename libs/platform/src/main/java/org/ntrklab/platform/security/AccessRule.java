package org.ntrklab.platform.security;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * One rule of the REST API's access rules, with the sentence a refused caller reads: the 403 names the
 * rule that refused, so nobody has to guess which role to ask for.
 *
 * @param rule what the rule demands, e.g. "metrics need role monitoring"
 * @param roles any one of them grants access
 */
record AccessRule(String rule, List<String> roles) implements AuthorizationManager<RequestAuthorizationContext> {

    AccessRule {
        roles = List.copyOf(roles);
    }

    static AccessRule anyOf(String rule, String... roles) {
        return new AccessRule(rule, List.of(roles));
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext request) {
        Authentication caller = authentication.get();
        boolean granted = caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken)
                && caller.getAuthorities().stream().anyMatch(a -> roles.stream()
                        .anyMatch(role -> (TokenRoles.PREFIX + role).equals(a.getAuthority())));
        return new Decision(granted, rule);
    }

    /** A decision that remembers the rule that made it. */
    static final class Decision extends AuthorizationDecision {

        private final String rule;

        Decision(boolean granted, String rule) {
            super(granted);
            this.rule = rule;
        }

        String rule() {
            return rule;
        }
    }
}
