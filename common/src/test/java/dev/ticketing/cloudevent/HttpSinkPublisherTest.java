package dev.ticketing.cloudevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing to a K_SINK over plain HTTP (the broker ingress), against the JDK's own HTTP server. */
class HttpSinkPublisherTest {

    private static final OutgoingEvent EVENT = new OutgoingEvent("e-1", "dev.ticketing.ticket.created",
            "/functions/create-ticket", "t-1", "t-1", "2026-11-29T12:00:00Z", "{\"id\":\"t-1\"}");

    private HttpServer sink;
    private final AtomicInteger status = new AtomicInteger(202);
    private final Map<String, String> headers = new ConcurrentHashMap<>();
    private final AtomicReference<String> body = new AtomicReference<>();

    @BeforeEach
    void startSink() throws IOException {
        sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sink.createContext("/", exchange -> {
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        sink.start();
    }

    @AfterEach
    void stopSink() {
        sink.stop(0);
    }

    private URI sinkUri() {
        return URI.create("http://127.0.0.1:" + sink.getAddress().getPort() + "/");
    }

    @Test
    void publishesABinaryModeCloudEventToAPlainHttpSink() {
        new HttpSinkPublisher(sinkUri(), Duration.ofSeconds(5), null).publish(EVENT);

        assertThat(headers).containsEntry("ce-specversion", "1.0").containsEntry("ce-id", "e-1")
                .containsEntry("ce-type", "dev.ticketing.ticket.created")
                .containsEntry("ce-source", "/functions/create-ticket").containsEntry("ce-subject", "t-1")
                .containsEntry("ce-partitionkey", "t-1").containsEntry("ce-time", "2026-11-29T12:00:00Z")
                .containsEntry("content-type", "application/json");
        assertThat(body.get()).isEqualTo("{\"id\":\"t-1\"}");
    }

    @Test
    void presentsTheSinkTokenFromItsFileAndReadsItAgainWhenItChanges(@TempDir Path dir) throws IOException {
        Path tokenFile = dir.resolve("token");
        HttpSinkPublisher publisher = new HttpSinkPublisher(sinkUri(), Duration.ofSeconds(5), tokenFile);

        publisher.publish(EVENT);
        assertThat(headers).as("no token file, no header").doesNotContainKey("authorization");

        Files.writeString(tokenFile, "first-token\n");
        publisher.publish(EVENT);
        assertThat(headers).containsEntry("authorization", "Bearer first-token");

        Files.writeString(tokenFile, "renewed-token");
        Files.setLastModifiedTime(tokenFile, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        publisher.publish(EVENT);
        assertThat(headers).containsEntry("authorization", "Bearer renewed-token");
    }

    @Test
    void reportsANon2xxAnswerAsAFailedPublish() {
        status.set(503);

        assertThatThrownBy(() -> new HttpSinkPublisher(sinkUri(), Duration.ofSeconds(5), null).publish(EVENT))
                .isInstanceOf(PublishFailed.class).hasMessageContaining("answered 503");
    }

    @Test
    void reportsAnUnreachableSinkAsAFailedPublish() {
        URI closed = sinkUri();
        sink.stop(0);

        assertThatThrownBy(() -> new HttpSinkPublisher(closed, Duration.ofSeconds(5), null).publish(EVENT))
                .isInstanceOf(PublishFailed.class).hasMessageContaining("unreachable");
    }

    @Test
    void anHttpsSinkIsSpokenToWithTheJdksTlsNotThePlainHttpContext() {
        URI https = URI.create("https://127.0.0.1:" + sink.getAddress().getPort() + "/");

        // the sink speaks plain HTTP, so a real TLS handshake fails (unreachable); the plain-http
        // context would refuse to start one at all
        assertThatThrownBy(() -> new HttpSinkPublisher(https, Duration.ofSeconds(5), null).publish(EVENT))
                .isInstanceOf(PublishFailed.class)
                .satisfies(e -> assertThat(causes(e)).noneMatch(UnsupportedOperationException.class::isInstance));
        assertThat(body.get()).isNull();
    }

    /**
     * Eventing's transport encryption: the broker's certificate is issued by Knative's CA, which the
     * pod gets as {@code K_CA_CERTS}; the publisher trusts it for an https sink, and without it the
     * handshake fails.
     */
    @Test
    void trustsTheCaOfKCaCertsForAnHttpsSink(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("broker.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");
        Path pem = dir.resolve("ca.pem");
        run(keytool, "-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-file", pem.toString());
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
        keys.init(store, "changeit".toCharArray());
        javax.net.ssl.SSLContext server = javax.net.ssl.SSLContext.getInstance("TLS");
        server.init(keys.getKeyManagers(), null, null);
        com.sun.net.httpserver.HttpsServer tls = com.sun.net.httpserver.HttpsServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tls.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(server));
        tls.createContext("/", exchange -> {
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        tls.start();
        try {
            URI https = URI.create("https://127.0.0.1:" + tls.getAddress().getPort() + "/");
            assertThatThrownBy(() -> new HttpSinkPublisher(https, Duration.ofSeconds(5), null).publish(EVENT))
                    .as("the JDK's trust store does not know Knative's CA").isInstanceOf(PublishFailed.class);

            new HttpSinkPublisher(https, Duration.ofSeconds(5), null, Files.readString(pem)).publish(EVENT);

            assertThat(body.get()).isEqualTo("{\"id\":\"t-1\"}");
        } finally {
            tls.stop(0);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }

    @Test
    void thePlainHttpContextRefusesEveryTlsUse() {
        assertThatThrownBy(() -> NoTlsContext.INSTANCE.createSSLEngine()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> NoTlsContext.INSTANCE.getSocketFactory()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> NoTlsContext.INSTANCE.init(null, null, null)).isInstanceOf(UnsupportedOperationException.class);
    }
}
