package dev.ticketing.local;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.rw.CloudEventRWException;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CloudEvents over HTTP through the SDK's HTTP binding ({@code cloudevents-http-basic}), as a Knative
 * broker's ingress takes them (binary mode, header names in any case, or structured mode; one event
 * per request) and as Knative delivers them (binary mode).
 */
final class CloudEvents {

    static {
        // The SDK finds formats with a ServiceLoader on the thread's context class loader, which in the
        // platform's Spring Boot jar is the system class loader on the HTTP server's threads: no format
        // would be found and structured-mode requests would not be read. The format is registered here.
        EventFormatProvider.getInstance().registerFormat(new JsonFormat());
    }

    /** A request that is not one valid CloudEvent: the ingress answers 400. */
    static class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }

    /** Neither binary nor structured mode: for a subscriber's answer, no reply event. */
    static final class NotAnEvent extends Malformed {
        NotAnEvent() {
            super("Not a CloudEvent: no ce-specversion header and no structured-mode content type");
        }
    }

    private CloudEvents() {
    }

    /** Reads an HTTP request or response; {@code headers} may have names in any case. */
    static CloudEvent fromHttp(Map<String, List<String>> headers, byte[] body) {
        String type = headers.entrySet().stream().filter(h -> "content-type".equalsIgnoreCase(h.getKey()))
                .flatMap(h -> h.getValue().stream()).findFirst().orElse("").toLowerCase(Locale.ROOT);
        CloudEvent event;
        try {
            // media types are case-insensitive, but the SDK matches the structured-mode one exactly
            MessageReader message = HttpMessageFactory.createReaderFromMultimap(type.startsWith(JsonFormat.CONTENT_TYPE)
                    ? Map.of("Content-Type", List.of(type)) : headers, body);
            event = message.toEvent();
        } catch (CloudEventRWException e) {
            if (e.getKind() == CloudEventRWException.CloudEventRWExceptionKind.UNKNOWN_ENCODING) {
                throw new NotAnEvent();
            }
            // the SDK's text would echo the input: say only what kind of part is wrong
            throw new Malformed("Malformed CloudEvent: "
                    + e.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        } catch (IllegalStateException e) {
            throw new Malformed("Malformed CloudEvent: id, source and type are required");
        } catch (RuntimeException e) {
            throw new Malformed("Malformed CloudEvent: the body is no structured-mode CloudEvent JSON");
        }
        if (event.getId().isBlank() || event.getSource().toString().isBlank() || event.getType().isBlank()) {
            throw new Malformed("Malformed CloudEvent: id, source and type are required");
        }
        return event;
    }

    /** Whether the request is meant as a CloudEvent (binary or structured mode), valid or not. */
    static boolean isEvent(Map<String, List<String>> headers, byte[] body) {
        try {
            fromHttp(headers, body);
        } catch (NotAnEvent e) {
            return false;
        } catch (Malformed e) {
            // meant as one: its receiver says what is wrong with it
        }
        return true;
    }

    /** {@code request} posting {@code event} in binary mode. */
    static HttpRequest.Builder post(HttpRequest.Builder request, CloudEvent event) {
        HttpMessageFactory.createWriter(request::header, body -> request.POST(body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)))
                .writeBinary(event.getDataContentType() != null || event.getData() == null ? event
                        : CloudEventBuilder.from(event).withDataContentType("application/json").build());
        return request;
    }

    /** The value of a context attribute or extension by its name, as filters compare it. */
    static String attribute(CloudEvent event, String name) {
        Object value = event.getAttributeNames().contains(name) ? event.getAttribute(name) : event.getExtension(name);
        return value == null ? null : value.toString();
    }

    /** A one-line description for logs. */
    static String describe(CloudEvent event) {
        return event.getType() + " " + event.getId() + (event.getSubject() == null ? "" : " (" + event.getSubject() + ")");
    }
}
