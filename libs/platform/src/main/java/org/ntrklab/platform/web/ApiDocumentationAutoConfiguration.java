package org.ntrklab.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.ntrklab.platform.query.StateQueries;
import org.ntrklab.platform.security.Caller;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Every service's REST API describes itself as an OpenAPI 3 document at {@code /v3/api-docs} (springdoc), open
 * to read without a token: it holds no laboratory data, and a lab's developers need it before they have one.
 * It declares the bearer-token scheme every operation requires.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiDocumentationAutoConfiguration {

    /** Where the document is served; the security rules open this path and nothing else of it. */
    public static final String API_DOCS_PATH = "/v3/api-docs";
    static final String BEARER = "bearer-jwt";

    static {
        // The caller is resolved from the access token, not sent as a parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    /** The header instances of one service use among themselves is not part of the API. */
    @Bean
    GlobalOperationCustomizer hideInstanceForwarding() {
        return (operation, handler) -> {
            if (operation.getParameters() != null) {
                operation.getParameters().removeIf(p -> StateQueries.FORWARDED_HEADER.equalsIgnoreCase(p.getName()));
            }
            return operation;
        };
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI apiDocumentation(@Value("${ntrk.service-name:ntrk}") String serviceName) {
        String version = ApiDocumentationAutoConfiguration.class.getPackage().getImplementationVersion();
        return new OpenAPI()
                .info(new Info().title("NTRK Lab Workflow: " + serviceName)
                        .description("REST API of the " + serviceName + " service. Every operation but the health"
                                + " probes needs an OAuth2 access token (JWT) of the lab's identity provider; the"
                                + " token's roles decide what it may do (lab, pathologist, operator, monitoring).")
                        .version(version == null ? "development" : version))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
