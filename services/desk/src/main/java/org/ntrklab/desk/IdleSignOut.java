package org.ntrklab.desk;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs out a desk that nobody has used for a while. The worklist and the status badge ask for fragments by
 * themselves every few seconds, which would otherwise keep a screen left open signed in for ever (and keep
 * the identity provider's session alive through the token renewals). Only what a person asks for counts as
 * use; once idle too long, the desk session ends and so does the identity provider's, so the next person at
 * the screen has to sign in with their own password.
 */
final class IdleSignOut extends OncePerRequestFilter {

    static final String LAST_USE = IdleSignOut.class.getName() + ".lastUse";

    private final long idleNanos;
    private final LogoutSuccessHandler signedOut;

    IdleSignOut(Duration idle, LogoutSuccessHandler signedOut) {
        this.idleNanos = idle.toNanos();
        this.signedOut = signedOut;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session == null || !(person instanceof OAuth2AuthenticationToken)) {
            chain.doFilter(request, response);
            return;
        }
        long now = System.nanoTime();
        Object last = session.getAttribute(LAST_USE);
        if (last instanceof Long lastUse && now - lastUse > idleNanos) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            // The identity provider's end-session endpoint, with the ID token as hint; htmx is told to go there.
            signedOut.onLogoutSuccess(request, response, person);
            return;
        }
        if (request.getHeader(Htmx.REQUEST) == null || last == null) {
            session.setAttribute(LAST_USE, now);
        }
        chain.doFilter(request, response);
    }
}
