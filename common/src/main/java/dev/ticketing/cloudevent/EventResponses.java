package dev.ticketing.cloudevent;

import dev.ticketing.domain.DomainException;
import dev.ticketing.event.Delivery;
import dev.ticketing.web.ApiError;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.function.web.mvc.FunctionController;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Spring Cloud Function web answers for an event function (docs/architecture.md#events): 202
 * with no body and no header of the request's (its controller copies every request header, the
 * {@code ce-*} ones included, into a 2xx answer, which a Knative broker takes for a reply event and
 * routes again), 503 for an early event (the broker redelivers it), and the status of every refusal:
 * 400 never acceptable, 401 unverified sender, 422 a domain refusal (never 404, which Knative retries
 * as "subscriber not ready"), 503 a transient failure. Spring Cloud Function web serves nothing but
 * event functions ({@link EventFunctionMapping}), so all it answers is an event's answer.
 */
@RestControllerAdvice(assignableTypes = FunctionController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class EventResponses extends RequestBodyAdviceAdapter implements ResponseBodyAdvice<Object> {

    private static final Logger log = LoggerFactory.getLogger(EventResponses.class);

    private final JsonMapper json;

    EventResponses(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    /**
     * Refuses a JSON array body: Spring Cloud Function would apply the function to each element, and
     * an event is one object (binary-mode data or a structured-mode envelope; batches are refused).
     */
    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter,
            Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof String s && s.stripLeading().startsWith("[")) {
            throw new MalformedEvent("One CloudEvent per request, not a JSON array");
        }
        return body;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        response.getHeaders().clear();
        if (delivery(body) == Delivery.EARLY) {
            response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            try {
                response.getBody().write(json.writeValueAsBytes(
                        ApiError.of("Event arrived before the version it builds on; deliver it again later")));
            } catch (IOException e) {
                log.debug("Could not answer an early event: {}", e.getMessage());
            }
            return null;
        }
        response.setStatusCode(HttpStatus.ACCEPTED);
        return null;
    }

    /** The event function's outcome, as Spring Cloud Function hands it over (converted to JSON or not). */
    private static Delivery delivery(Object body) {
        String value = switch (body) {
            case Delivery d -> d.name();
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            case String s -> s;
            case null, default -> "";
        };
        String name = value.strip().replace("\"", "");
        for (Delivery d : Delivery.values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    @ExceptionHandler(MalformedEvent.class)
    ResponseEntity<ApiError> malformed(MalformedEvent e) {
        return ApiError.response(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(UnauthenticatedSender.class)
    ResponseEntity<ApiError> unauthenticated(UnauthenticatedSender e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .contentType(MediaType.APPLICATION_JSON).body(ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ApiError> refused(DomainException e) {
        return switch (e.kind()) {
            case CONFLICT, UNAVAILABLE -> ApiError.response(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
            // never 404: Knative retries 404 as "subscriber not ready yet"
            default -> ApiError.response(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        };
    }

    @ExceptionHandler({TransientDataAccessException.class, DataAccessResourceFailureException.class,
            PublishFailed.class, IssuerUnreachable.class})
    ResponseEntity<ApiError> transientFailure(RuntimeException e) {
        log.warn("Transient failure, asking for redelivery: {}", e.getMessage());
        return ApiError.response(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable; deliver again later");
    }
}
