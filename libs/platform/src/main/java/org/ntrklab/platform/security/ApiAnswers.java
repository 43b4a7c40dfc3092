package org.ntrklab.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ExpressionAuthorizationDecision;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API's refusals: 401 without a usable token, 403 with the rule that refused. The body is
 * {@code {"error": "..."}} like the services' other 4xx answers, and only ever says what the rule demands:
 * never the token, the path or anything else the caller sent.
 */
final class ApiAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String NO_TOKEN = "this request needs an access token from the lab's identity provider "
            + "(Authorization: Bearer <token>); only the health probes are open";
    static final String BAD_TOKEN = "the access token was not accepted: it is malformed, expired, or not issued "
            + "and signed by the identity provider this service trusts";
    static final String DENIED = "the access token does not grant this request";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    /** The body of every refusal and limit answer. */
    record ApiError(String error) {
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean badToken = e instanceof OAuth2AuthenticationException;
        // RFC 6750: the challenge names the scheme; the error code says a token was sent and refused.
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(response, HttpServletResponse.SC_UNAUTHORIZED, badToken ? BAD_TOKEN : NO_TOKEN);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        write(response, HttpServletResponse.SC_FORBIDDEN, ruleOf(e));
    }

    /** The rule behind a refusal, in words: a named request rule, or the role a controller method declares. */
    static String ruleOf(AccessDeniedException e) {
        if (e instanceof AuthorizationDeniedException denied) {
            AuthorizationResult result = denied.getAuthorizationResult();
            if (result instanceof AccessRule.Decision decision) {
                return decision.rule();
            }
            if (result instanceof ExpressionAuthorizationDecision expression) {
                return declared(expression.getExpression().getExpressionString());
            }
        }
        return DENIED;
    }

    /** "hasRole('pathologist')" reads "this endpoint needs role pathologist". */
    private static String declared(String expression) {
        Matcher quoted = QUOTED.matcher(expression);
        List<String> roles = quoted.results().map(m -> m.group(1)).toList();
        if (!expression.contains("Role") || roles.isEmpty()) {
            return DENIED;
        }
        return roles.size() == 1 ? "this endpoint needs role " + roles.get(0)
                : "this endpoint needs one of the roles " + String.join(", ", roles);
    }

    static void write(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(new ApiError(error)));
    }
}
