package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every write the embedded MongoDB-compatible server acknowledged is in its file when its process is killed. */
class DurableMongoTest {

    @TempDir
    Path data;

    /** Runs the embedded server on the file given, prints its URI, and runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedMongo mongo = new EmbeddedMongo(0, Path.of(args[0]));
        System.out.println(mongo.uri());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    @Test
    void keepsEveryAcknowledgedWriteWhenTheServerProcessIsKilled() throws Exception {
        Path file = data.resolve("mongo.mv");
        int written = 300;
        try (ChildJvm server = ChildJvm.start(DurableMongoTest.class, data.resolve("child.log"), file.toString())) {
            try (MongoClient client = MongoClients.create(server.readLine())) {
                MongoCollection<Document> tickets = client.getDatabase("tickets").getCollection("tickets");
                for (int i = 0; i < written; i++) {
                    tickets.insertOne(new Document("_id", "t-" + i).append("price", i));
                }
                tickets.updateOne(new Document("_id", "t-0"), new Document("$set", new Document("price", 99)));
            }
            server.kill();
        }

        try (EmbeddedMongo mongo = new EmbeddedMongo(0, file); MongoClient client = MongoClients.create(mongo.uri())) {
            MongoCollection<Document> tickets = client.getDatabase("tickets").getCollection("tickets");
            assertThat(tickets.countDocuments()).isEqualTo(written);
            assertThat(tickets.find(new Document("_id", "t-0")).first().getInteger("price")).isEqualTo(99);
        }
    }
}
