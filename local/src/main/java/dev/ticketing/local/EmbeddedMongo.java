package dev.ticketing.local;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import org.h2.mvstore.MVStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MongoDB-compatible server ({@code mongo-java-server}): its data in an H2 MVStore file under the
 * data folder, kept across restarts, or in memory only. The MVStore commits on its own only about once
 * a second, so a write acknowledged just before a crash would be lost: every command that changed the
 * store commits it before its reply goes out, so whatever a client saw acknowledged is in the file
 * (written to the operating system: it survives the process being killed, not the machine losing power).
 * For the same reason old chunks are not retained: a commit per write would otherwise grow the file by
 * every chunk written in MVStore's default 45 s retention, which only guards against lost disk caches.
 */
final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final String uri;

    /** @param file null for memory only */
    EmbeddedMongo(int port, Path file) {
        MongoBackend backend;
        if (file == null) {
            backend = new MemoryBackend();
        } else {
            try {
                Files.createDirectories(file.getParent());
                MVStore store = MVStore.open(file.toString());
                store.setRetentionTime(0);
                backend = new H2Backend(store) {
                    @Override
                    public Document handleMessage(MongoMessage message) {
                        Document reply = super.handleMessage(message);
                        if (getMvStore().hasUnsavedChanges()) {
                            commit();
                        }
                        return reply;
                    }
                };
            } catch (IOException | RuntimeException e) {
                throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "Cannot open the MongoDB data file " + file
                        + " (" + e.getMessage() + "). Is another ./run using it? Use --in-memory or --data DIR.", e);
            }
        }
        server = new MongoServer(backend);
        try {
            server.bind("127.0.0.1", port);
        } catch (RuntimeException e) {
            backend.close();
            HttpServers.requireFree(port, "MongoDB-compatible server");
            throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "Cannot start the MongoDB-compatible server: "
                    + e.getMessage(), e);
        }
        uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    String uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
