package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.ticketing.testing.HttpApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events the broker accepted (202) are delivered after its process is killed and started again. */
class DurableBrokerTest {

    @TempDir
    Path dir;

    HttpServer subscriber;
    final AtomicBoolean subscriberUp = new AtomicBoolean();
    final Set<String> delivered = ConcurrentHashMap.newKeySet();

    /**
     * A broker on the deliveries file and Triggers given, delivering to the subscriber URL given; prints its
     * ingress URL and the Authorization header a function of its platform would present there.
     */
    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        SenderIssuer senders = new SenderIssuer();
        Broker broker = broker(dir, args[1], senders);
        broker.start();
        System.out.println(broker.ingress());
        System.out.println(senders.authorization(SenderIssuer.BROKER_AUDIENCE, SenderIssuer.subject("SinkBinding", "test")));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static Broker broker(Path dir, String subscriber, SenderIssuer senders) {
        return new Broker(0, Manifests.read(dir.resolve("knative")).triggers(), name -> subscriber, senders,
                new DeadLetterLog(dir.resolve("dead-letters.jsonl")), dir,
                new DeliveryLog(dir.resolve("broker.mv")));
    }

    @BeforeEach
    void setUp() throws IOException {
        subscriber = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        subscriber.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        subscriber.createContext("/", exchange -> {
            boolean up = subscriberUp.get();
            if (up) {
                delivered.add(exchange.getRequestHeaders().getFirst("ce-id"));
            }
            exchange.sendResponseHeaders(up ? 200 : 503, -1);
            exchange.close();
        });
        subscriber.start();
        Files.createDirectories(dir.resolve("knative"));
        Files.writeString(dir.resolve("knative").resolve("trigger.yaml"), """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: apply-on-happened
                spec:
                  filter:
                    attributes:
                      type: dev.ticketing.thing.happened
                  subscriber:
                    ref: {kind: Service, name: things}
                    uri: /apply
                  delivery:
                    retry: 10
                    backoffDelay: PT0.1S
                """);
    }

    @AfterEach
    void tearDown() {
        subscriber.stop(0);
    }

    @Test
    void deliversAfterARestartWhatItAcceptedBeforeItsProcessWasKilled() throws Exception {
        String url = "http://127.0.0.1:" + subscriber.getAddress().getPort();
        try (ChildJvm child = ChildJvm.start(DurableBrokerTest.class, dir.resolve("child.log"), dir.toString(), url)) {
            HttpApi ingress = new HttpApi(child.readLine());
            String token = child.readLine();
            for (int i = 0; i < 50; i++) {
                assertThat(ingress.post("", "{}", "Ce-Specversion", "1.0", "Ce-Id", "e-" + i, "Ce-Source", "/test",
                        "Ce-Type", "dev.ticketing.thing.happened", "Authorization", token).status()).isEqualTo(202);
            }
            child.kill();
        }
        assertThat(delivered).isEmpty();
        subscriberUp.set(true);

        try (Broker restarted = broker(dir, url, new SenderIssuer())) {
            restarted.start();

            await().atMost(Duration.ofSeconds(20)).until(() -> delivered.size() == 50);
            assertThat(DeadLetter.in(restarted.deadLetters())).isEmpty();
        }
    }
}
