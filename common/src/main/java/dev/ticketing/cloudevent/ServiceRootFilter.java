package dev.ticketing.cloudevent;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.cloud.function.context.config.RoutingFunction;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code POST /}, where {@code func invoke} and a Knative Service's plain URL send: a CloudEvent goes
 * to Spring Cloud Function's {@link RoutingFunction} at its own path, which picks the event function
 * by the event's {@code type} ({@link EventFunctions}); a plain request goes to the route of the
 * module's main command ({@code ticketing.http.root-route}), which binds the caller's session to the
 * command and answers exactly as that route does (a command carries the caller, and only the route
 * reads it from the session). Without a root route, a plain request goes to the router too, which
 * refuses it like any unsigned event (401). Runs after {@link SenderAuthenticationFilter}, so every
 * CloudEvent forwarded here was verified.
 */
final class ServiceRootFilter extends OncePerRequestFilter {

    private static final String ROUTER = "/" + RoutingFunction.FUNCTION_NAME;

    private final String rootRoute;

    ServiceRootFilter(String rootRoute) {
        this.rootRoute = rootRoute == null || rootRoute.isBlank() ? null : rootRoute;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !"/".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String target = SenderAuthenticationFilter.isCloudEvent(request) || rootRoute == null ? ROUTER : rootRoute;
        request.getRequestDispatcher(target).forward(request, response);
    }
}
