package dev.ticketing.cloudevent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.domain.NotFound;
import dev.ticketing.event.Delivery;
import dev.ticketing.event.OrderCancelled;
import dev.ticketing.event.OrderEnded;
import dev.ticketing.event.OrderExpired;
import dev.ticketing.event.TicketCreated;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.HttpApi;
import dev.ticketing.testing.HttpApi.Response;
import dev.ticketing.testing.TestSenders;
import dev.ticketing.testing.TestTokens;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.function.cloudevent.CloudEventMessageUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/**
 * The CloudEvent edge every function shares, over real HTTP: binary mode with Go-style
 * capitalised headers, structured mode, the sender check (401), and the status rules
 * (202 / 400 / 404 / 422 / 503).
 */
@FunctionTest(properties = {"spring.application.name=endpoint-test", "spring.mongodb.database=endpointtest"})
class CloudEventEndpointTest {

    /** A consumer of {@code order.cancelled} and {@code order.expired} that records what reached it. */
    @SpringBootApplication
    static class App {

        final List<Message<OrderEnded>> received = new CopyOnWriteArrayList<>();

        @Bean
        Function<Message<OrderEnded>, Delivery> recordEnded() {
            return message -> {
                received.add(message);
                return switch (message.getPayload().id()) {
                    case "early" -> Delivery.EARLY;
                    case "missing" -> throw new NotFound("No such ticket");
                    default -> Delivery.APPLIED;
                };
            };
        }

        @Bean
        Function<String, String> notAnEventFunction() {
            return s -> s;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    App app;
    HttpApi api;

    static final String ENDED = "{\"id\":\"o1\",\"version\":1,\"ticket\":{\"id\":\"t1\"}}";

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        app.received.clear();
    }

    @Test
    void deliversBinaryModeEventWithCapitalisedHeaderNames() {
        Response response = api.binaryEvent("/recordEnded", "e-1", OrderCancelled.TYPE, "/functions/cancel-order",
                ENDED);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        Message<OrderEnded> message = app.received.getFirst();
        assertThat(message.getPayload()).isEqualTo(new OrderCancelled("o1", 1, dev.ticketing.event.TicketRef.of("t1")));
        assertThat(CloudEventMessageUtils.getId(message)).isEqualTo("e-1");
        assertThat(CloudEventMessageUtils.getType(message)).isEqualTo(OrderCancelled.TYPE);
        assertThat(CloudEventMessageUtils.getSource(message).toString()).isEqualTo("/functions/cancel-order");
    }

    @Test
    void deliversStructuredModeEvent() {
        Response response = api.structuredEvent("/recordEnded", "e-2", OrderExpired.TYPE, "/functions/expire-order",
                ENDED);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        assertThat(app.received.getFirst().getPayload()).isInstanceOf(OrderExpired.class);
        assertThat(CloudEventMessageUtils.getId(app.received.getFirst())).isEqualTo("e-2");
    }

    @Test
    void refusesATypeTheFunctionDoesNotConsumeWith400() {
        Response response = api.binaryEvent("/recordEnded", "e-3", TicketCreated.TYPE, "/x", ENDED);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessage()).contains(TicketCreated.TYPE);
        assertThat(app.received).isEmpty();
    }

    @Test
    void refusesMalformedEventsWith400() {
        assertThat(api.binaryEvent("/recordEnded", "e-4", OrderCancelled.TYPE, "/x", "{nope").status()).isEqualTo(400);
        assertThat(api.binaryEvent("/recordEnded", "e-5", OrderCancelled.TYPE, "/x", "").status()).isEqualTo(400);
        assertThat(api.binaryEvent("/recordEnded", "e-6", OrderCancelled.TYPE, "/x", "{\"version\":\"x\"}").status())
                .isEqualTo(400);
        assertThat(api.post("/recordEnded", "{\"specversion\":\"1.0\"}", "Content-Type",
                "application/cloudevents+json", "Authorization", TestSenders.bearer(TestSenders.token())).status())
                .isEqualTo(400);
        assertThat(app.received).isEmpty();
    }

