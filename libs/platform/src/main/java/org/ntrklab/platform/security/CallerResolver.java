package org.ntrklab.platform.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives a controller method its {@link Caller}, so that no controller reads tokens itself. */
final class CallerResolver implements HandlerMethodArgumentResolver {

    private final String nameClaim;

    CallerResolver(String nameClaim) {
        this.nameClaim = nameClaim;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            // Only reachable on an endpoint the rules left open; nobody there may act in anyone's name.
            throw new AuthenticationCredentialsNotFoundException("no access token");
        }
        Set<String> roles = token.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(TokenRoles.PREFIX)).map(a -> a.substring(TokenRoles.PREFIX.length()))
                .collect(Collectors.toSet());
        return new Caller(token.getName(), Claims.text(token.getTokenAttributes(), nameClaim), roles);
    }
}
