package org.ntrklab.platform.security;

import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a verified access token into the caller: its subject, and an authority {@code ROLE_<role>} for
 * each role the token's roles claim names, so that {@code hasRole('pathologist')} reads as the lab says it.
 * Scopes grant nothing: the lab decides by role.
 */
final class TokenRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String PREFIX = "ROLE_";

    private final String rolesClaim;

    TokenRoles(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = Claims.names(Claims.find(jwt.getClaims(), rolesClaim)).stream()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(PREFIX + role))
                .toList();
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }
}
