package org.ntrklab.identity;

import java.util.List;
import java.util.Optional;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Adds to every access token what the services decide on: {@code roles} (a JSON array of role names) and
 * {@code name} (the display name recorded, e.g., on a signed-out report). A client's token carries the
 * client's roles; a token a person obtained through the desk carries that person's roles, not the desk's.
 * A person's ID token carries the same two claims, so that the desk can show them what their roles allow
 * without reading the access token meant for the services.
 */
final class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String ROLES = "roles";
    static final String NAME = "name";

    @Override
    public void customize(JwtEncodingContext context) {
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType()) && !idToken) {
            return;
        }
        Optional<LabAccounts.Account> account =
                AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
                        ? LabAccounts.find(context.getRegisteredClient().getClientId(), LabAccounts.Kind.CLIENT)
                        : LabAccounts.find(context.getPrincipal().getName(), LabAccounts.Kind.USER);
        context.getClaims()
                .claim(ROLES, account.map(LabAccounts.Account::roles).orElse(List.of()))
                .claims(claims -> account.ifPresent(a -> claims.put(NAME, a.displayName())));
    }
}
