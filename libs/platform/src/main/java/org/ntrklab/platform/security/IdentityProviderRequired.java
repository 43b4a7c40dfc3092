package org.ntrklab.platform.security;

import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;

/**
 * Secure by default: a service that does not know which identity provider to trust refuses to start,
 * rather than start with an API nobody can use or, worse, one that trusts any key.
 */
final class IdentityProviderRequired {

    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

    private IdentityProviderRequired() {
    }

    static void check(OAuth2ResourceServerProperties properties) {
        OAuth2ResourceServerProperties.Jwt jwt = properties.getJwt();
        if (blank(jwt.getIssuerUri()) && blank(jwt.getJwkSetUri())) {
            throw new IllegalStateException("No identity provider is configured for the REST API: set " + ISSUER_URI
                    + " to the issuer of the lab's identity provider (e.g. https://keycloak.example.org/realms/lab, "
                    + "or the embedded one's issuer), or " + JWK_SET_URI + " to its signing keys. Every request but "
                    + "the health probes needs an access token it issued; there is no setting that turns this off");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
