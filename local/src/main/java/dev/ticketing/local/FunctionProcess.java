package dev.ticketing.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One function module running as its own process and Spring application on its own port, with
 * its output in a log file; ready when its readiness probe ({@code /actuator/health/readiness})
 * answers 200, as Knative's probe decides.
 */
final class FunctionProcess {

    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final FunctionModule module;
    private final int port;
    private final Path logFile;
    private Process process;
    private long startedAt;
    private Duration startup;

    FunctionProcess(FunctionModule module, int port, Path logFile) {
        this.module = module;
        this.port = port;
        this.logFile = logFile;
    }

    String name() {
        return module.name();
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path logFile() {
        return logFile;
    }

    /** From launch to ready, once ready. */
    Duration startup() {
        return startup;
    }

    Process process() {
        return process;
    }

    void start(JvmCache.Launch launch, Map<String, String> env) {
        List<String> command = new ArrayList<>(launch.command());
        command.add("--server.port=" + port);
        try {
            Files.createDirectories(logFile.getParent());
            Files.deleteIfExists(logFile);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
            builder.environment().putAll(env);
            builder.environment().put("PORT", Integer.toString(port));
            startedAt = System.nanoTime();
            process = builder.start();
        } catch (IOException e) {
            throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "Cannot launch " + module.name() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Waits until ready; fails with the end of its log when it exits or does not get ready in time. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (true) {
            if (!process.isAlive()) {
                String tail = tail(40);
                int code = tail.contains("already in use") ? PlatformFailure.PORT_TAKEN : PlatformFailure.SERVER_FAILED;
                throw new PlatformFailure(code, module.name() + " exited with code " + process.exitValue()
                        + " before it was ready (log: " + logFile + "):\n" + tail);
            }
            try {
                HttpResponse<Void> response = PROBE.send(probe, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    startup = Duration.ofNanos(System.nanoTime() - startedAt);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "Interrupted while starting " + module.name());
            }
            if (System.nanoTime() > deadline) {
                throw new PlatformFailure(PlatformFailure.SERVER_FAILED, module.name() + " was not ready within "
                        + timeout.toSeconds() + " s (log: " + logFile + "):\n" + tail(40));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "Interrupted while starting " + module.name());
            }
        }
    }

    /** Asks the process to stop (SIGTERM: Spring shuts down gracefully). */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** Waits for the stop, then kills what is left. */
    void awaitStopped(Duration grace) {
        if (process == null) {
            return;
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of its log. */
    String tail(int lines) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 16_384);
            file.seek(from);
            byte[] bytes = new byte[(int) (length - from)];
            file.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n");
            return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
