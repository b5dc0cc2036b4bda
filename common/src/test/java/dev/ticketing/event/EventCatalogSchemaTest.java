package dev.ticketing.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Every catalogued event record, serialised as functions publish it, matches its type's JSON Schema. */
class EventCatalogSchemaTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper TREE = new ObjectMapper();
    private static final String ID = "6b0c1829c4510d6fb20299e2";

    static Stream<Event> samples() {
        TicketRef priced = new TicketRef(ID, new BigDecimal("20.50"));
        return Stream.of(
                new UserCreated(ID, "a@test.com", 0),
                new UserUpdated(ID, "a@test.com", 1),
                new TicketCreated(ID, 0, "Concert", new BigDecimal("20.50"), ID),
                new TicketUpdated(ID, 1, "Concert", new BigDecimal("20"), ID, ID),
                new TicketUpdated(ID, 2, "Concert", new BigDecimal("20"), ID, null),
                new OrderCreated(ID, 0, "created", ID, Instant.parse("2026-11-29T12:00:00Z"), priced),
                new OrderCancelled(ID, 1, TicketRef.of(ID)),
                new OrderExpired(ID, 1, TicketRef.of(ID)),
                new OrderCompleted(ID, 1, TicketRef.of(ID)),
                new ChargeCreated(ID, ID, "pi_123", 2050, "usd"),
                new ChargeRefunded(ID, ID, "re_123", 2050));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void serialisedEventMatchesItsSchema(Event event) throws Exception {
        assertThat(violations(event.type(), JSON.writeValueAsString(event))).isEmpty();
    }

    @Test
    void everyCataloguedTypeHasASchemaAndASample() {
        List<String> sampled = samples().map(Event::type).distinct().toList();
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(EventCatalog.types());
        for (String type : EventCatalog.types()) {
            assertThat(getClass().getClassLoader().getResource(EventCatalog.schemaPath(type))).as(type).isNotNull();
        }
    }

    @Test
    void schemaRejectsAnEventMissingARequiredField() throws Exception {
        assertThat(violations(TicketCreated.TYPE, "{\"id\":\"" + ID + "\",\"version\":0,\"title\":\"x\",\"price\":5}"))
                .isNotEmpty();
        assertThat(violations(OrderCreated.TYPE, JSON.writeValueAsString(
                new OrderCreated(ID, 0, "created", ID, Instant.now(), TicketRef.of(ID))))).isNotEmpty();
    }

    @Test
    void typesFollowTheNamingRule() {
        assertThat(EventCatalog.types()).allMatch(t -> t.matches("dev\\.ticketing\\.[a-z]+\\.[a-z]+ed"));
        assertThat(new OrderExpired(ID, 1, TicketRef.of(ID)).type()).isEqualTo(OrderExpired.TYPE);
    }

    private Set<ValidationMessage> violations(String type, String json) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(EventCatalog.schemaPath(type))) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            return schema.validate(TREE.readTree(json));
        }
    }
}
