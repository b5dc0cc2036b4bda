package dev.ticketing.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The web client (Next.js standalone server, {@code client/.next/standalone/server.js}) as a child
 * process: the Knative Service {@value #SERVICE} of {@code knative/} (no function module), which the
 * front door reaches by the same HTTPRoute rule as the cluster (every path outside {@code /api}).
 * Started only when it has been built and {@code node} is on the PATH; the API works without it.
 */
final class WebClient implements AutoCloseable {

    static final String SERVICE = "client";

    private final Path server;
    private final int port;
    private final Path logFile;
    private Process process;

    private WebClient(Path server, int port, Path logFile) {
        this.server = server;
        this.port = port;
        this.logFile = logFile;
    }

    /** The client of the repository at {@code root}, when it is built; null otherwise. */
    static WebClient ifBuilt(Path root, int port, Path logFile) {
        Path server = server(root);
        return Files.isRegularFile(server) && node() != null ? new WebClient(server, port, logFile) : null;
    }

    /** Why {@link #ifBuilt} found nothing to start. */
    static String whyNotServed(Path root) {
        if (!Files.isRegularFile(server(root))) {
            return "not built: cd client && npm ci && npm run build, then start again";
        }
        return "no node on the PATH to run " + root.relativize(server(root));
    }

    private static Path server(Path root) {
        return root.resolve("client").resolve(".next").resolve("standalone").resolve("server.js");
    }

    private static String node() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "node");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts {@code node server.js}; its server-side API calls go to the front door at {@code apiOrigin}. */
    void start(String apiOrigin, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(node(), server.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .directory(server.getParent().toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("HOSTNAME", "127.0.0.1");
        builder.environment().put("API_ORIGIN", apiOrigin);
        builder.environment().put("NEXT_TELEMETRY_DISABLED", "1");
        if (env.get("STRIPE_PUBLISHABLE_KEY") != null) {
            builder.environment().put("STRIPE_PUBLISHABLE_KEY", env.get("STRIPE_PUBLISHABLE_KEY"));
        }
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "The web client could not start: " + e.getMessage(), e);
        }
    }

    /** Waits for {@code GET /healthz}. */
    void awaitReady(Duration timeout) {
        // HTTP/1.1: node drops connections that ask to upgrade to h2c
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/healthz")).timeout(Duration.ofSeconds(2))
                .GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "The web client exited with code "
                        + process.exitValue() + " (log: " + logFile + ")");
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "Interrupted while starting the web client");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "Interrupted while starting the web client");
            }
        }
        throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "The web client was not ready within "
                + timeout.toSeconds() + " s (log: " + logFile + ")");
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
