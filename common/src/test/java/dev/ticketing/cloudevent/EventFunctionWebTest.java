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
 * The CloudEvent edge every function shares, served by Spring Cloud Function web, over real HTTP:
 * binary mode with header names in any case, structured mode, the service root routed by type, the
 * sender check (401), the status rules (202 / 400 / 404 / 422 / 503), and each guard the web layer
 * needs on Boot 4. {@code spring.cloud.function.definition} is set, as a module might, to show that
 * it opens no path.
 */
@FunctionTest(properties = {"spring.application.name=endpoint-test", "spring.mongodb.database=endpointtest",
        "spring.cloud.function.definition=recordEnded"})
class EventFunctionWebTest {

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
            return s -> {
                throw new IllegalStateException("reached " + s);
            };
        }

        /** A second consumer, of {@code ticket.created}: the root routes to it by type. */
        @Bean
        Function<Message<TicketCreated>, Delivery> recordCreated() {
            return message -> {
                created.add(message);
                return Delivery.DUPLICATE;
            };
        }

        final List<Message<TicketCreated>> created = new CopyOnWriteArrayList<>();
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
        app.created.clear();
    }

    static final String CREATED = "{\"id\":\"t1\",\"version\":0,\"title\":\"a\",\"price\":1,\"userId\":\"u1\"}";

    @Test
    void routesAnEventAtTheRootToTheFunctionThatConsumesItsTypeInBothModes() {
        Response binary = api.binaryEvent("/", "r-1", OrderCancelled.TYPE, "/functions/cancel-order", ENDED);
        Response structured = api.structuredEvent("/", "r-2", TicketCreated.TYPE, "/functions/create-ticket", CREATED);

        assertThat(binary.status()).isEqualTo(202);
        assertThat(binary.body()).isEmpty();
        assertThat(binary.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        assertThat(structured.status()).isEqualTo(202);
        assertThat(structured.body()).isEmpty();
        assertThat(CloudEventMessageUtils.getId(app.received.getFirst())).isEqualTo("r-1");
        assertThat(app.created.getFirst().getPayload().title()).isEqualTo("a");
        assertThat(CloudEventMessageUtils.getId(app.created.getFirst())).isEqualTo("r-2");
    }

    @Test
    void answersAnEarlyEventOrADomainRefusalAtTheRootAsAtTheFunctionsPath() {
        Response early = api.binaryEvent("/", "r-6", OrderCancelled.TYPE, "/x", ENDED.replace("o1", "early"));
        Response refused = api.structuredEvent("/", "r-7", OrderCancelled.TYPE, "/x", ENDED.replace("o1", "missing"));

        assertThat(early.status()).isEqualTo(503);
        assertThat(early.errorMessage()).contains("deliver it again later");
        assertThat(early.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
        assertThat(refused.status()).isEqualTo(422);
    }

    @Test
    void refusesAnUnsignedOrPlainRequestAtTheRootAndATypeNoFunctionConsumes() {
        Response unsigned = api.binaryEvent("/", "r-3", OrderCancelled.TYPE, "/x", ENDED, null);
        Response plain = api.post("/", ENDED);
        Response unknownType = api.binaryEvent("/", "r-4", "dev.ticketing.nothing.happened", "/x", ENDED);

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(plain.status()).isEqualTo(401);
        assertThat(plain.errorMessage()).contains("sender token is required");
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.errorMessage()).contains("dev.ticketing.nothing.happened");
        assertThat(app.received).isEmpty();
    }

    @Test
    void routesByTypeAloneWhateverRoutingHeaderTheSenderAdds() {
        Response response = api.post("/", ENDED, "Authorization", TestSenders.bearer(TestSenders.token()),
                "ce-specversion", "1.0", "ce-id", "r-5", "ce-type", OrderCancelled.TYPE, "ce-source", "/x",
                "spring.cloud.function.definition", "notAnEventFunction",
                "spring.cloud.function.routing-expression", "'notAnEventFunction'");

        assertThat(response.status()).isEqualTo(202);
        assertThat(app.received).hasSize(1);
    }

    @Test
    void readsBinaryModeHeaderNamesInAnyCase() {
        Response lower = api.post("/recordEnded", ENDED, "Authorization", TestSenders.bearer(TestSenders.token()),
                "ce-specversion", "1.0", "ce-id", "c-1", "ce-type", OrderCancelled.TYPE, "ce-source", "/x");
        Response upper = api.post("/recordEnded", ENDED, "Authorization", TestSenders.bearer(TestSenders.token()),
                "CE-SPECVERSION", "1.0", "CE-ID", "c-2", "CE-TYPE", OrderCancelled.TYPE, "CE-SOURCE", "/x",
                "CONTENT-TYPE", "application/json");

        assertThat(lower.status()).isEqualTo(202);
        assertThat(upper.status()).isEqualTo(202);
        assertThat(app.received).extracting(CloudEventMessageUtils::getId).containsExactly("c-1", "c-2");
    }

    @Test
    void answersAnAppliedEventWithNoHeaderOfTheRequest() {
        Response response = api.post("/recordEnded", ENDED, "Authorization", TestSenders.bearer(TestSenders.token()),
                "ce-specversion", "1.0", "ce-id", "c-3", "ce-type", OrderCancelled.TYPE, "ce-source", "/x",
                "ce-partitionkey", "o1", "ce-traceparent", "00-1-2-01", "X-Echo", "echo");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("ce-"))
                .doesNotContain("authorization", "x-echo");
    }

    @Test
    void refusesAStructuredEventWithoutDataOrWithBadDataWith400() {
        String token = TestSenders.bearer(TestSenders.token());
        String envelope = "{\"specversion\":\"1.0\",\"id\":\"s-1\",\"type\":\"" + OrderCancelled.TYPE
                + "\",\"source\":\"/x\",\"datacontenttype\":\"application/json\"";
        for (String body : List.of(envelope + "}", envelope + ",\"data\":null}", envelope + ",\"data\":\"nope\"}",
                envelope + ",\"data\":{\"version\":\"x\"}}", "[" + envelope + ",\"data\":" + ENDED + "}]", "{nope")) {
            for (String path : List.of("/recordEnded", "/")) {
                Response response = api.post(path, body, "Content-Type", "application/cloudevents+json",
                        "Authorization", token);
                assertThat(response.status()).as(path + " " + body).isEqualTo(400);
                assertThat(response.json().get("errors").get(0).get("message").asString()).isNotBlank();
            }
        }
        for (String noData : List.of(envelope + "}", envelope + ",\"data\":null}")) {
            assertThat(api.post("/recordEnded", noData, "Content-Type", "application/cloudevents+json",
                    "Authorization", token).errorMessage()).isEqualTo("Event data is required");
        }
        assertThat(app.received).isEmpty();
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
    void answers404InTheErrorFormatForEveryPathThatIsNoEventFunction() {
        for (String path : List.of("/nothing", "/api/nothing", "/recordEnded/more", "/notAnEventFunction")) {
            Response response = api.binaryEvent(path, HttpApi.newId(), OrderCancelled.TYPE, "/x", ENDED);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).isEqualTo("{\"errors\":[{\"message\":\"Not Found\"}]}");
        }
        assertThat(api.get("/recordEnded").status()).isEqualTo(404);
        assertThat(api.get("/nothing").status()).isEqualTo(404);
        assertThat(api.put("/recordEnded", ENDED, "Authorization", TestSenders.bearer(TestSenders.token()),
                "ce-specversion", "1.0", "ce-id", "p-1", "ce-type", OrderCancelled.TYPE, "ce-source", "/x").status())
                .isEqualTo(404);
        assertThat(app.received).isEmpty();
    }

    @Test
    void answersHeadRequestsAsUnknownRoutesNotWithAServerError() {
        for (String path : List.of("/", "/recordEnded", "/api/nothing")) {
            assertThat(api.head(path).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void refusesAnEventThatAsksForAStreamWith406BeforeTheFunctionRuns() {
        for (String path : List.of("/recordEnded", "/")) {
            Response response = api.post(path, ENDED, "Authorization", TestSenders.bearer(TestSenders.token()),
                    "ce-specversion", "1.0", "ce-id", HttpApi.newId(), "ce-type", OrderCancelled.TYPE, "ce-source", "/x",
                    "Accept", "text/event-stream");

            assertThat(response.status()).as(path).isEqualTo(406);
        }
        assertThat(app.received).isEmpty();
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
