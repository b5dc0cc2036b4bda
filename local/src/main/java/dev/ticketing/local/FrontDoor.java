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
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one front door ({@code http://localhost:8080}): a reverse proxy that sends every request to
 * the Knative Service its {@link Routes} name (a function, or the web client for every path outside
 * {@code /api}), as the cluster's Gateway does, and answers 404
 * {@code {"errors":[{"message":"Not Found"}]}} for any other route (and for pages while the web client
 * is not served) and 503 while the service is not reachable.
 *
 * <p>For developers (this platform only, which listens on loopback): {@code /invoke/<function>/<path>}
 * goes to {@code <path>} (default {@code /}) of that function, started on demand like any request. A
 * CloudEvent (binary or structured mode) is sent on with a sender token this platform signs for
 * {@code <function>} from {@link #DEVELOPER} in place of any {@code Authorization} it came with, as the
 * broker's deliveries are; any other request is forwarded untouched (its session is the caller's).
 */
final class FrontDoor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FrontDoor.class);

    /** Hop-by-hop headers, and those the JDK client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "expect", "http2-settings");

    /** The subject of the tokens signed for a developer's invocations. */
    static final String DEVELOPER = "system:serviceaccount:ticketing:developer";
    private static final Pattern INVOKE = Pattern.compile("/invoke/([^/]+)(/.*)?");

    private final Routes routes;
    private final Function<String, String> serviceUrls;
    private final SenderIssuer senders;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    FrontDoor(int port, Routes routes, Function<String, String> serviceUrls, SenderIssuer senders) {
        this.routes = routes;
        this.serviceUrls = serviceUrls;
        this.senders = senders;
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
                HttpServers.respond(exchange, 400, "Bad Request");
                return;
            }
            Matcher invoke = INVOKE.matcher(uri.getRawPath());
            boolean invoked = invoke.matches();
            String service = invoked ? invoke.group(1)
                    : routes.route(method, uri.getPath()).map(Routes.Route::service).orElse(null);
            String base;
            try {
                base = service == null ? null : serviceUrls.apply(service);
            } catch (FunctionProcess.Unavailable e) {
                // the reason (with the end of the function's log) is for the operator, not the caller
                log.warn("{} {} -> {}: {}", method, uri.getRawPath(), service, e.getMessage());
                HttpServers.respond(exchange, 503, service + " is unavailable");
                return;
            }
            if (base == null) {
                // no route, no such function, or a page while the web client is not served (not built, or no node)
                HttpServers.respond(exchange, 404, "Not Found");
                return;
            }
            String path = !invoked ? uri.getRawPath() : invoke.group(2) == null ? "/" : invoke.group(2);
            try {
                forward(exchange, method, base, path, uri.getRawQuery(), service, invoked);
            } catch (RuntimeException e) {
                // whatever the request holds, the client gets an answer (unless the response has begun)
                log.warn("{} {} -> {}: {}", method, uri.getRawPath(), service, e.toString());
                if (exchange.getResponseCode() == -1) {
                    HttpServers.respond(exchange, 400, "Bad Request");
                }
            }
        }
    }

    private void forward(HttpExchange exchange, String method, String base, String path, String query, String service,
            boolean invoked) throws IOException {
        byte[] body = HttpServers.body(exchange);
        if (body == null) {
            return;
        }
        // a method, header name or value, or target the JDK client refuses to send throws here: handle answers 400
        URI target = URI.create(base + path + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60)).method(method,
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        boolean signed = invoked && CloudEvents.isEvent(exchange.getRequestHeaders(), body);
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(name) && !(signed && name.equals("authorization"))) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        if (signed) {
            request.header("Authorization", senders.authorization(service, DEVELOPER));
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
        request.header("X-Forwarded-Proto", "http");
        if (host != null) {
            request.header("X-Forwarded-Host", host);
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            log.warn("{} {} -> {}: {}", method, path, service, e.toString());
            HttpServers.respond(exchange, 503, service + " is unavailable");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            HttpServers.respond(exchange, 503, "Interrupted");
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
