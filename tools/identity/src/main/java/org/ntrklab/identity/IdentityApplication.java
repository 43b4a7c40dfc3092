package org.ntrklab.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The authorization server's application. Its auto-configuration is listed rather than discovered: it
 * shares the class path (and the JVM) with the lab's services, whose own auto-configuration must not run
 * here.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class})
class IdentityApplication {

    /** Short enough that a withdrawn role takes effect soon, long enough for a scrape or a sign-out session. */
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(15);

    /**
     * Where the desk may return to while no desk address is configured: the loopback address on any port
     * (RFC 8252), as for a desk running on the user's own machine.
     */
    static final String LOOPBACK_DESK_REDIRECT = "http://127.0.0.1/desk/callback";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // The OIDC user-info endpoint takes the access tokens this server issued.
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                // A person at the desk who is not logged in yet is sent to the login form; a program is not.
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), browsers()));
        return http.build();
    }

    /** Requests that ask for HTML; one that accepts anything (a script, a library) is not taken for a browser. */
    private static MediaTypeRequestMatcher browsers() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return html;
    }

    @Bean
    @Order(2)
    SecurityFilterChain loginForm(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // Stored as {bcrypt}...: a secret or password is never kept in clear in the server. Every secret and
        // password here is a 256-bit random value generated by this server, never one a person chose: a slow
        // hash, which protects guessable passwords, would add nothing but CPU at every token request (each
        // Kafka client and REST client fetches tokens with its secret). So the lowest bcrypt cost, still
        // salted and one-way; and hashes are not "upgraded" to a higher cost on use.
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(4)));
    }

    @Bean
    RegisteredClientRepository registeredClients(IdentitySetup setup, PasswordEncoder passwords) {
        List<RegisteredClient> clients = new ArrayList<>();
        TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME).build();
        for (LabAccounts.Account client : LabAccounts.ofKind(LabAccounts.Kind.CLIENT)) {
            clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(client.name())
                    .clientName(client.displayName())
                    .clientSecret(passwords.encode(setup.secrets().secrets().get(client.name())))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .tokenSettings(tokens)
                    .build());
        }
        List<String> redirects = setup.deskRedirectUris().isEmpty() ? List.of(LOOPBACK_DESK_REDIRECT)
                : setup.deskRedirectUris();
        LabAccounts.ofKind(LabAccounts.Kind.PUBLIC_CLIENT).forEach(desk -> clients.add(
                RegisteredClient.withId(UUID.randomUUID().toString())
                        .clientId(desk.name())
                        .clientName(desk.displayName())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                        .redirectUris(uris -> uris.addAll(redirects))
                        .scope(OidcScopes.OPENID)
                        .scope(OidcScopes.PROFILE)
                        // A public client cannot keep a secret: the code is bound to the browser by PKCE.
                        .clientSettings(ClientSettings.builder().requireProofKey(true)
                                .requireAuthorizationConsent(false).build())
                        .tokenSettings(tokens)
                        .build()));
        return new InMemoryRegisteredClientRepository(clients);
    }

    @Bean
    UserDetailsService users(IdentitySetup setup, PasswordEncoder passwords) {
        List<UserDetails> users = LabAccounts.ofKind(LabAccounts.Kind.USER).stream()
                .map(user -> User.withUsername(user.name())
                        .password(passwords.encode(setup.secrets().secrets().get(user.name())))
                        .roles(user.roles().toArray(String[]::new))
                        .build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    JWKSource<SecurityContext> signingKeys(IdentitySetup setup) {
        return new ImmutableJWKSet<>(new JWKSet(setup.signingKey()));
    }

    @Bean
    JwtDecoder accessTokens(JWKSource<SecurityContext> signingKeys) {
        return NimbusJwtDecoder.withJwkSource(signingKeys).build();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenClaims() {
        return new AccessTokenClaims();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentitySetup setup) {
        // A fixed issuer: the services compare every token's iss with the issuer-uri they were given.
        return AuthorizationServerSettings.builder().issuer(setup.issuer()).build();
    }
}
