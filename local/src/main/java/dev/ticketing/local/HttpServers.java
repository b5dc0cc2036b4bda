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
import java.util.concurrent.Executors;

/** JDK HTTP servers on loopback, one virtual thread per request; a taken port is a {@link PlatformFailure}. */
final class HttpServers {

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

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** An API error body as the functions write it: {@code {"errors":[{"message":"..."}]}}. */
    static String error(String message) {
        return "{\"errors\":[{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}]}";
    }
}
