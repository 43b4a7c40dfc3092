package org.ntrklab.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A desk left open is signed out after a while without use; the pages that refresh themselves (htmx) do not
 * count as use, or a screen left on the worklist would stay signed in for ever.
 */
class IdleSignOutTest {

    private static final Duration IDLE = Duration.ofMinutes(30);
    private final AtomicInteger signedOut = new AtomicInteger();
    private final IdleSignOut filter = new IdleSignOut(IDLE, (request, response, person) -> signedOut.incrementAndGet());
    private final MockHttpSession session = new MockHttpSession();

    @BeforeEach
    void signIn() {
        Instant now = Instant.now();
        OidcIdToken token = new OidcIdToken("t", now, now.plusSeconds(900), Map.of("sub", "pathologist"));
        DefaultOidcUser user = new DefaultOidcUser(List.of(new SimpleGrantedAuthority("ROLE_pathologist")), token);
        SecurityContextHolder.getContext().setAuthentication(
                new OAuth2AuthenticationToken(user, user.getAuthorities(), "ntrk-desk"));
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aDeskUsedWithinTheLimitStaysSignedInAndItsUseIsNoted() throws Exception {
        session.setAttribute(IdleSignOut.LAST_USE, System.nanoTime() - Duration.ofMinutes(29).toNanos());
        MockFilterChain chain = request(false);
        assertThat(chain.getRequest()).as("the page was served").isNotNull();
        assertThat(signedOut).hasValue(0);
        assertThat((long) session.getAttribute(IdleSignOut.LAST_USE))
                .isGreaterThan(System.nanoTime() - Duration.ofMinutes(1).toNanos());
    }

    @Test
    void aPageRefreshingItselfDoesNotCountAsUse() throws Exception {
        long lastUse = System.nanoTime() - Duration.ofMinutes(20).toNanos();
        session.setAttribute(IdleSignOut.LAST_USE, lastUse);
        request(true);
        assertThat(session.getAttribute(IdleSignOut.LAST_USE)).isEqualTo(lastUse);
        assertThat(signedOut).hasValue(0);
    }

    @Test
    void aDeskUnusedBeyondTheLimitIsSignedOutHereAndAtTheIdentityProvider() throws Exception {
        session.setAttribute(IdleSignOut.LAST_USE, System.nanoTime() - Duration.ofMinutes(31).toNanos());
        MockFilterChain chain = request(true);
        assertThat(chain.getRequest()).as("nothing served").isNull();
        assertThat(session.isInvalid()).isTrue();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
        assertThat(signedOut).as("the identity provider's session ended too").hasValue(1);
    }

    private MockFilterChain request(boolean htmx) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/desk/worklist/rows");
        request.setSession(session);
        if (htmx) {
            request.addHeader(Htmx.REQUEST, "true");
        }
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        return chain;
    }
}
