package dev.ticketing.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * A real HTTP server standing in for the Knative broker's ingress ({@code K_SINK}): it records every
 * CloudEvent a function publishes, and can refuse the next deliveries to test the outbox relay.
 */
public final class EventSink {

    /** One CloudEvent as received: its {@code ce-*} headers (lower-case names) and its body. */
    public record Received(Map<String, String> headers, String body) {

        public String type() {
            return headers.get("ce-type");
        }

        public String source() {
            return headers.get("ce-source");
        }

        public String subject() {
            return headers.get("ce-subject");
        }

        public String id() {
            return headers.get("ce-id");
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static EventSink shared;

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    private EventSink() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 503;
            } else {
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
                received.add(new Received(headers, new String(body, StandardCharsets.UTF_8)));
                status = 202;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The sink shared by every test in this JVM. */
    public static synchronized EventSink shared() {
        if (shared == null) {
            shared = new EventSink();
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public void clear() {
        received.clear();
        failuresLeft.set(0);
    }

    /** Answers 503 to the next {@code count} deliveries. */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<Received> ofType(String type) {
        return received.stream().filter(r -> type.equals(r.type())).toList();
    }

    /** Waits up to 5 s for an event of {@code type} and returns the latest one. */
    public Received await(String type) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !ofType(type).isEmpty());
        List<Received> all = ofType(type);
        return all.getLast();
    }
}
