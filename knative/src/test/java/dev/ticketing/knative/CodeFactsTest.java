package dev.ticketing.knative;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link CodeFacts} reads routes, consumers, emitted types and environment from sources (a made-up repository). */
class CodeFactsTest {

    @TempDir
    static Path root;

    private static CodeFacts facts;

    @BeforeAll
    static void scan() throws IOException {
        write("functions/pom.xml", """
                <project><modules>
                  <module>tickets</module>
                  <!-- <module>retired</module> -->
                  <module>payments</module>
                </modules></project>
                """);
        Files.createDirectories(root.resolve("knative"));
        write("common/src/main/java/dev/ticketing/cloudevent/Relay.java", """
                package dev.ticketing.cloudevent;
                import dev.ticketing.event.PingTick;
                class Relay {
                    @Bean
                    @ConditionalOnBean(OutboxCollections.class)
                    Function<Message<PingTick>, Delivery> relayOutbox(Outbox outbox) { return t -> Delivery.APPLIED; }
                    @Value("${JWT_KEY:}") String key;
                }
                """);
        write("common/src/main/java/dev/ticketing/ticket/Ticket.java", """
                package dev.ticketing.ticket;
                import dev.ticketing.event.*;
                class Ticket {
                    // new OrderCreated(...) in a comment emits nothing
                    TicketCreated created() { return new TicketCreated(id, 1, "t", 10, "u"); }
                    String text = "new ChargeCreated(";
                }
                """);
        write("common/src/main/java/dev/ticketing/payment/Stripe.java", """
                package dev.ticketing.payment;
                class Stripe { @Value("${STRIPE_KEY}") String key; }
                """);
        write("functions/tickets/src/main/java/dev/ticketing/tickets/TicketsController.java", """
                package dev.ticketing.tickets;
                import dev.ticketing.ticket.Ticket;
                @RestController
                @RequestMapping("/api/tickets")
                class TicketsController {
                    @PostMapping
                    Object create() { return null; }
                    @PutMapping("/{id}")
                    Object update() { return null; }
                    @GetMapping(path = "/{id}")
                    Object show() { return null; }
                    @RequestMapping(value = "/{id}", method = RequestMethod.DELETE)
                    Object remove() { return null; }
                }
                """);
        write("functions/tickets/src/main/java/dev/ticketing/tickets/StatusController.java", """
                package dev.ticketing.tickets;
                @RestController
                class StatusController {
                    @GetMapping("/internal/status")
                    Object notApi() { return null; }
                }
                """);
        write("functions/tickets/src/main/java/dev/ticketing/tickets/TicketsFunctions.java", """
                package dev.ticketing.tickets;
                import dev.ticketing.event.Event;
                import dev.ticketing.event.OrderEnded;
                import dev.ticketing.event.OrderCreated;
                class TicketsFunctions {
                    @Bean
                    OutboxCollections outboxCollections() { return null; }
                    /** Consumes order.cancelled and order.expired. */
                    @Bean
                    Function<Message<OrderEnded>, Delivery> releaseTicket(Object s) { return m -> Delivery.APPLIED; }
                    @Bean("reserve")
                    Function<Message<OrderCreated>, Delivery> reserveTicket(Object s) { return m -> Delivery.APPLIED; }
                    @Bean
                    Function<Message<Event>, Delivery> syncOrder(Object s) {
                        return m -> switch (m.getPayload()) {
                            case OrderCreated c -> Delivery.APPLIED;
                            case OrderEnded e -> Delivery.APPLIED;
                            default -> throw new IllegalArgumentException();
                        };
                    }
                    @Bean
                    Function<String, String> notAConsumer() { return s -> s; }
                }
                """);
        write("functions/tickets/src/main/resources/application.yaml", "spring.mongodb.uri: ${MONGODB_URI:mongodb://localhost}\n");
        write("functions/payments/src/main/java/dev/ticketing/payments/PaymentsFunctions.java", """
                package dev.ticketing.payments;
                import dev.ticketing.payment.Stripe;
                import dev.ticketing.event.ChargeRefunded;
                class PaymentsFunctions {
                    Object refund() { return new dev.ticketing.event.ChargeRefunded("c", "o", "r", 1); }
                }
                """);
        write("client/Dockerfile", "FROM node\n");
        write("client/app/page.jsx", "export default function Home() {}\n");
        write("client/app/(shop)/tickets/[ticketId]/page.jsx", "const o = process.env.API_ORIGIN;\n");
        write("client/app/docs/[...slug]/page.tsx", "export default function Docs() {}\n");
        write("client/app/healthz/route.js", "// export function POST is a comment\nexport async function GET() {}\nexport const HEAD = GET;\n");
        write("client/app/layout.jsx", "export default function Layout() {}\n");
        write("client/lib/api.js", "fetch(process.env.API_HOST);\n");
        facts = CodeFacts.scan(new Repository(root));
    }

