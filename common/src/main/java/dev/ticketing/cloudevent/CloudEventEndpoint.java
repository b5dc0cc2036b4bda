package dev.ticketing.cloudevent;

import dev.ticketing.domain.DomainException;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.Event;
import dev.ticketing.event.EventCatalog;
import dev.ticketing.event.PingTick;
import dev.ticketing.web.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.function.cloudevent.CloudEventMessageBuilder;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.messaging.Message;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers CloudEvents (a Knative Trigger's {@code POST /<function>}) from a verified sender
 * ({@link SenderAuthenticationFilter}; anything else is 401) to the event-consuming function
 * beans: {@code Function<Message<E>, Delivery>} where {@code E} is a catalogued {@link Event} type (or
 * a sealed group of them) or {@link PingTick}. Answers 202 with no body and no {@code ce-*} header
 * (so the broker never takes the answer for a reply event), 400 for an event that can never be
 * accepted, 503 for an early event or a transient failure (the broker retries).
 */
@RestController
class CloudEventEndpoint {

    private static final Logger log = LoggerFactory.getLogger(CloudEventEndpoint.class);
    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

    private final FunctionCatalog functions;
    private final JsonMapper json;

    CloudEventEndpoint(FunctionCatalog functions, JsonMapper json) {
        this.functions = functions;
        this.json = json;
    }

    @PostMapping("/{function}")
    ResponseEntity<?> deliver(@PathVariable("function") String name, HttpServletRequest request,
            @RequestBody(required = false) byte[] body) {
        Class<?> accepted = FUNCTION_NAME.matcher(name).matches() ? acceptedPayload(name) : null;
        if (accepted == null) {
            return ApiError.response(HttpStatus.NOT_FOUND, "Not Found");
        }
        if (request.getAttribute(SenderAuthenticationFilter.SENDER) == null) {
            // not a CloudEvent (the filter verifies every one): nothing unsigned reaches a function
            return ApiError.response(HttpStatus.UNAUTHORIZED, "A sender token is required (Authorization: Bearer)");
        }
        try {
            IncomingEvent event = IncomingEvent.from(request, body == null ? new byte[0] : body);
            Object payload = payload(event, accepted);
            Message<Object> message = CloudEventMessageBuilder.withData(payload)
                    .setId(event.id())
                    .setSource(event.source())
                    .setType(event.type())
                    .setSubject(event.subject())
                    .build();
            @SuppressWarnings("unchecked")
            Function<Message<Object>, Delivery> target = (Function<Message<Object>, Delivery>) wrapper(name)
                    .getTarget();
            Delivery delivery = target.apply(message);
            log.debug("{} {} {} -> {}", name, event.type(), event.id(), delivery);
            if (delivery == Delivery.EARLY) {
                return ApiError.response(HttpStatus.SERVICE_UNAVAILABLE,
                        "Event arrived before the version it builds on; deliver it again later");
            }
            return ResponseEntity.accepted().build();
        } catch (MalformedEvent e) {
            return ApiError.response(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (DomainException e) {
            return switch (e.kind()) {
                case CONFLICT, UNAVAILABLE -> ApiError.response(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
                // never 404: Knative retries 404 as "subscriber not ready yet"
                default -> ApiError.response(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
            };
        } catch (TransientDataAccessException
                | DataAccessResourceFailureException | PublishFailed e) {
            log.warn("{}: transient failure, asking for redelivery: {}", name, e.getMessage());
            return ApiError.response(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable; deliver again later");
        }
    }

    private Object payload(IncomingEvent event, Class<?> accepted) {
        if (accepted == PingTick.class) {
            if (!PingTick.TYPE.equals(event.type())) {
                throw new MalformedEvent("This function consumes " + PingTick.TYPE + ", not " + event.type());
            }
            return new PingTick(event.id());
        }
        Class<? extends Event> type = EventCatalog.classOf(event.type())
                .filter(accepted::isAssignableFrom)
                .orElseThrow(() -> new MalformedEvent("This function does not consume " + event.type()));
        try {
            Object data = json.readValue(event.data(), type);
            if (data == null) {
                throw new MalformedEvent("Event data is required");
            }
            return data;
        } catch (JacksonException e) {
            throw new MalformedEvent("Malformed data for " + event.type());
        }
    }

    private FunctionInvocationWrapper wrapper(String name) {
        return functions.lookup(name);
    }

    /** The payload type an event function consumes, or null when {@code name} is no event function. */
    private Class<?> acceptedPayload(String name) {
        FunctionInvocationWrapper wrapper = wrapper(name);
        if (wrapper == null || !wrapper.isFunction() || !name.equals(wrapper.getFunctionDefinition())) {
            return null;
        }
        Type input = wrapper.getInputType();
        if (input instanceof ParameterizedType p && p.getRawType() == Message.class
                && p.getActualTypeArguments()[0] instanceof Class<?> payload
                && (Event.class.isAssignableFrom(payload) || payload == PingTick.class)) {
            return payload;
        }
        return null;
    }
}
