package dev.ticketing.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * The real servers tests talk to, started once per test JVM on loopback and random ports: a
 * MongoDB-compatible {@code mongo-java-server} and the {@code redis-server} binary shipped in
 * {@code embedded-redis}. When {@code MONGODB_URI} / {@code REDIS_URL} are set, those servers are
 * used instead and nothing is started.
 */
public final class EmbeddedServers {

    private static String mongoUri;
    private static String redisUrl;

    private EmbeddedServers() {
    }

    /** A MongoDB connection string without a database name. */
    public static synchronized String mongoUri() {
        if (mongoUri == null) {
            String external = System.getenv("MONGODB_URI");
            if (external != null && !external.isBlank()) {
                mongoUri = external;
            } else {
                MongoServer server = new MongoServer(new MemoryBackend());
                server.bind("127.0.0.1", 0);
                InetSocketAddress address = server.getLocalAddress();
                Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
                mongoUri = "mongodb://127.0.0.1:" + address.getPort();
            }
        }
        return mongoUri;
    }

    /** A {@code redis://host:port} URL. */
    public static synchronized String redisUrl() {
        if (redisUrl == null) {
            String external = System.getenv("REDIS_URL");
            if (external != null && !external.isBlank()) {
                redisUrl = external;
            } else {
                int port = freePort();
                try {
                    RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                            .setting("save \"\"").setting("appendonly no").onShutdownForceStop(true).build();
                    server.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            server.stop();
                        } catch (IOException ignored) {
                            // the JVM is exiting
                        }
                    }));
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not start embedded redis-server", e);
                }
                redisUrl = "redis://127.0.0.1:" + port;
            }
        }
        return redisUrl;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