    @Test
    void readsTheModulesOfTheFunctionsPomButNotCommentedOnes() {
        assertThat(facts.modules()).containsExactly("tickets", "payments");
    }

    @Test
    void readsApiRoutesWithTheControllerPrefixAndEveryMappingStyle() {
        assertThat(facts.routes("tickets")).extracting(CodeFacts.Route::toString).containsExactly(
                "POST /api/tickets (tickets)",
                "PUT /api/tickets/{id} (tickets)",
                "GET /api/tickets/{id} (tickets)",
                "DELETE /api/tickets/{id} (tickets)");
        assertThat(facts.routes("payments")).isEmpty();
    }

    @Test
    void readsConsumersWithTheTypesTheirPayloadAccepts() {
        assertThat(facts.consumer("tickets", "releaseTicket").orElseThrow().types())
                .containsExactlyInAnyOrder("dev.ticketing.order.cancelled", "dev.ticketing.order.expired");
        assertThat(facts.consumer("tickets", "reserve").orElseThrow().types()).containsExactly("dev.ticketing.order.created");
        assertThat(facts.consumer("tickets", "reserveTicket")).isEmpty();
        assertThat(facts.consumer("tickets", "notAConsumer")).isEmpty();
    }

    @Test
    void narrowsABroadPayloadToTheTypesTheBeanDispatchesOn() {
        assertThat(facts.consumer("tickets", "syncOrder").orElseThrow().types()).containsExactlyInAnyOrder(
                "dev.ticketing.order.created", "dev.ticketing.order.cancelled", "dev.ticketing.order.expired");
    }

    @Test
    void givesTheCommonRelayOnlyToModulesDeclaringItsConditionBean() {
        assertThat(facts.consumer("tickets", "relayOutbox").orElseThrow().types()).containsExactly("dev.knative.sources.ping");
        assertThat(facts.consumer("tickets", "relayOutbox").orElseThrow().ticked()).isTrue();
        assertThat(facts.consumer("payments", "relayOutbox")).isEmpty();
    }

    @Test
    void findsEmittedTypesWhereCodeConstructsEventsButNotInCommentsOrStrings() {
        assertThat(facts.emittedTypes())
                .containsExactlyInAnyOrder("dev.ticketing.ticket.created", "dev.ticketing.charge.refunded");
    }

    @Test
    void readsTheEnvironmentOfAModuleFromItsFilesAndTheCommonPackagesItRuns() {
        assertThat(facts.environment("tickets")).isEqualTo(Set.of("MONGODB_URI", "JWT_KEY"));
        assertThat(facts.environment("payments")).isEqualTo(Set.of("JWT_KEY", "STRIPE_KEY"));
    }

    @Test
    void readsTheWebClientsPagesRouteHandlersAndEnvironment() {
        assertThat(facts.deployables()).containsExactly("tickets", "payments", "client");
        assertThat(facts.routes("client")).extracting(CodeFacts.Route::toString).containsExactlyInAnyOrder(
                "GET / (client)",
                "GET /tickets/{ticketId} (client)",
                "GET /docs/{slug} (client)",
                "GET /healthz (client)",
                "HEAD /healthz (client)");
        assertThat(facts.environment("client")).containsExactlyInAnyOrder("API_ORIGIN", "API_HOST");
    }

    private static void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