    @Test
    void asksForRedeliveryOfAnEarlyEventWith503() {
        Response response = api.binaryEvent("/recordEnded", "e-7", OrderCancelled.TYPE, "/x",
                ENDED.replace("o1", "early"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
    }

    @Test
    void answersAnEventThatCanNeverSucceedWith422NotRetried404() {
        Response response = api.binaryEvent("/recordEnded", "e-8", OrderCancelled.TYPE, "/x",
                ENDED.replace("o1", "missing"));

        assertThat(response.status()).isEqualTo(422);
    }

    @Test
    void refusesAnEventWithoutASenderTokenWith401InBothModes() {
        Response binary = api.binaryEvent("/recordEnded", "e-12", OrderCancelled.TYPE, "/x", ENDED, null);
        Response structured = api.structuredEvent("/recordEnded", "e-13", OrderCancelled.TYPE, "/x", ENDED, null);

        assertThat(binary.status()).isEqualTo(401);
        assertThat(binary.errorMessage()).contains("sender token is required");
        assertThat(binary.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(structured.status()).isEqualTo(401);
        assertThat(app.received).isEmpty();
    }

    @Test
    void refusesEveryTokenNotIssuedForThisFunctionWith401() {
        List<String> forged = List.of(TestSenders.forAnotherAudience(), TestSenders.fromAnotherIssuer(),
                TestSenders.signedWithAnotherKey(), TestSenders.expired(), TestSenders.ofAnotherSubject(),
                TestSenders.hmacWithThePublicKey(), "not-a-jwt", TestTokens.valid("u1", "a@b.c"));
        for (String token : forged) {
            assertThat(api.binaryEvent("/recordEnded", HttpApi.newId(), OrderCancelled.TYPE, "/x", ENDED, token)
                    .status()).as(token).isEqualTo(401);
            assertThat(api.structuredEvent("/recordEnded", HttpApi.newId(), OrderCancelled.TYPE, "/x", ENDED, token)
                    .status()).as(token).isEqualTo(401);
        }
        assertThat(app.received).isEmpty();
    }

    @Test
    void refusesAnUnsignedEventWhateverThePathOrHeaderCase() {
        assertThat(api.post("/recordEnded", ENDED).status()).as("not a CloudEvent").isEqualTo(401);
        assertThat(api.post("/actuator/health", ENDED, "CE-SPECVERSION", "1.0", "ce-id", "e-14", "ce-type",
                OrderCancelled.TYPE, "ce-source", "/x").status()).isEqualTo(401);
        assertThat(api.post("/", "{}", "Content-Type", "application/cloudevents-batch+json").status()).isEqualTo(401);
        assertThat(app.received).isEmpty();
    }

    @Test
    void decidesNothingOnTheHostName() throws Exception {
        // a request through a function's public URL with forwarded headers naming a cluster-local host
        String request = "POST /recordEnded HTTP/1.1\r\nHost: update-ticket.ticketing.example.com\r\n"
                + "X-Forwarded-Host: update-ticket.ticketing.svc.cluster.local\r\n"
                + "Content-Type: application/json\r\nCe-Specversion: 1.0\r\nCe-Id: e-12\r\n"
                + "Ce-Type: " + OrderCancelled.TYPE + "\r\nCe-Source: /x\r\nContent-Length: " + ENDED.length()
                + "\r\nConnection: close\r\n\r\n" + ENDED;
        assertThat(rawRequest(request)).startsWith("HTTP/1.1 401");
        String signed = request.replace("Ce-Specversion", "Authorization: Bearer " + TestSenders.token()
                + "\r\nCe-Specversion");
        assertThat(rawRequest(signed)).startsWith("HTTP/1.1 202");
        assertThat(app.received).hasSize(1);
    }

    private String rawRequest(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void answers404ForUnknownAndNonEventFunctions() {
        assertThat(api.binaryEvent("/nothing", "e-9", OrderCancelled.TYPE, "/x", ENDED).status()).isEqualTo(404);
        assertThat(api.binaryEvent("/notAnEventFunction", "e-10", OrderCancelled.TYPE, "/x", ENDED).status())
                .isEqualTo(404);
        assertThat(api.binaryEvent("/recordEnded%7CnotAnEventFunction", "e-11", OrderCancelled.TYPE, "/x", ENDED)
                .status()).isEqualTo(404);
    }
}
