package dev.ticketing.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JDK HTTP servers on loopback, one virtual thread per request; a taken port is a {@link PlatformFailure}. */
final class HttpServers {

    /** The most a request body may hold at the front door and the broker ingress (1 MiB): more is a 413. */
    static final int MAX_BODY = 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpServers() {
    }

    static HttpServer create(int port, String what) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            return server;
        } catch (BindException e) {
            throw portTaken(port, what);
        } catch (IOException e) {
            throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "Cannot start " + what + " on port " + port
                    + ": " + e.getMessage(), e);
        }
    }

    static PlatformFailure portTaken(int port, String what) {
        return new PlatformFailure(PlatformFailure.PORT_TAKEN, "Port " + port + " (" + what
                + ") is already in use. Stop whatever listens there (another ./run?) or choose other ports"
                + " (./run --port N for the front door, --base-port N for the rest).");
    }

    /** Fails with {@link PlatformFailure#PORT_TAKEN} when {@code port} cannot be bound on loopback now. */
    static void requireFree(int port, String what) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw portTaken(port, what);
        }
    }

    /** {@code n} distinct free ports: each held until all are chosen, so none is handed out twice. */
    static List<Integer> freePorts(int n) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a listening socket that accepted nothing
                }
            }
        }
    }

    static int freePort() {
        return freePorts(1).getFirst();
    }

    static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    /** An API error body as the functions write it: {@code {"errors":[{"message":"..."}]}}, valid JSON whatever the message. */
    static String error(String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").addObject().put("message", message);
        return JSON.writeValueAsString(body);
    }

    /**
     * The request body, or empty when it is longer than {@code limit} bytes (reads at most
     * {@code limit + 1} bytes): the caller answers 413.
     */
    static java.util.Optional<byte[]> body(HttpExchange exchange, int limit) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(limit + 1);
        return body.length > limit ? java.util.Optional.empty() : java.util.Optional.of(body);
    }
}
