package dev.ticketing.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests, on the JDK's {@link HttpClient}: what a browser or the broker
 * sends, nothing of Spring's in between.
 */
public final class HttpApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A response: status, headers (lower-case names) and body. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            return body.isEmpty() ? null : JSON.readTree(body);
        }

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null ? null : values.getFirst();
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(), List.of());
        }

        /** The first error message of an API error body. */
        public String errorMessage() {
            return json().get("errors").get(0).get("message").asString();
        }

        /** The {@code Cookie} header that carries the {@code session} this response set. */
        public String sessionCookie() {
            return headers("set-cookie").stream().filter(c -> c.startsWith("session="))
                    .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        }
    }

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public HttpApi(int port) {
        this("http://127.0.0.1:" + port);
    }

    public HttpApi(String base) {
        this.base = base;
    }

    public Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    public Response head(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()), headers);
    }

    public Response delete(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), headers);
    }

    public Response post(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    public Response put(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    /**
     * Sends a binary-mode CloudEvent from a verified sender ({@link TestSenders#token()}); {@code ce-*}
     * header names are capitalised as Go clients do.
     */
    public Response binaryEvent(String path, String id, String type, String source, String data) {
        return binaryEvent(path, id, type, source, data, TestSenders.token());
    }

    /** Sends a binary-mode CloudEvent with {@code token} as its sender token (none when null). */
    public Response binaryEvent(String path, String id, String type, String source, String data, String token) {
        return send(withToken(HttpRequest.newBuilder(uri(path)), token)
                .header("Content-Type", "application/json")
                .header("Ce-Specversion", "1.0")
                .header("Ce-Id", id)
                .header("Ce-Type", type)
                .header("Ce-Source", source)
                .POST(HttpRequest.BodyPublishers.ofString(data)));
    }

    /** Sends a structured-mode CloudEvent ({@code application/cloudevents+json}) from a verified sender. */
    public Response structuredEvent(String path, String id, String type, String source, String data) {
        return structuredEvent(path, id, type, source, data, TestSenders.token());
    }

    /** Sends a structured-mode CloudEvent with {@code token} as its sender token (none when null). */
    public Response structuredEvent(String path, String id, String type, String source, String data, String token) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("specversion", "1.0");
        envelope.put("id", id);
        envelope.put("type", type);
        envelope.put("source", source);
        envelope.put("datacontenttype", "application/json");
        envelope.put("data", JSON.readTree(data));
        return send(withToken(HttpRequest.newBuilder(uri(path)), token)
                .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(envelope))));
    }

    private static HttpRequest.Builder withToken(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", TestSenders.bearer(token));
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Response send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, List<String>> lower = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> lower.put(k.toLowerCase(), v));
            return new Response(response.statusCode(), lower, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
