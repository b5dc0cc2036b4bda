package dev.ticketing.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JDK HTTP servers on loopback, one virtual thread per request; a taken port is a {@link PlatformFailure}. */
final class HttpServers {

    /** The most a request body may hold at the front door and the broker ingress (1 MiB): more is a 413. */
    static final int MAX_BODY = 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** {@link #freePorts} chooses in [15000, 32768): below Linux's default ephemeral range, 32768-60999. */
    private static final int FIRST_PORT = 15000;
    private static final int EPHEMERAL_PORTS = 32768;

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

    /**
     * {@code n} distinct free ports, each held until all are chosen, so none is handed out twice; taken
     * below the kernel's ephemeral range, where outgoing connections get theirs: a port from that range
     * can be taken by some connection in the seconds before a function's server binds it.
     */
    static List<Integer> freePorts(int n) {
        if (n == 0) {
            return List.of();
        }
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST_PORT, EPHEMERAL_PORTS);
            try (ServerSocket held = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return Stream.concat(Stream.of(port), freePorts(n - 1).stream()).toList();
            } catch (IOException taken) {
                // in use: another
            }
        }
        throw new UncheckedIOException(new BindException("No free port below " + EPHEMERAL_PORTS));
    }

    static int freePort() {
        return freePorts(1).getFirst();
    }

    /**
     * Answers {@code status}: with no body when {@code message} is null, else with an API error body as the
     * functions write it, {@code {"errors":[{"message":"..."}]}}, valid JSON whatever the message.
     */
    static void respond(HttpExchange exchange, int status, String message) throws IOException {
        if (message == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        ObjectNode error = JSON.createObjectNode();
        error.putArray("errors").addObject().put("message", message);
        byte[] bytes = JSON.writeValueAsBytes(error);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The request body, or null once it answered 413 for a body longer than {@link #MAX_BODY}. */
    static byte[] body(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            respond(exchange, 413, "Payload Too Large");
            return null;
        }
        return body;
    }
}
