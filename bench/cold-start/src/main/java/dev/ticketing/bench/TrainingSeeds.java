package dev.ticketing.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The data a training workload needs so that its requests take the success path (a ticket to edit,
 * an order to cancel, an account to sign in to), written straight into the function's database: an
 * image build has only the function under training, not the functions that would make the data.
 * The documents have the shape the stores write ({@code TicketDocument}, {@code OrderDocument},
 * {@code AccountDocument}); if that shape changes and a seeded request stops succeeding, the
 * training fails (see {@link TrainingWorkload}) instead of silently training an error path.
 */
final class TrainingSeeds implements AutoCloseable {

    /** The password of the seeded account: bcrypt(10) of {@code training-password}, as signup stores it. */
    static final String PASSWORD = "training-password";
    private static final String PASSWORD_HASH = "$2a$10$OzkwJ6.HV9MgpufyKxoWt.vtDBEPgoquj1SM6gJfhM6zfjK7V7/.e";

    private final MongoClient mongo;

    TrainingSeeds(String mongoUri) {
        this.mongo = MongoClients.create(mongoUri);
    }

    /** A free ticket of {@code seller} in the tickets database. */
    void ticket(String id, String seller) {
        mongo.getDatabase("tickets").getCollection("tickets").insertOne(new Document("_id", new ObjectId(id))
                .append("title", "Training").append("priceCents", 2000L).append("userId", seller)
                .append("orderId", null).append("version", 0L).append("createdAt", new Date())
                .append("endedOrderIds", List.of()).append("outbox", List.of()));
    }

    /** A created (unpaid) order of {@code buyer} for {@code ticket} in the orders database. */
    void order(String id, String buyer, String ticket) {
        Instant now = Instant.now();
        mongo.getDatabase("orders").getCollection("orders").insertOne(new Document("_id", new ObjectId(id))
                .append("userId", buyer).append("status", "created").append("placedAt", Date.from(now))
                .append("expiresAt", Date.from(now.plusSeconds(900))).append("version", 0L)
                .append("activeTicketId", ticket)
                .append("ticket", new Document("_id", ticket).append("title", "Training").append("price", "20.00")
                        .append("version", 0L))
                .append("outbox", List.of()));
    }

    /** An account with {@link #PASSWORD} in the accounts database. */
    void account(String id, String email) {
        mongo.getDatabase("accounts").getCollection("accounts").insertOne(new Document("_id", new ObjectId(id))
                .append("email", email).append("passwordHash", PASSWORD_HASH).append("version", 0L)
                .append("outbox", List.of()));
    }

    @Override
    public void close() {
        mongo.close();
    }
}
