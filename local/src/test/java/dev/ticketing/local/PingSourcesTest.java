package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PingSource stand-in's schedule. */
class PingSourcesTest {

    @Test
    void keepsTickingAfterATickFails() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer function = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        function.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("ce-type") + " "
                    + exchange.getRequestHeaders().getFirst("ce-source"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        function.start();
        String url = "http://127.0.0.1:" + function.getAddress().getPort();
        PingSourceSpec everyMinute = new PingSourceSpec("ticker", "default", "* * * * *", "application/json", "{}",
                new Destination("Service", "ticker", "/tick"));
        // every minute sped up 60 times: a tick a second; the first one fails
        try (PingSources sources = new PingSources(List.of(everyMinute), service -> null, service -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the first tick fails");
            }
            return url;
        }, new SenderIssuer())) {
            sources.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        } finally {
            function.stop(0);
        }
        assertThat(received.getFirst()).isEqualTo("dev.knative.sources.ping /apis/v1/namespaces/default/pingsources/ticker");
    }

    @Test
    void ticksARunningFunctionAtTheSpedUpRateButDoNotWakeAStoppedOneBeforeTheRealSchedule() throws Exception {
        AtomicInteger received = new AtomicInteger();
        AtomicInteger wakes = new AtomicInteger();
        HttpServer function = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        function.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        function.start();
        String url = "http://127.0.0.1:" + function.getAddress().getPort();
        PingSourceSpec up = new PingSourceSpec("up", "default", "* * * * *", "application/json", "{}",
                new Destination("Service", "up", "/tick"));
        PingSourceSpec down = new PingSourceSpec("down", "default", "* * * * *", "application/json", "{}",
                new Destination("Service", "down", "/tick"));
        try (PingSources sources = new PingSources(List.of(up, down), service -> {
            wakes.incrementAndGet();
            return url;
        }, service -> service.equals("up") ? url : null, new SenderIssuer())) {
            sources.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> received.get() >= 3);
            assertThat(wakes.get()).isZero();
        } finally {
            function.stop(0);
        }
    }

    @Test
    void readsTheSchedulesKnativeUsesAndRefusesOthersAndBrokerSinksWhenTheManifestsAreRead(@TempDir Path dir)
            throws IOException {
        assertThat(PingSources.interval("*/5  * * * *", 1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(PingSources.interval("* * * * *", 60)).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> PingSources.interval("0 * * * *", 1)).isInstanceOf(IllegalArgumentException.class);

        Files.writeString(dir.resolve("hourly.yaml"), pingSource("hourly", "0 * * * *", "Service"));
        assertThatThrownBy(() -> Manifests.read(dir).pingSources()).hasMessageContaining("0 * * * *");
        Files.delete(dir.resolve("hourly.yaml"));
        Files.writeString(dir.resolve("to-broker.yaml"), pingSource("to-broker", "* * * * *", "Broker"));
        assertThatThrownBy(() -> Manifests.read(dir).pingSources()).hasMessageContaining("only a Service sink");
    }

    static String pingSource(String name, String schedule, String sinkKind) {
        return """
                apiVersion: sources.knative.dev/v1
                kind: PingSource
                metadata:
                  name: %s
                  namespace: ticketing
                spec:
                  schedule: "%s"
                  sink:
                    ref: {apiVersion: v1, kind: %s, name: default}
                """.formatted(name, schedule, sinkKind);
    }
}