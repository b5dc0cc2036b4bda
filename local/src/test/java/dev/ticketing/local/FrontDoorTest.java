package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ticketing.testing.HttpApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The front door against a real backend: whatever a client sends, it gets an answer in the API format. */
class FrontDoorTest {

    static final String BAD_REQUEST = "{\"errors\":[{\"message\":\"Bad Request\"}]}";

    HttpServer backend;
    FrontDoor frontDoor;
    final SenderIssuer senders = new SenderIssuer();
    /** The last request the backend received: its target, Authorization and Cookie headers. */
    final Map<String, String> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        backend.createContext("/", exchange -> {
            seen.clear();
            seen.put("target", exchange.getRequestURI().toString());
            exchange.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(), values.getFirst()));
            byte[] body = ("received " + exchange.getRequestBody().readAllBytes().length).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        String base = "http://127.0.0.1:" + backend.getAddress().getPort();
        Routes routes = new Routes(List.of(
                new Routes.Route(null, false, "/api/things", "things", 0)));
        frontDoor = new FrontDoor(0, routes, service -> service.equals("things") ? base : null, senders);
        frontDoor.start();
    }

    @Test
    void answers503WithoutTheFunctionsLogWhileItCannotStart() {
        try (FrontDoor down = new FrontDoor(0, new Routes(List.of(new Routes.Route(null, false, "/api/things",
                "things", 0))), service -> {
                    throw new FunctionProcess.Unavailable("things did not start: Exception in Secret.java");
                }, senders)) {
            down.start();

            HttpApi.Response response = new HttpApi(down.url()).get("/api/things");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.errorMessage()).isEqualTo("things is unavailable");
        }
    }

    @AfterEach
    void tearDown() {
        frontDoor.close();
        backend.stop(0);
    }

    @Test
    void forwardsARoutedRequestWithItsBody() {
        HttpApi.Response response = new HttpApi(frontDoor.url()).post("/api/things", "{\"a\":1}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("received 7");
    }

    @Test
    void answersBadRequestToConnect() throws IOException {
        // (an authority-form target, CONNECT example.com:443, never reaches the handler: the JDK server drops it)
        String response = raw("CONNECT /api/things HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400").endsWith(BAD_REQUEST);
    }

    @Test
    void answersBadRequestToAHeaderTheProxyCannotForward() throws IOException {
        // a control character the server takes but the JDK client refuses to send
        String response = raw("GET /api/things HTTP/1.1\r\nHost: localhost\r\nX-Odd: a\u0001b\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400").endsWith(BAD_REQUEST);
    }

    @Test
    void refusesABodyLargerThanOneMebibyte() {
        HttpApi.Response response = new HttpApi(frontDoor.url()).post("/api/things", "x".repeat(HttpServers.MAX_BODY + 1));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.errorMessage()).isEqualTo("Payload Too Large");
    }

    @Test
    void invokesAFunctionByNameWithACloudEventSignedByThePlatformForIt() {
        HttpApi frontDoorApi = new HttpApi(frontDoor.url());

        HttpApi.Response binary = frontDoorApi.binaryEvent("/invoke/things/consumeThing?x=1", "e-1",
                "dev.ticketing.thing.happened", "/dev", "{}", "forged-by-the-caller");
        Map<String, String> binaryReceived = Map.copyOf(seen);
        HttpApi.Response structured = frontDoorApi.structuredEvent("/invoke/things", "e-2",
                "dev.ticketing.thing.happened", "/dev", "{}", null);

        assertThat(binary.status()).isEqualTo(200);
        assertThat(structured.status()).isEqualTo(200);
        assertThat(binaryReceived.get("target")).isEqualTo("/consumeThing?x=1");
        assertThat(senders.verifier("things").verify(binaryReceived.get("authorization")))
                .isEqualTo(FrontDoor.DEVELOPER);
        assertThat(seen.get("target")).isEqualTo("/");
        assertThat(senders.verifier("things").verify(seen.get("authorization"))).isEqualTo(FrontDoor.DEVELOPER);
    }

    @Test
    void invokesAFunctionByNameWithAPlainRequestUntouchedAndAnUnknownOneNotAtAll() {
        HttpApi frontDoorApi = new HttpApi(frontDoor.url());

        HttpApi.Response response = frontDoorApi.post("/invoke/things/placeThing?x=1", "{\"a\":1}",
                "Authorization", "Bearer the-callers-session", "Cookie", "session=s");
        Map<String, String> received = Map.copyOf(seen);
        seen.clear();
        HttpApi.Response unknown = frontDoorApi.binaryEvent("/invoke/nothing/consumeThing", "e-3",
                "dev.ticketing.thing.happened", "/dev", "{}", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("received 7");
        assertThat(received).containsEntry("target", "/placeThing?x=1")
                .containsEntry("authorization", "Bearer the-callers-session").containsEntry("cookie", "session=s");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorMessage()).isEqualTo("Not Found");
        assertThat(seen).isEmpty();
    }

    /** Sends {@code request} as written and returns the whole response (the server closes the connection). */
    String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), frontDoor.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            StringBuilder response = new StringBuilder();
            int n;
            while (!response.toString().endsWith("}]}") && (n = in.read(buffer)) > 0) {
                response.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            return response.toString();
        }
    }
}
