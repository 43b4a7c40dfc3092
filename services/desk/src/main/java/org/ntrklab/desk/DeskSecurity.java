package org.ntrklab.desk;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.DelegatingOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.ntrklab.desk.web.SignInProblems;

/**
 * Who may use the desk: everyone signs in through the identity provider (authorization code with PKCE, the
 * desk being a public client with no secret); the person's roles come from their ID token, and the services
 * are called with the person's own access token, so the desk can never do more than the person may.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
class DeskSecurity {

    /** The desk's client registration at the identity provider (application.yml). */
    static final String REGISTRATION = "ntrk-desk";
    /** A token this close to its end is not used: the person is sent to the identity provider for a new one. */
    private static final java.time.Duration TOKEN_MARGIN = java.time.Duration.ofSeconds(60);

    @Bean
    SecurityFilterChain desk(HttpSecurity http, ClientRegistrationRepository registrations, DeskProperties settings)
            throws Exception {
        HttpSessionRequestCache requests = new HttpSessionRequestCache();
        // Only a page is returned to after signing in: never a fragment asked for by the page itself, and never
        // a sign-out or a correction, which must not be sent again unseen (perhaps under another person's
        // sign-in) once the identity provider has returned.
        requests.setRequestMatcher(request -> "GET".equals(request.getMethod())
                && request.getHeader(Htmx.REQUEST) == null);
        OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        signedOut.setRedirectStrategy(htmxAware());
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/desk/static/**", "/webjars/**",
                                "/favicon.ico", "/error", SignInProblems.FAILED)
                        .permitAll()
                        .anyRequest().authenticated())
                // A desk left open is signed out, here and at the identity provider, after a while without use.
                .addFilterAfter(new IdleSignOut(settings.idleSignOut(), signedOut), AnonymousAuthenticationFilter.class)
                .requestCache(c -> c.requestCache(requests))
                .oauth2Login(login -> login
                        .loginPage("/oauth2/authorization/" + REGISTRATION)
                        .redirectionEndpoint(r -> r.baseUri("/desk/callback"))
                        .authorizationEndpoint(a -> a.authorizationRedirectStrategy(htmxAware()))
                        .userInfoEndpoint(u -> u.userAuthoritiesMapper(rolesFromIdToken()))
                        .defaultSuccessUrl("/desk/", false)
                        // A page of its own, not the sign-in again: a failure would otherwise loop through the
                        // identity provider's session.
                        .failureUrl(SignInProblems.FAILED))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor((request, response, ex) -> {
                    // The desk session ended while a page was open: the page reloads and its person signs in again.
                    response.setHeader(Htmx.REDIRECT, request.getContextPath() + "/desk/");
                    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                }, request -> request.getHeader(Htmx.REQUEST) != null)
                        // A form from a page whose session has ended: said as such, not as a missing role.
                        .accessDeniedHandler(staleFormsToo()))
                // Signing out ends the desk session and the identity provider's, so the next person signs in anew.
                .logout(l -> l.logoutUrl("/desk/sign-out-of-desk").logoutSuccessHandler(signedOut))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self';"
                                + " style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none';"
                                + " object-src 'none'; form-action 'self' " + issuerOrigin(registrations)))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * The identity provider's origin: forms may lead there (signing out ends its session too, and a form sent
     * with an expired token is answered with a sign-in there).
     */
    private static String issuerOrigin(ClientRegistrationRepository registrations) {
        String issuer = registrations.findByRegistrationId(REGISTRATION).getProviderDetails().getIssuerUri();
        java.net.URI uri = java.net.URI.create(issuer);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** A missing or stale CSRF token means a page from an ended session: the person is told, and signs in again. */
    private static AccessDeniedHandler staleFormsToo() {
        AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
        return (request, response, denied) -> {
            if (denied instanceof CsrfException) {
                response.sendRedirect(request.getContextPath() + "/desk/?" + SignInProblems.SESSION_ENDED);
            } else {
                forbidden.handle(request, response, denied);
            }
        };
    }

    /** A fragment request cannot follow a redirect to the identity provider: htmx is told to load the page. */
    private static RedirectStrategy htmxAware() {
        DefaultRedirectStrategy plain = new DefaultRedirectStrategy();
        return (request, response, url) -> {
            if (request.getHeader(Htmx.REQUEST) != null) {
                response.setHeader(Htmx.REDIRECT, url);
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                plain.sendRedirect(request, response, url);
            }
        };
    }

    /** The person's roles, as their ID token names them, become {@code ROLE_<role>} authorities. */
    private static GrantedAuthoritiesMapper rolesFromIdToken() {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    List<String> roles = oidc.getIdToken().getClaimAsStringList("roles");
                    if (roles != null) {
                        roles.forEach(role -> mapped.add(new SimpleGrantedAuthority("ROLE_" + role)));
                    }
                }
            }
            return mapped;
        };
    }

    /** The person's tokens live and die with their desk session. */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /**
     * A public client is given no refresh token: when the access token is about to run out, the person is
     * sent back to the identity provider, which still knows them and returns them at once with a new one.
     */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
                authorizedClients);
        OAuth2AuthorizedClientProvider signInAgain = context -> {
            OAuth2AuthorizedClient client = context.getAuthorizedClient();
            Instant expiresAt = client == null ? null : client.getAccessToken().getExpiresAt();
            if (client != null && client.getRefreshToken() == null && expiresAt != null
                    && Instant.now().isAfter(expiresAt.minus(TOKEN_MARGIN))) {
                throw new ClientAuthorizationRequiredException(context.getClientRegistration().getRegistrationId());
            }
            return null;
        };
        manager.setAuthorizedClientProvider(new DelegatingOAuth2AuthorizedClientProvider(
                OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build(),
                signInAgain));
        return manager;
    }
}
