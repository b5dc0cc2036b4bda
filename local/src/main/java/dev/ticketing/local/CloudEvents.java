package dev.ticketing.local;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CloudEvents over HTTP as a Knative broker's ingress takes them: binary mode ({@code ce-*} headers,
 * names matched case-insensitively, {@code Content-Type} as {@code datacontenttype}) or structured
 * mode ({@code application/cloudevents+json}); and binary mode out, as Knative delivers to subscribers.
 */
final class CloudEvents {

    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";
    private static final JsonFormat FORMAT = new JsonFormat();

    /** A request that is not one valid CloudEvent: the ingress answers 400. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }

    private CloudEvents() {
    }

    /** Reads an HTTP request; {@code headers} may have names in any case. */
    static CloudEvent fromHttp(Map<String, List<String>> headers, byte[] body) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name != null && values != null && !values.isEmpty()) {
                lower.put(name.toLowerCase(Locale.ROOT), values.getFirst());
            }
        });
        String contentType = lower.getOrDefault("content-type", "");
        String mediaType = contentType.toLowerCase(Locale.ROOT);
        if (mediaType.startsWith(BATCH)) {
            throw new Malformed("Batched CloudEvents are not accepted; send one event per request");
        }
        if (mediaType.startsWith(STRUCTURED)) {
            return structured(body);
        }
        return binary(lower, contentType, body);
    }

    /**
     * The format is made here, not looked up with {@code EventFormatProvider}: that uses the thread's
     * context class loader, which in the platform's Spring Boot jar is the system class loader on the
     * HTTP server's threads, where no format is found.
     */
    private static CloudEvent structured(byte[] body) {
        try {
            CloudEvent event = FORMAT.deserialize(body);
            requireCore(event.getId(), event.getSource() == null ? null : event.getSource().toString(),
                    event.getType());
            return event;
        } catch (RuntimeException e) {
            // the parser's text would echo the input: say only which part is wrong
            throw new Malformed("Malformed CloudEvent: the body is no structured-mode CloudEvent JSON");
        }
    }

    private static CloudEvent binary(Map<String, String> headers, String contentType, byte[] body) {
        String specVersion = headers.get("ce-specversion");
        if (specVersion == null) {
            throw new Malformed("Not a CloudEvent: ce-specversion header missing");
        }
        if (!SpecVersion.V1.toString().equals(specVersion.trim())) {
            throw new Malformed("Unsupported CloudEvents specversion " + specVersion);
        }
        String id = headers.get("ce-id");
        String source = headers.get("ce-source");
        String type = headers.get("ce-type");
        requireCore(id, source, type);
        String part = "ce-source";
        try {
            CloudEventBuilder builder = CloudEventBuilder.v1().withId(id).withSource(URI.create(source)).withType(type);
            for (Map.Entry<String, String> header : headers.entrySet()) {
                String name = header.getKey();
                if (!name.startsWith("ce-")) {
                    continue;
                }
                part = name;
                String attribute = name.substring(3);
                String value = header.getValue();
                switch (attribute) {
                    case "specversion", "id", "source", "type" -> {
                    }
                    case "subject" -> builder.withSubject(value);
                    case "time" -> builder.withTime(OffsetDateTime.parse(value));
                    case "dataschema" -> builder.withDataSchema(URI.create(value));
                    case "datacontenttype" -> builder.withDataContentType(value);
                    default -> builder.withExtension(attribute, value);
                }
            }
            part = "Content-Type";
            if (!contentType.isBlank()) {
                builder.withDataContentType(contentType);
            }
            if (body != null && body.length > 0) {
                builder.withData(body);
            }
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException | DateTimeParseException e) {
            // the parser's text would echo the input: say only which part is wrong
            throw new Malformed("Malformed CloudEvent: invalid " + part);
        }
    }

    private static void requireCore(String id, String source, String type) {
        if (blank(id) || blank(source) || blank(type)) {
            throw new Malformed("CloudEvent id, source and type are required");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The binary-mode headers of {@code event}: {@code ce-*} for every attribute, {@code Content-Type} for its data. */
    static Map<String, String> binaryHeaders(CloudEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce-specversion", event.getSpecVersion().toString());
        headers.put("ce-id", event.getId());
        headers.put("ce-source", event.getSource().toString());
        headers.put("ce-type", event.getType());
        if (event.getSubject() != null) {
            headers.put("ce-subject", event.getSubject());
        }
        if (event.getTime() != null) {
            headers.put("ce-time", event.getTime().toString());
        }
        if (event.getDataSchema() != null) {
            headers.put("ce-dataschema", event.getDataSchema().toString());
        }
        for (String name : event.getExtensionNames()) {
            Object value = event.getExtension(name);
            if (value != null) {
                headers.put("ce-" + name, value.toString());
            }
        }
        headers.put("Content-Type", event.getDataContentType() == null ? "application/json" : event.getDataContentType());
        return headers;
    }

    static byte[] data(CloudEvent event) {
        return event.getData() == null ? new byte[0] : event.getData().toBytes();
    }

    /** The value of a context attribute or extension by its name, as filters compare it. */
    static String attribute(CloudEvent event, String name) {
        Object value = switch (name) {
            case "specversion" -> event.getSpecVersion().toString();
            case "id" -> event.getId();
            case "source" -> event.getSource();
            case "type" -> event.getType();
            case "subject" -> event.getSubject();
            case "time" -> event.getTime();
            case "datacontenttype" -> event.getDataContentType();
            case "dataschema" -> event.getDataSchema();
            default -> event.getExtension(name);
        };
        return value == null ? null : value.toString();
    }

    /** A one-line description for logs. */
    static String describe(CloudEvent event) {
        return event.getType() + " " + event.getId() + (event.getSubject() == null ? "" : " (" + event.getSubject() + ")");
    }
}
