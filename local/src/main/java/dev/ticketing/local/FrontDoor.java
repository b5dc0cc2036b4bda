package dev.ticketing.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one front door ({@code http://localhost:8080}): a reverse proxy that sends every request to
 * the Knative Service its {@link Routes} name (a function, or the web client for every path outside
 * {@code /api}), as the cluster's Gateway does, and answers 404
 * {@code {"errors":[{"message":"Not Found"}]}} for any other route (and for pages while the web client
 * is not served) and 503 while the service is not reachable.
 */
final class FrontDoor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FrontDoor.class);

    /** Hop-by-hop headers, and those the JDK client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "expect", "http2-settings");

    private final Routes routes;
    private final Function<String, String> serviceUrls;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    FrontDoor(int port, Routes routes, Function<String, String> serviceUrls) {
        this.routes = routes;
        this.serviceUrls = serviceUrls;
        this.server = HttpServers.create(port, "front door");
        this.server.createContext("/", this::handle);
    }

    void start() {
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            if (uri.getRawPath() == null || !uri.getRawPath().startsWith("/") || "CONNECT".equalsIgnoreCase(method)) {
                // authority-form (CONNECT host:443), asterisk-form (OPTIONS *) or a relative target: no route
                HttpServers.respond(exchange, 400, "application/json", HttpServers.error("Bad Request"));
                return;
            }
            Optional<Routes.Route> route = routes.route(method, uri.getPath());
            String base;
            try {
                base = route.map(r -> serviceUrls.apply(r.service())).orElse(null);
            } catch (FunctionProcess.Unavailable e) {
                HttpServers.respond(exchange, 503, "application/json", HttpServers.error(e.getMessage()));
                return;
            }
            if (route.isEmpty() || (base == null && route.get().service().equals(WebClient.SERVICE))) {
                // no route, or a page while the web client is not served (not built, or no node)
                HttpServers.respond(exchange, 404, "application/json", HttpServers.error("Not Found"));
                return;
            }
            if (base == null) {
                HttpServers.respond(exchange, 503, "application/json",
                        HttpServers.error(route.get().service() + " is not running"));
                return;
            }
            try {
                forward(exchange, method, base, uri, route.get());
            } catch (RuntimeException e) {
                // whatever the request holds, the client gets an answer (unless the response has begun)
                log.warn("{} {} -> {}: {}", method, uri.getRawPath(), route.get().service(), e.toString());
                if (exchange.getResponseCode() == -1) {
                    HttpServers.respond(exchange, 400, "application/json", HttpServers.error("Bad Request"));
                }
            }
        }
    }

    private void forward(HttpExchange exchange, String method, String base, URI uri, Routes.Route route)
            throws IOException {
        Optional<byte[]> read = HttpServers.body(exchange, HttpServers.MAX_BODY);
        if (read.isEmpty()) {
            HttpServers.respond(exchange, 413, "application/json", HttpServers.error("Payload Too Large"));
            return;
        }
        byte[] body = read.get();
        HttpRequest built;
        try {
            URI target = URI.create(base + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    header.getValue().forEach(value -> request.header(header.getKey(), value));
                }
            }
            String host = exchange.getRequestHeaders().getFirst("Host");
            request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
            request.header("X-Forwarded-Proto", "http");
            if (host != null) {
                request.header("X-Forwarded-Host", host);
            }
            built = request.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a method, header name or value, or target the JDK client refuses to send
            log.debug("{} {}: not forwarded: {}", method, uri.getRawPath(), e.toString());
            HttpServers.respond(exchange, 400, "application/json", HttpServers.error("Bad Request"));
            return;
        }
        URI target = built.uri();
        HttpResponse<byte[]> response;
        try {
            response = client.send(built, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            log.warn("{} {} -> {}: {}", method, target.getPath(), route.service(), e.toString());
            HttpServers.respond(exchange, 503, "application/json",
                    HttpServers.error(route.service() + " is unavailable"));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            HttpServers.respond(exchange, 503, "application/json", HttpServers.error("Interrupted"));
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":") && !NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] payload = response.body();
        int status = response.statusCode();
        boolean noBody = payload.length == 0 || status == 204 || status == 304 || "HEAD".equals(method);
        exchange.sendResponseHeaders(status, noBody ? -1 : payload.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(payload);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
    }
}
