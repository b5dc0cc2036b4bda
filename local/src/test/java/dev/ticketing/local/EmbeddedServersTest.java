package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded servers keep their data in the data folder across restarts (and nothing with --in-memory). */
class EmbeddedServersTest {

    @TempDir
    Path data;

    @Test
    void mongoKeepsDocumentsAcrossRestarts() {
        try (EmbeddedMongo mongo = new EmbeddedMongo(0, data.resolve("mongo.mv"));
                MongoClient client = MongoClients.create(mongo.uri())) {
            client.getDatabase("tickets").getCollection("tickets").insertOne(new Document("_id", "t-1").append("title", "Show"));
        }

        try (EmbeddedMongo mongo = new EmbeddedMongo(0, data.resolve("mongo.mv"));
                MongoClient client = MongoClients.create(mongo.uri())) {
            Document found = client.getDatabase("tickets").getCollection("tickets").find(new Document("_id", "t-1")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("title")).isEqualTo("Show");
        }
    }

    @Test
    void redisKeepsKeysAcrossRestartsUnlessInMemory() throws IOException {
        try (EmbeddedRedis redis = new EmbeddedRedis(0, data.resolve("redis"))) {
            assertThat(command(redis.url(), "SET", "expiry", "42")).isEqualTo("+OK");
        }
        try (EmbeddedRedis redis = new EmbeddedRedis(0, data.resolve("redis"))) {
            assertThat(command(redis.url(), "GET", "expiry")).isEqualTo("42");
        }

        try (EmbeddedRedis redis = new EmbeddedRedis(0, null)) {
            command(redis.url(), "SET", "gone", "1");
        }
        try (EmbeddedRedis redis = new EmbeddedRedis(0, null)) {
            assertThat(command(redis.url(), "GET", "gone")).isEqualTo("$-1");
        }
    }

    @Test
    void redisComesBackWithItsDataWhenItsProcessIsKilled() throws IOException {
        try (EmbeddedRedis redis = new EmbeddedRedis(0, data.resolve("redis"))) {
            assertThat(command(redis.url(), "SET", "expiry", "42")).isEqualTo("+OK");
            ProcessHandle first = redis.process();

            assertThat(first.destroyForcibly()).isTrue();

            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> command(redis.url(), "GET", "expiry").equals("42"));
            assertThat(redis.process().pid()).isNotEqualTo(first.pid());
        }
    }

    /** One RESP command; the reply's first line, or the bulk string's value. */
    static String command(String url, String... args) throws IOException {
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
            for (String arg : args) {
                request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String first = in.readLine();
            if (first.startsWith("$") && !first.equals("$-1")) {
                return in.readLine();
            }
            return first;
        }
    }
}
