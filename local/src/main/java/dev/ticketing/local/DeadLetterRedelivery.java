package dev.ticketing.local;

import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redelivers the local platform's dead letters ({@code dead-letters.jsonl}, written by
 * {@link DeadLetterLog}): posts each entry's event, unchanged (same {@code id}, {@code source},
 * attributes and data), in binary mode to the broker's ingress, which delivers it again to every
 * Trigger it matches (consumers are idempotent: one that had it already answers DUPLICATE). The
 * cluster's equivalent feeds the dead-letter topic back to the broker (docs/reliability.md).
 *
 * <p>Each entry the ingress accepted is marked in {@code dead-letters.redelivered} beside the log (the
 * SHA-256 of the entry's line, one per line), so running the command again posts nothing new: only entries
 * dead-lettered since, and those the ingress refused last time. One event dead-lettered by several
 * Triggers is posted once per run. Run with {@code bin/redeliver-dead-letters}.
 */
public final class DeadLetterRedelivery {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a run did: events posted and accepted, entries already redelivered before, entries refused. */
    public record Result(int redelivered, int alreadyRedelivered, int failed, int unreadable) {
    }

    private final Path log;
    private final Path marks;
    private final URI ingress;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param log the dead-letter log ({@code <data>/logs/dead-letters.jsonl})
     * @param ingress the broker's ingress ({@code http://127.0.0.1:<base port + 19>/default/default} locally)
     * @param token sent as {@code Authorization: Bearer} when not null (a broker ingress that requires one)
     */
    public DeadLetterRedelivery(Path log, URI ingress, String token) {
        this.log = log;
        this.marks = log.resolveSibling(log.getFileName().toString().replaceFirst("\\.jsonl$", "") + ".redelivered");
        this.ingress = ingress;
        this.token = token;
    }

    /** Posts every dead letter not redelivered yet; marks each the ingress accepted. */
    public Result run() {
        Set<String> done = new HashSet<>(lines(marks));
        Map<String, Boolean> postedThisRun = new HashMap<>();
        int redelivered = 0;
        int already = 0;
        int failed = 0;
        int unreadable = 0;
        for (String line : lines(log)) {
            String mark = mark(line);
            if (line.isBlank()) {
                continue;
            } else if (done.contains(mark)) {
                already++;
                continue;
            }
            JsonNode event = event(line);
            if (event == null) {
                unreadable++;
                continue;
            }
            String key = event.get("source").asString() + " " + event.get("id").asString();
            boolean first = !postedThisRun.containsKey(key);
            if (postedThisRun.computeIfAbsent(key, k -> post(event))) {
                redelivered += first ? 1 : 0;
                try {
                    Files.writeString(marks, mark + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot record a redelivery in " + marks, e);
                }
                done.add(mark);
            } else {
                failed++;
            }
        }
        return new Result(redelivered, already, failed, unreadable);
    }

    /** The entry's event, or null when the line is no dead letter (no event with an id and a source). */
    private static JsonNode event(String line) {
        try {
            JsonNode event = JSON.readTree(line).path("event");
            return event.hasNonNull("id") && event.hasNonNull("source") ? event : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private boolean post(JsonNode event) {
        HttpRequest.Builder request = HttpRequest.newBuilder(ingress).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        CloudEventBuilder builder = CloudEventBuilder.v1();
        try {
            event.properties().stream().filter(f -> !f.getKey().equals("data") && !f.getKey().equals("specversion"))
                    .forEach(f -> builder.withContextAttribute(f.getKey(), f.getValue().asString()));
            String data = event.path("data").asString("");
            CloudEvents.post(request, data.isEmpty() ? builder.build()
                    : builder.withData(data.getBytes(StandardCharsets.UTF_8)).build());
        } catch (RuntimeException e) {
            System.err.println("Cannot read event " + event.get("id").asString() + " of the dead-letter log: "
                    + e.getMessage());
            return false;
        }
        try {
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                System.err.println("Broker refused " + event.path("type").asString() + " " + event.get("id").asString()
                        + ": HTTP " + status);
            }
            return status / 100 == 2;
        } catch (IOException e) {
            System.err.println("Broker unreachable at " + ingress + ": " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * {@code [--data DIR] [--broker URL] [--token-file FILE]}: defaults {@code .local-data} and the
     * broker of a platform started with the default ports ({@code http://127.0.0.1:8100/default/default}).
     * Exit code 0 when nothing was refused, 1 otherwise (run it again once the broker is up).
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>(Map.of("--data", ".local-data",
                "--broker", "http://127.0.0.1:8100/default/default"));
        for (int i = 0; i < args.length; i += 2) {
            if (!List.of("--data", "--broker", "--token-file").contains(args[i]) || i + 1 == args.length) {
                System.out.println("Usage: bin/redeliver-dead-letters [--data DIR] [--broker URL] [--token-file FILE]");
                System.out.println("Posts every dead letter of DIR/logs/dead-letters.jsonl not redelivered yet to the"
                        + " broker ingress (default http://127.0.0.1:8100/default/default).");
                System.exit(args[i].equals("--help") || args[i].equals("-h") ? 0 : 2);
            }
            options.put(args[i], args[i + 1]);
        }
        String tokenFile = options.get("--token-file");
        DeadLetterRedelivery redelivery = new DeadLetterRedelivery(Path.of(options.get("--data"), "logs",
                "dead-letters.jsonl"), URI.create(options.get("--broker")),
                tokenFile == null ? null : Files.readString(Path.of(tokenFile)).trim());
        Result result = redelivery.run();
        System.out.printf("Redelivered %d event(s); %d entr%s redelivered before; %d refused; %d unreadable (marks: %s)%n",
                result.redelivered(), result.alreadyRedelivered(), result.alreadyRedelivered() == 1 ? "y" : "ies",
                result.failed(), result.unreadable(), redelivery.marks);
        System.exit(result.failed() == 0 ? 0 : 1);
    }

    /** An entry's mark: the SHA-256 of its line, hex (the mark files written so far hold these). */
    private static String mark(String line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}