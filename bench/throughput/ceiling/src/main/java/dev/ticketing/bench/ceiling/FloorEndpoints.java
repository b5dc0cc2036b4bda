package dev.ticketing.bench.ceiling;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The floors of the two measured routes: the least a bare Spring Boot 4 endpoint can do for the same
 * work as the function, with the MongoDB driver and the JDK's HTTP client called directly.
 * <ul>
 * <li>{@code GET /api/floor/tickets/{id}}: one find by {@code _id} with the shown fields (what
 * show-ticket must do, since a ticket's reservation must be visible at once);
 * <li>{@code POST /api/floor/tickets}: a create with a transactional outbox (what create-ticket must do
 * so that no {@code ticket.created} is lost): insert the ticket with the owed event, POST the event to
 * {@code K_SINK}, remove it from the outbox. No validation, no token check.
 * </ul>
 * Only with {@code MONGODB_URI} (and {@code K_SINK} for the create) set; same database and collection
 * as the functions.
 */
@RestController
class FloorEndpoints {

    record NewTicket(String title, String price) {
    }

    private static final Bson SHOWN = Projections.include("title", "priceCents", "userId", "orderId", "version");

    private final MongoCollection<Document> tickets;
    private final URI sink;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    FloorEndpoints() {
        String uri = System.getenv("MONGODB_URI");
        MongoClient client = uri == null ? null : MongoClients.create(uri);
        this.tickets = client == null ? null : client.getDatabase("tickets").getCollection("tickets");
        String sinkUrl = System.getenv("K_SINK");
        this.sink = sinkUrl == null ? null : URI.create(sinkUrl);
    }

    @GetMapping("/api/floor/tickets/{id}")
    ResponseEntity<CeilingApplication.Ticket> show(@PathVariable("id") String id) {
        Document found = ObjectId.isValid(id)
                ? tickets.find(Filters.eq("_id", new ObjectId(id))).projection(SHOWN).first()
                : null;
        if (found == null) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(new CeilingApplication.Ticket(id, found.getString("title"),
                BigDecimal.valueOf(found.get("priceCents", Number.class).longValue(), 2).toPlainString(),
                found.getString("userId"), found.get("version", Number.class).longValue()));
    }

    @PostMapping("/api/floor/tickets")
    ResponseEntity<CeilingApplication.Ticket> create(@RequestBody NewTicket body) throws IOException, InterruptedException {
        ObjectId id = new ObjectId();
        long cents = new BigDecimal(body.price()).movePointRight(2).longValueExact();
        String eventId = UUID.randomUUID().toString();
        String data = "{\"id\":\"" + id.toHexString() + "\",\"title\":\"" + body.title() + "\",\"price\":\""
                + body.price() + "\",\"userId\":\"floor\",\"version\":0}";
        tickets.insertOne(new Document("_id", id).append("title", body.title()).append("priceCents", cents)
                .append("userId", "floor").append("orderId", null).append("version", 0L)
                .append("createdAt", new Date())
                .append("outbox", List.of(new Document("id", eventId).append("type", "ticket.created").append("data", data))));
        HttpResponse<Void> sent = http.send(HttpRequest.newBuilder(sink)
                .header("ce-specversion", "1.0").header("ce-id", eventId).header("ce-type", "ticket.created")
                .header("ce-source", "/floor").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(data)).build(), HttpResponse.BodyHandlers.discarding());
        if (sent.statusCode() / 100 != 2) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        tickets.updateOne(Filters.eq("_id", id), Updates.pull("outbox", new Document("id", eventId)));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new CeilingApplication.Ticket(id.toHexString(), body.title(), body.price(), "floor", 0));
    }
}
