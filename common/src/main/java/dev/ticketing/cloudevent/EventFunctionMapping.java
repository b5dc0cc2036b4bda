package dev.ticketing.cloudevent;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionProperties;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.web.constants.WebRequestConstants;
import org.springframework.cloud.function.web.mvc.FunctionController;
import org.springframework.cloud.function.web.mvc.FunctionHandlerMapping;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Spring Cloud Function web's handler mapping, limited to what it may serve here: {@code POST /<name>}
 * where {@code <name>} is exactly an event function or the router ({@link EventFunctions#serves}),
 * answered as JSON. Any other method is left to the application's own mappings before the library looks
 * at it (it would answer {@code GET}, {@code PUT} and {@code DELETE}, and fail with a 500 on {@code HEAD});
 * a {@code POST} it picked for another path is "Not Found" (404): it would answer a path that names no
 * function with the only function of an application or {@code spring.cloud.function.definition}, compose
 * {@code /a|b}, and serve the API's command functions, whose commands carry the caller and are served at
 * their routes, which read it from the session. A {@code POST} asking for a stream
 * ({@code Accept: text/event-stream}) is 406 before the function runs: the library would apply the event,
 * then fail to stream its answer.
 */
final class EventFunctionMapping extends FunctionHandlerMapping {

    /** FunctionController's handlers of a {@code POST} that answer one value (JSON, or a form's). */
    private static final Set<String> SINGLE_ANSWER = Set.of("post", "form");

    private final EventFunctions functions;

    EventFunctionMapping(FunctionProperties properties, FunctionCatalog catalog, FunctionController controller,
            EventFunctions functions) {
        super(properties, catalog, controller);
        this.functions = functions;
    }

    @Override
    protected HandlerMethod getHandlerInternal(HttpServletRequest request) throws Exception {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        HandlerMethod handler = super.getHandlerInternal(request);
        if (handler == null) {
            return null;
        }
        String path = String.valueOf(request.getAttribute(HandlerMapping.PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE));
        String name = path.startsWith("/") ? path.substring(1) : path;
        if (!(request.getAttribute(WebRequestConstants.HANDLER) instanceof FunctionInvocationWrapper function
                && name.equals(function.getFunctionDefinition()) && functions.serves(name))) {
            throw new NoResourceFoundException(HttpMethod.POST, request.getRequestURI(), path);
        }
        if (!SINGLE_ANSWER.contains(handler.getMethod().getName())) {
            throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON));
        }
        return handler;
    }
}
