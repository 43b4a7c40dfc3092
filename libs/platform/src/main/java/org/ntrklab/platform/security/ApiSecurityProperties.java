package org.ntrklab.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the services read the identity provider's access tokens, under {@code ntrk.security.*}. Where the
 * tokens come from is Spring Boot's own {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (or
 * {@code jwk-set-uri}), which every service must set.
 *
 * @param rolesClaim the claim holding the caller's role names; a dotted path reaches into an object, e.g.
 *     {@code realm_access.roles} for Keycloak realm roles (a claim whose own name contains dots is found too)
 * @param nameClaim the claim holding the caller's display name, recorded on signed-out reports
 * @param maxBodyBytes largest request body accepted; larger ones are answered 413 before anything reads them
 */
@ConfigurationProperties("ntrk.security")
public record ApiSecurityProperties(@DefaultValue("roles") String rolesClaim, @DefaultValue("name") String nameClaim,
        @DefaultValue("65536") long maxBodyBytes) {

    public ApiSecurityProperties {
        if (rolesClaim == null || rolesClaim.isBlank()) {
            throw new IllegalArgumentException("ntrk.security.roles-claim must name the claim with the caller's roles");
        }
        if (nameClaim == null || nameClaim.isBlank()) {
            throw new IllegalArgumentException("ntrk.security.name-claim must name the claim with the caller's name");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("ntrk.security.max-body-bytes must be positive");
        }
    }
}
