package dev.ticketing.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One dead letter as its log file holds it: what an operator reads and {@code bin/redeliver-dead-letters} posts. */
record DeadLetter(String trigger, int attempts, String failure, String eventId) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every line of {@code log}'s file, oldest first; none while the file does not exist. */
    static List<DeadLetter> in(DeadLetterLog log) {
        try {
            return !Files.exists(log.file()) ? List.of() : Files.readAllLines(log.file()).stream().map(line -> {
                JsonNode entry = JSON.readTree(line);
                return new DeadLetter(entry.path("trigger").asString(), entry.path("attempts").asInt(),
                        entry.path("failure").asString(), entry.path("event").path("id").asString());
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
