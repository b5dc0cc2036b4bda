package dev.ticketing.updateticket;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ticketing.event.OrderCancelled;
import dev.ticketing.event.OrderCreated;
import dev.ticketing.testing.HttpApi;
import dev.ticketing.testing.HttpApi.Response;
import dev.ticketing.testing.TestEnvironment;
import dev.ticketing.testing.TestTokens;
import dev.ticketing.ticket.NewTicket;
import dev.ticketing.ticket.TicketDetails;
import dev.ticketing.ticket.TicketService;
import java.net.InetSocketAddress;
import java.util.Map;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * A transient failure (the database went away) asks the broker to deliver again (5xx), never 4xx, and
 * the HTTP route answers 503. Runs against its own MongoDB-compatible server, shut down mid-test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {TestEnvironment.class, UpdateTicketDatabaseDownTest.OwnDatabase.class})
@DirtiesContext
class UpdateTicketDatabaseDownTest {

    static final String OWNER = "5f1e2d3c4b5a69788796a5b4";
    static MongoServer server;

    /** Points the function at a server of its own, with short timeouts. */
    static class OwnDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("own-database", Map.of(
                    "spring.mongodb.uri", "mongodb://127.0.0.1:" + address.getPort()
                            + "/?serverSelectionTimeoutMS=1000&connectTimeoutMS=500&socketTimeoutMS=1000")));
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    TicketService tickets;

    @AfterAll
    static void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Test
    void answersRetryableStatusesWhileTheDatabaseIsDown() {
        HttpApi api = new HttpApi(port);
        String id = tickets.create(new NewTicket(OWNER, new TicketDetails("concert", "20"))).id();
        String order = new ObjectId().toHexString();

        server.shutdownNow();

        Response reserve = api.binaryEvent("/reserveTicket", HttpApi.newId(), OrderCreated.TYPE,
                "/functions/place-order", "{\"id\":\"" + order + "\",\"version\":0,\"status\":\"created\","
                        + "\"userId\":\"u\",\"expiresAt\":\"2030-01-01T00:00:00Z\",\"ticket\":{\"id\":\"" + id + "\"}}");
        Response release = api.structuredEvent("/releaseTicket", HttpApi.newId(), OrderCancelled.TYPE,
                "/functions/cancel-order", "{\"id\":\"" + order + "\",\"version\":1,\"ticket\":{\"id\":\"" + id + "\"}}");
        Response edit = api.put("/api/tickets/" + id, "{\"title\":\"opera\",\"price\":10}", "Cookie",
                TestTokens.cookie(TestTokens.valid(OWNER, "owner@test.com")));

        assertThat(reserve.status()).isEqualTo(503);
        assertThat(release.status()).isEqualTo(503);
        assertThat(edit.status()).isEqualTo(503);
        assertThat(edit.header("retry-after")).isEqualTo("1");
        assertThat(reserve.headers().keySet()).noneMatch(h -> h.startsWith("ce-"));
    }
}
