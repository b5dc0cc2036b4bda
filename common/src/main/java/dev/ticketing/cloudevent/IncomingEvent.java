package dev.ticketing.cloudevent;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * A CloudEvent received over HTTP, in binary mode ({@code ce-*} headers, matched case-insensitively,
 * as Go clients send {@code Ce-Type}) or structured mode ({@code application/cloudevents+json}).
 */
record IncomingEvent(String id, String source, String type, String subject, String time, byte[] data) {

    private static final String STRUCTURED = "application/cloudevents+json";
    private static final String BATCH = "application/cloudevents-batch+json";

    static IncomingEvent from(HttpServletRequest request, byte[] body) {
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith(BATCH)) {
            throw new MalformedEvent("Batched CloudEvents are not accepted; send one event per request");
        }
        if (contentType.startsWith(STRUCTURED)) {
            return structured(body);
        }
        return binary(request, body);
    }

    private static IncomingEvent binary(HttpServletRequest request, byte[] body) {
        String specVersion = request.getHeader("ce-specversion");
        if (specVersion == null) {
            throw new MalformedEvent("Not a CloudEvent: ce-specversion header missing");
        }
        if (!"1.0".equals(specVersion.trim())) {
            throw new MalformedEvent("Unsupported CloudEvents specversion " + specVersion);
        }
        return checked(request.getHeader("ce-id"), request.getHeader("ce-source"), request.getHeader("ce-type"),
                request.getHeader("ce-subject"), request.getHeader("ce-time"), body);
    }

    private static IncomingEvent structured(byte[] body) {
        CloudEvent event;
        try {
            event = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).deserialize(body);
        } catch (EventDeserializationException | IllegalArgumentException | IllegalStateException e) {
            throw new MalformedEvent("Malformed structured CloudEvent");
        }
        byte[] data = event.getData() == null ? new byte[0] : event.getData().toBytes();
        return checked(event.getId(), event.getSource() == null ? null : event.getSource().toString(),
                event.getType(), event.getSubject(), event.getTime() == null ? null : event.getTime().toString(), data);
    }

    private static IncomingEvent checked(String id, String source, String type, String subject, String time,
            byte[] data) {
        if (blank(id) || blank(source) || blank(type)) {
            throw new MalformedEvent("CloudEvent id, source and type are required");
        }
        return new IncomingEvent(id, source, type, subject, time, data);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
