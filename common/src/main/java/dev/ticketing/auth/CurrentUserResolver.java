package dev.ticketing.auth;

import dev.ticketing.domain.NotAuthorized;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves controller parameters of type {@link CurrentUser} (signed-out callers get 401 "Not
 * authorized") and {@code Optional<CurrentUser>} (empty when signed out or the token is bad).
 */
class CurrentUserResolver implements HandlerMethodArgumentResolver {

    private final Tokens tokens;
    private final SessionCookie cookie;

    CurrentUserResolver(Tokens tokens, SessionCookie cookie) {
        this.tokens = tokens;
        this.cookie = cookie;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentUser.class
                || (parameter.getParameterType() == Optional.class
                        && parameter.nested().getNestedParameterType() == CurrentUser.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        Optional<CurrentUser> user = request == null ? Optional.empty() : cookie.token(request).flatMap(tokens::verify);
        if (parameter.getParameterType() == Optional.class) {
            return user;
        }
        return user.orElseThrow(NotAuthorized::new);
    }
}
