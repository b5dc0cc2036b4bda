package dev.ticketing.cloudevent;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.web.constants.WebRequestConstants;
import org.springframework.cloud.function.web.mvc.FunctionController;
import org.springframework.http.HttpMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * What Spring Cloud Function web may serve: {@code POST /<name>} where {@code <name>} is exactly an
 * event function or the router ({@link EventFunctions#serves}); anything else its handler mapping
 * picked is "Not Found" (404). Its mapping otherwise answers a path that names no function with the
 * only function of an application or with {@code spring.cloud.function.definition}, answers
 * {@code GET}, {@code PUT} and {@code DELETE}, composes {@code /a|b}, and serves the API's command
 * functions, whose commands carry the caller and are served at their routes, which read it from the
 * session.
 */
final class FunctionPathGuard implements HandlerInterceptor {

    private final EventFunctions functions;

    FunctionPathGuard(EventFunctions functions) {
        this.functions = functions;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod method) || !(method.getBean() instanceof FunctionController)) {
            return true;
        }
        String path = String.valueOf(request.getAttribute(HandlerMapping.PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE));
        String name = path.startsWith("/") ? path.substring(1) : path;
        if ("POST".equals(request.getMethod())
                && request.getAttribute(WebRequestConstants.HANDLER) instanceof FunctionInvocationWrapper function
                && name.equals(function.getFunctionDefinition()) && functions.serves(name)) {
            return true;
        }
        throw new NoResourceFoundException(HttpMethod.valueOf(request.getMethod()), request.getRequestURI(), path);
    }
}
