package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.ticketing.testing.HttpApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function killed with {@code kill -9} comes back by itself, the events meant for it while it was down
 * are all applied, and a front-door request waits for it; an idle function stops and the next request
 * starts it. The function is a small real process ({@link Function}) that records what it applied in a file.
 */
class FunctionSupervisionTest {

    @TempDir
    Path dir;

    FunctionProcess function;
    Broker broker;
    FrontDoor frontDoor;

    /**
     * A function: ready at {@code /actuator/health/readiness}; {@code POST /apply} appends the event's
     * id to the file in {@code APPLIED} before it answers 200; {@code GET /api/things} answers 200.
     */
    public static void main(String[] args) throws IOException {
        Path failStarts = Path.of(System.getenv("FAIL_STARTS"));
        if (Files.exists(failStarts) && Integer.parseInt(Files.readString(failStarts).trim()) > 0) {
            Files.writeString(failStarts, Integer.toString(Integer.parseInt(Files.readString(failStarts).trim()) - 1));
            System.exit(1);
        }
        int port = Integer.parseInt(args[args.length - 1].substring("--server.port=".length()));
        Path applied = Path.of(System.getenv("APPLIED"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/apply")) {
                synchronized (FunctionSupervisionTest.class) {
                    Files.writeString(applied, exchange.getRequestHeaders().getFirst("ce-id") + "\n",
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    FunctionProcess start(FunctionProcess.Scaling scaling) {
        int port = HttpServers.freePort();
        function = new FunctionProcess("things", List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                FunctionSupervisionTest.class.getName(), "--server.port=" + port), port, dir.resolve("things.log"),
                Map.of("APPLIED", dir.resolve("applied").toString(), "FAIL_STARTS", dir.resolve("fail-starts").toString()),
                "/actuator/health/readiness", scaling);
        function.awaitReady();
        frontDoor = new FrontDoor(0, new Routes(List.of(new Routes.Route(null, false,
                "/api/things", "things", 0))), this::activate, new SenderIssuer());
        frontDoor.start();
        return function;
    }

    String activate(String service) {
        return service.equals("things") ? function.activate(Duration.ofSeconds(30)) : null;
    }

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
        if (frontDoor != null) {
            frontDoor.close();
        }
        function.stop();
        function.awaitStopped(Duration.ofSeconds(5));
    }

    @Test
    void aKilledFunctionComesBackAndEveryEventMeantForItIsApplied() throws Exception {
        start(FunctionProcess.Scaling.ALWAYS_UP);
        Files.writeString(dir.resolve("trigger.yaml"), """
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
                    backoffPolicy: exponential
                    backoffDelay: PT0.2S
                """);
        SenderIssuer senders = new SenderIssuer();
        broker = new Broker(0, Manifests.read(dir).triggers(), this::activate, senders,
                new DeadLetterLog(dir.resolve("dead-letters.jsonl")), dir, new DeliveryLog(null));
        broker.start();
        HttpApi ingress = new HttpApi(broker.ingress().toString());
        long killed = function.process().pid();
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            if (i == 20) {
                function.process().destroyForcibly();
            }
            String id = "e-" + i;
            assertThat(ingress.post("", "{}", "Ce-Specversion", "1.0", "Ce-Id", id, "Ce-Source", "/test",
                    "Ce-Type", "dev.ticketing.thing.happened", "Authorization", senders.authorization(SenderIssuer.BROKER_AUDIENCE, SenderIssuer.subject("SinkBinding", "test")))
                    .status()).isEqualTo(202);
            sent.add(id);
            Thread.sleep(5);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> applied().containsAll(sent));
        assertThat(DeadLetter.in(broker.deadLetters())).isEmpty();
        assertThat(function.process().pid()).isNotEqualTo(killed);
    }

    @Test
    void aFrontDoorRequestWaitsForAKilledFunctionInsteadOfFailing() throws Exception {
        start(FunctionProcess.Scaling.ALWAYS_UP);
        function.process().destroyForcibly().waitFor();

        assertThat(new HttpApi(frontDoor.url()).get("/api/things").status()).isEqualTo(200);
    }

    @Test
    void aKilledFunctionWhoseFirstRestartsFailKeepsBeingStartedUntilOneGetsReady() throws Exception {
        start(FunctionProcess.Scaling.ALWAYS_UP);
        long killed = function.process().pid();
        Files.writeString(dir.resolve("fail-starts"), "2");

        function.process().destroyForcibly().waitFor();

        // no request or delivery asks for it: the restarts alone must bring it back
        await().atMost(Duration.ofSeconds(30)).until(() -> function.urlIfRunning() != null
                && java.util.Optional.ofNullable(function.process()).map(Process::pid).orElse(killed) != killed);
        assertThat(Files.readString(dir.resolve("fail-starts"))).isEqualTo("0");
    }

    @Test
    void anIdleFunctionStopsAndTheNextRequestStartsIt() {
        start(new FunctionProcess.Scaling(Duration.ofSeconds(1)));
        long first = function.process().pid();

        await().atMost(Duration.ofSeconds(10)).until(function::stopIfIdle);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(first).isEmpty());
        assertThat(function.process()).isNull();

        assertThat(new HttpApi(frontDoor.url()).get("/api/things").status()).isEqualTo(200);
        assertThat(function.process().pid()).isNotEqualTo(first);
    }

    Set<String> applied() throws IOException {
        Path file = dir.resolve("applied");
        return Files.exists(file) ? new HashSet<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : Set.of();
    }
}
