package org.ntrklab.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Closed by default: a request that may change something (POST, PUT, PATCH, DELETE) reaches only a
 * controller method that declares who may send it ({@code @PreAuthorize}, on the method or its class). An
 * endpoint added without a declaration refuses everyone instead of serving every token holder.
 */
final class UndeclaredCommandGuard implements HandlerInterceptor {

    static final String RULE = "this endpoint declares no role, so nothing can be changed through it";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return true;
        }
        if (handler instanceof HandlerMethod method
                && (AnnotatedElementUtils.hasAnnotation(method.getMethod(), PreAuthorize.class)
                        || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PreAuthorize.class))) {
            return true;
        }
        throw new AuthorizationDeniedException("undeclared", new AccessRule.Decision(false, RULE));
    }
}
