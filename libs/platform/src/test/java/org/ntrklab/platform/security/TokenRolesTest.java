package org.ntrklab.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** Where identity providers put roles: our own flat claim, Keycloak's nested one, a URL-named one, a string. */
class TokenRolesTest {

    @Test
    void rolesComeFromAFlatClaimANestedPathAClaimNamedWithDotsOrASpaceSeparatedString() {
        assertThat(authorities("roles", Map.of("roles", List.of("pathologist", "lab"))))
                .containsExactly("ROLE_pathologist", "ROLE_lab");
        assertThat(authorities("realm_access.roles",
                Map.of("realm_access", Map.of("roles", List.of("lab", "offline_access")))))
                .containsExactly("ROLE_lab", "ROLE_offline_access");
        assertThat(authorities("https://lab.example.org/roles", Map.of("https://lab.example.org/roles", List.of("operator"))))
                .containsExactly("ROLE_operator");
        assertThat(authorities("roles", Map.of("roles", "monitoring lab"))).containsExactly("ROLE_monitoring", "ROLE_lab");
    }

    @Test
    void noRolesClaimMeansNoRolesAndScopesGrantNothing() {
        assertThat(authorities("roles", Map.of("scope", "pathologist"))).isEmpty();
        assertThat(authorities("realm_access.roles", Map.of("realm_access", "lab"))).isEmpty();
    }

    private static List<String> authorities(String claim, Map<String, Object> claims) {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("someone").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).claims(c -> c.putAll(claims)).build();
        return new TokenRoles(claim).convert(jwt).getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }
}
