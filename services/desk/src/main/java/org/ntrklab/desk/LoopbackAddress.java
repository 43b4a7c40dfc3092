package org.ntrklab.desk;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A desk on the person's own machine (the lab stack's) is registered at the identity provider as
 * {@code http://127.0.0.1/desk/callback}, on any port. Someone who types {@code localhost} would be refused
 * at sign-in with a redirect URI that does not match, so their page is first moved to {@code 127.0.0.1}: same
 * port, path and query. Only for a desk configured with {@code ntrk.desk.loopback-address=true}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnBooleanProperty("ntrk.desk.loopback-address")
class LoopbackAddress extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("localhost".equalsIgnoreCase(request.getServerName()) && "GET".equals(request.getMethod())) {
            String target;
            try {
                target = UriComponentsBuilder.newInstance().scheme(request.getScheme()).host("127.0.0.1")
                        .port(request.getServerPort()).path(request.getRequestURI()).query(request.getQueryString())
                        .build(true).toUriString();
            } catch (IllegalArgumentException malformed) {
                // An address that is not validly encoded is answered where it was asked (and refused there).
                chain.doFilter(request, response);
                return;
            }
            response.sendRedirect(target);
            return;
        }
        chain.doFilter(request, response);
    }
}
