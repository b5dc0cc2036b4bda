package dev.ticketing.bench;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The floor of the cold-start benchmark: a plain Java {@code main} that serves HTTP with the JDK's own
 * {@link HttpServer} on {@code $PORT} and answers {@code GET /} with a constant. Nothing on this JVM
 * can answer its first request sooner.
 */
public final class Floor {

    private Floor() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
