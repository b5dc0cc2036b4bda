package dev.ticketing.cloudevent;

import dev.ticketing.event.Event;
import dev.ticketing.event.EventCatalog;
import dev.ticketing.event.PingTick;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.spring.messaging.CloudEventMessageConverter;
import io.cloudevents.spring.messaging.CloudEventsHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.cloud.function.cloudevent.CloudEventMessageBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.SmartMessageConverter;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The input conversion of every event function ({@code Function<Message<E>, Delivery>}, {@code E} a
 * catalogued {@link Event} type, a sealed group of them, or {@link PingTick}): Spring Cloud Function
 * hands it the HTTP request as a message, and it answers the typed {@code Message<E>} the function
 * takes, or refuses. The CloudEvent itself (binary or structured mode) is read by cloudevents-spring's
 * {@link CloudEventMessageConverter}; what this class adds is what that converter and Spring Cloud
 * Function leave out on Boot 4 (docs/architecture.md#events):
 * <ul>
 * <li>the sender check: a message reaches an event function only from a request whose sender
 * {@link SenderAuthenticationFilter} verified (else {@link UnauthenticatedSender}, 401), so a request
 * that does not look like a CloudEvent cannot slip through either;
 * <li>header names in any case ({@code Ce-Type}, as Go clients send it): the converter matches
 * {@code ce-specversion} and the content type by their exact lower-case names;
 * <li>the type must be one the function consumes, and the data must be there and parse as that type
 * (a structured event without data is otherwise accepted with a null payload): else
 * {@link MalformedEvent}, 400.
 * </ul>
 * Registered as a {@code MessageConverter} bean, Spring Cloud Function tries it first and lets its
 * exceptions through, so no other converter ever sees an event.
 */
final class CloudEventInput implements SmartMessageConverter {

    private static final CloudEventMessageConverter SDK = new CloudEventMessageConverter();
    private static final String BATCH = "application/cloudevents-batch";

    private final JsonMapper json;

    CloudEventInput(JsonMapper json) {
        this.json = json;
    }

    /** Whether {@code type} is what an event function takes as its message payload. */
    static boolean isEventPayload(Class<?> type) {
        return type == PingTick.class || Event.class.isAssignableFrom(type);
    }

    @Override
    public Object fromMessage(Message<?> message, Class<?> targetClass, Object conversionHint) {
        return fromMessage(message, targetClass);
    }

    @Override
    public Object fromMessage(Message<?> message, Class<?> targetClass) {
        if (!isEventPayload(targetClass)) {
            return null;
        }
        CloudEvent event = read(message);
        return CloudEventMessageBuilder.withData(payload(event, targetClass))
                .setId(event.getId())
                .setSource(event.getSource())
                .setType(event.getType())
                .setSubject(event.getSubject())
                .build();
    }

    @Override
    public Message<?> toMessage(Object payload, MessageHeaders headers, Object conversionHint) {
        return null;
    }

    @Override
    public Message<?> toMessage(Object payload, MessageHeaders headers) {
        return null;
    }

    /**
     * The CloudEvent a request message carries, from a verified sender: {@link UnauthenticatedSender}
     * when the request's sender was not verified, {@link MalformedEvent} when it is no CloudEvent 1.0.
     */
    static CloudEvent read(Message<?> message) {
        requireVerifiedSender();
        Map<String, Object> headers = new HashMap<>();
        message.getHeaders().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            headers.put(lower.equals(HttpHeaders.CONTENT_TYPE.toLowerCase(Locale.ROOT)) ? MessageHeaders.CONTENT_TYPE
                    : lower.startsWith(CloudEventsHeaders.CE_PREFIX) ? lower : name, value);
        });
        Object contentType = headers.get(MessageHeaders.CONTENT_TYPE);
        if (contentType != null && contentType.toString().toLowerCase(Locale.ROOT).startsWith(BATCH)) {
            throw new MalformedEvent("Batched CloudEvents are not accepted; send one event per request");
        }
        CloudEvent event;
        try {
            event = (CloudEvent) SDK.fromMessage(MessageBuilder.createMessage(message.getPayload(),
                    new MessageHeaders(headers)), CloudEvent.class);
        } catch (RuntimeException e) {
            throw new MalformedEvent("Not a CloudEvent 1.0 (binary or structured mode)");
        }
        if (event == null || event.getSpecVersion() != SpecVersion.V1) {
            throw new MalformedEvent("Not a CloudEvent 1.0 (binary or structured mode)");
        }
        if (blank(event.getId()) || event.getSource() == null || blank(event.getType())) {
            throw new MalformedEvent("CloudEvent id, source and type are required");
        }
        return event;
    }

    private Object payload(CloudEvent event, Class<?> accepted) {
        if (accepted == PingTick.class) {
            if (!PingTick.TYPE.equals(event.getType())) {
                throw new MalformedEvent("This function consumes " + PingTick.TYPE + ", not " + event.getType());
            }
            return new PingTick(event.getId());
        }
        Class<? extends Event> type = EventCatalog.classOf(event.getType())
                .filter(accepted::isAssignableFrom)
                .orElseThrow(() -> new MalformedEvent("This function does not consume " + event.getType()));
        byte[] data = event.getData() == null ? new byte[0] : event.getData().toBytes();
        if (data.length == 0) {
            throw new MalformedEvent("Event data is required");
        }
        try {
            Object value = json.readValue(data, type);
            if (value == null) {
                throw new MalformedEvent("Event data is required");
            }
            return value;
        } catch (JacksonException e) {
            throw new MalformedEvent("Malformed data for " + event.getType());
        }
    }

    private static void requireVerifiedSender() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        HttpServletRequest request = attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
        if (request == null || request.getAttribute(SenderAuthenticationFilter.SENDER) == null) {
            throw new UnauthenticatedSender("A sender token is required (Authorization: Bearer)");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
