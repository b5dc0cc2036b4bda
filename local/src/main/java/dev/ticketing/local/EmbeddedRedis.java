package dev.ticketing.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * The {@code redis-server} binary shipped in {@code embedded-redis}: with a data folder it keeps an
 * append-only file there across restarts, else memory only. A redis-server that dies is started again
 * on the same port (as the kubelet restarts a crashed container) and reads its append-only file back:
 * redis writes each change to that file before it answers, so nothing acknowledged is lost to a kill.
 */
final class EmbeddedRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

    private final RedisServer server;
    private final int port;
    private volatile boolean closed;
    private volatile ProcessHandle process;

    /** @param directory null for memory only */
    EmbeddedRedis(int port, Path directory) {
        this.port = port == 0 ? HttpServers.freePort() : port;
        try {
            RedisServerBuilder builder = RedisServer.newRedisServer().port(this.port).bind("127.0.0.1")
                    .onShutdownForceStop(true).setting("save \"\"");
            if (directory != null) {
                Files.createDirectories(directory);
                builder.setting("dir \"" + directory.toAbsolutePath() + "\"").setting("appendonly yes")
                        .setting("appendfsync everysec");
            }
            server = builder.build();
            supervise(startProcess());
        } catch (IOException | RuntimeException e) {
            HttpServers.requireFree(this.port, "Redis");
            throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "Cannot start the embedded redis-server on port "
                    + this.port + ": " + e.getMessage(), e);
        }
    }

    /** Starts redis-server and returns its process (the library does not hand it out). */
    private synchronized ProcessHandle startProcess() throws IOException {
        Set<ProcessHandle> before = ProcessHandle.current().children().collect(Collectors.toSet());
        server.start();
        return ProcessHandle.current().children().filter(p -> !before.contains(p))
                .filter(p -> p.info().command().orElse("").contains("redis-server")).findFirst()
                .orElseThrow(() -> new IOException("redis-server started but its process is not found"));
    }

    private void supervise(ProcessHandle redis) {
        process = redis;
        redis.onExit().thenRun(() -> {
            for (long delay = 100; !closed; delay = Math.min(delay * 2, 5000)) {
                try {
                    synchronized (this) {
                        if (!closed) {
                            server.stop();
                            log.warn("redis-server on port {} exited; starting it again", port);
                            supervise(startProcess());
                        }
                    }
                    return;
                } catch (IOException | RuntimeException e) {
                    log.warn("redis-server on port {} did not start again ({}); retrying", port, e.getMessage());
                    LockSupport.parkNanos(delay * 1_000_000);
                }
            }
        });
    }

    ProcessHandle process() {
        return process;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            server.stop();
        } catch (IOException e) {
            // stopping anyway
        }
    }
}
