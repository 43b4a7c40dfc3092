package org.ntrklab.platform.security;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.ntrklab.platform.web.ApiDocumentationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every service's REST API is an OAuth2 resource server: each request but the health probes carries an
 * access token (a JWT) from the lab's identity provider, and the token's roles decide what it may do.
 *
 * <ul>
 *   <li>{@code /actuator/health/**}: open, for the orchestrator's probes; {@code /v3/api-docs}: open, the
 *       OpenAPI document of the API;</li>
 *   <li>{@code /actuator/prometheus}: role {@code monitoring}; other actuator endpoints: role {@code operator};</li>
 *   <li>GET (and HEAD): one of {@code lab}, {@code pathologist}, {@code operator}, and whatever the controller
 *       method declares on top (e.g. the report exports);</li>
 *   <li>anything else: what the controller method declares with {@code @PreAuthorize}; nothing if it declares
 *       nothing.</li>
 * </ul>
 *
 * <p>There is no switch to turn this off: a service that is not told which identity provider to trust
 * does not start.
 */
@AutoConfiguration(before = {OAuth2ResourceServerAutoConfiguration.class, SecurityAutoConfiguration.class,
        ManagementWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({ApiSecurityProperties.class, OAuth2ResourceServerProperties.class})
@EnableWebSecurity
@EnableMethodSecurity
public class ApiSecurityAutoConfiguration {

    public static final String MONITORING = "monitoring";
    public static final String OPERATOR = "operator";
    public static final String LAB = "lab";
    public static final String PATHOLOGIST = "pathologist";

    static final String METRICS_RULE = "metrics (/actuator/prometheus) need role monitoring";
    static final String ACTUATOR_RULE = "actuator endpoints other than health and metrics need role operator";
    static final String READ_RULE = "reading needs one of the roles lab, pathologist, operator";

    @Bean
    SecurityFilterChain restApiSecurity(HttpSecurity http, ApiSecurityProperties properties,
            OAuth2ResourceServerProperties resourceServer) throws Exception {
        IdentityProviderRequired.check(resourceServer);
        ApiAnswers answers = new ApiAnswers();
        AccessRule read = AccessRule.anyOf(READ_RULE, LAB, PATHOLOGIST, OPERATOR);
        http.authorizeHttpRequests(requests -> requests
                        // An error page is rendered for a request that was already let through.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        // The OpenAPI document describes the API and holds no lab data.
                        .requestMatchers(HttpMethod.GET, ApiDocumentationAutoConfiguration.API_DOCS_PATH,
                                ApiDocumentationAutoConfiguration.API_DOCS_PATH + "/**").permitAll()
                        .requestMatchers(EndpointRequest.to("prometheus")).access(AccessRule.anyOf(METRICS_RULE, MONITORING))
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).access(AccessRule.anyOf(ACTUATOR_RULE, OPERATOR))
                        .requestMatchers(HttpMethod.GET).access(read)
                        .requestMatchers(HttpMethod.HEAD).access(read)
                        // Commands: a valid token here, the role the controller method declares (UndeclaredCommandGuard).
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new TokenRoles(properties.rolesClaim())))
                        .authenticationEntryPoint(answers)
                        .accessDeniedHandler(answers))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(answers).accessDeniedHandler(answers))
                // Bearer tokens only: no session, no cookie, so no cross-site request can act with a user's rights.
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /** Ahead of everything else, security included: an oversized body is refused before anyone reads it. */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(ApiSecurityProperties properties) {
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(properties.maxBodyBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    RequestBodyLimit.Exceeded requestBodyLimitExceeded(ApiSecurityProperties properties) {
        return new RequestBodyLimit.Exceeded(properties.maxBodyBytes());
    }

    @Bean
    WebMvcConfigurer callersAndDeclaredCommands(ApiSecurityProperties properties) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerResolver(properties.nameClaim()));
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new UndeclaredCommandGuard());
            }
        };
    }
}
