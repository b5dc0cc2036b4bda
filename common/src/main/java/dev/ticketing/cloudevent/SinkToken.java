package dev.ticketing.cloudevent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/** The token a function presents to its sink, read from a file and read again whenever the file changes. */
final class SinkToken {

    private final Path file;
    private FileTime readAt;
    private String token;

    SinkToken(Path file) {
        this.file = file;
    }

    synchronized Optional<String> current() {
        if (file == null) {
            return Optional.empty();
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(readAt)) {
                token = Files.readString(file).trim();
                readAt = modified;
            }
        } catch (IOException e) {
            token = null; // no file (no OIDC on this cluster, or a lone function): no token
            readAt = null;
        }
        return token == null || token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
