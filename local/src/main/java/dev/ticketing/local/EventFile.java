package dev.ticketing.local;

import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Appends CloudEvents to a JSON-lines file: the fields of a record or map, then {@code event}: every attribute
 * and extension by its name, as text, and {@code data} as text.
 */
class EventFile {

    private static final Logger log = LoggerFactory.getLogger(EventFile.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;

    EventFile(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Appends one line; false (logged) when the file cannot be written. */
    synchronized boolean append(Object fields, CloudEvent event) {
        ObjectNode line = JSON.valueToTree(fields);
        ObjectNode attributes = line.putObject("event");
        Stream.concat(event.getAttributeNames().stream(), event.getExtensionNames().stream()).forEach(name ->
                Optional.ofNullable(CloudEvents.attribute(event, name)).ifPresent(value -> attributes.put(name, value)));
        attributes.put("data", event.getData() == null ? ""
                : new String(event.getData().toBytes(), StandardCharsets.UTF_8));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return true;
        } catch (IOException e) {
            log.error("Cannot append to {}: {}", file, e.getMessage());
            return false;
        }
    }
}
