package dev.ticketing.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * The {@code redis-server} binary shipped in {@code embedded-redis}: with a data folder it keeps an
 * append-only file there across restarts, else memory only.
 */
final class EmbeddedRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    /** @param directory null for memory only */
    EmbeddedRedis(int port, Path directory) {
        this.port = port == 0 ? HttpServers.freePort() : port;
        try {
            RedisServerBuilder builder = RedisServer.newRedisServer().port(this.port).bind("127.0.0.1")
                    .onShutdownForceStop(true);
            if (directory == null) {
                builder.setting("save \"\"").setting("appendonly no");
            } else {
                Files.createDirectories(directory);
                builder.setting("dir \"" + directory.toAbsolutePath() + "\"").setting("appendonly yes")
                        .setting("appendfsync everysec").setting("save \"\"");
            }
            server = builder.build();
            server.start();
        } catch (IOException | RuntimeException e) {
            HttpServers.requireFree(this.port, "Redis");
            throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "Cannot start the embedded redis-server on port "
                    + this.port + ": " + e.getMessage(), e);
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            // stopping anyway
        }
    }
}
