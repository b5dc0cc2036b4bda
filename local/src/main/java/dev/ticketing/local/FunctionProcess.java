package dev.ticketing.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Knative Service's revision (a function module, or the web client) running as its own process on
 * its own port, with its output in a log file; ready when its readiness probe (a function's
 * {@code /actuator/health/readiness}) answers 200, as Knative's probe decides. It comes back as a
 * revision does: {@link #activate} (the activator) starts it when a request or delivery arrives while it
 * is down and holds the caller until it is ready; a process that dies after it was ready is started
 * again at once (the kubelet's restart), with a growing delay while starts keep failing; and
 * {@link #stopIfIdle} stops it once no request came for its {@link Scaling#idleAfter()} (scale to zero).
 */
final class FunctionProcess {

    private static final Logger log = LoggerFactory.getLogger(FunctionProcess.class);
    /** How long a function may take to get ready before its start counts as failed. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1).build();

    /** Thrown when the function could not be made ready in time: a caller answers 503 or retries. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * The Service's autoscaling annotations as one process can follow them: {@code min-scale} above 0 keeps
     * it up (null); else it stops when no request came for Knative's default stable window, 60 s. No Service
     * in {@code knative/services/} sets a {@code window} or a {@code scale-to-zero-pod-retention-period}: one
     * that does is refused when the manifests are read, before anything starts, rather than followed differently.
     */
    record Scaling(Duration idleAfter) {

        static final Scaling ALWAYS_UP = new Scaling(null);
        private static final String ANNOTATION = "autoscaling.knative.dev/";

        static Scaling of(Manifests manifests, String service) {
            YamlNode annotations = manifests.ofKind("Service", "serving.knative.dev").stream()
                    .filter(s -> s.name().equals(service)).findFirst()
                    .map(s -> s.spec().get("template").get("metadata").get("annotations")).orElse(YamlNode.MISSING);
            if (!annotations.get(ANNOTATION + "window").missing()
                    || !annotations.get(ANNOTATION + "scale-to-zero-pod-retention-period").missing()) {
                throw new IllegalArgumentException("Service " + service + ": an autoscaling window or retention"
                        + " period is not supported locally");
            }
            return annotations.get(ANNOTATION + "min-scale").integer(0) > 0 ? ALWAYS_UP
                    : new Scaling(Duration.ofSeconds(60));
        }
    }

    private final String name;
    private final List<String> command;
    private final int port;
    private final Path logFile;
    private final Map<String, String> env;
    private final String probePath;
    private final Scaling scaling;
    private Process process;
    private CompletableFuture<Void> ready;
    private int failedStarts;
    /** Set when it crashed after it was ready: its starts are retried (with back-off) until one gets ready. */
    private boolean crashed;
    private boolean stopped;
    private volatile long lastRequest = System.nanoTime();
    private volatile Duration startup;

    /** @param env added to the platform's own environment, with {@code PORT} */
    FunctionProcess(String name, List<String> command, int port, Path logFile, Map<String, String> env,
            String probePath, Scaling scaling) {
        this.name = name;
        this.command = List.copyOf(command);
        this.port = port;
        this.logFile = logFile;
        this.env = Map.copyOf(env);
        this.probePath = probePath;
        this.scaling = scaling;
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** From launch to ready, of the last start that got ready. */
    Duration startup() {
        return startup;
    }

    /** Its URL while it is ready, else null; does not count as a request. */
    synchronized String urlIfRunning() {
        return running() ? url() : null;
    }

    private boolean running() {
        return process() != null && ready != null && ready.isDone() && !ready.isCompletedExceptionally();
    }

    /** The running process, or null while it is down. */
    synchronized Process process() {
        return process != null && process.isAlive() ? process : null;
    }

    /** Starts it unless it is running or starting; completes when ready (exceptionally when it did not get ready). */
    synchronized CompletableFuture<Void> start() {
        if (stopped) {
            return CompletableFuture.failedFuture(new Unavailable(name() + " is stopped"));
        }
        if (ready != null && (!ready.isDone() || running())) {
            return ready;
        }
        CompletableFuture<Void> next = new CompletableFuture<>();
        ready = next;
        Duration delay = failedStarts == 0 ? Duration.ZERO
                : Duration.ofMillis(Math.min(30_000, 500L << Math.min(failedStarts - 1, 10)));
        Thread.ofVirtual().name("start-" + name()).start(() -> launchAndAwait(next, delay));
        return next;
    }

    /** The activator: its URL once it is ready, starting it when it is down; waits at most {@code wait}. */
    String activate(Duration wait) {
        lastRequest = System.nanoTime();
        try {
            start().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return url();
        } catch (TimeoutException e) {
            throw new Unavailable(name() + " is not ready after " + wait.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new Unavailable(name() + " did not start: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("Interrupted");
        } finally {
            lastRequest = System.nanoTime();
        }
    }

    /** Waits until ready; a {@link PlatformFailure} with the end of its log when it exits or is not ready in time. */
    void awaitReady() {
        try {
            start().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof PlatformFailure failure ? failure
                    : new PlatformFailure(PlatformFailure.SERVER_FAILED, e.getCause().getMessage(), e.getCause());
        }
    }

    private void launchAndAwait(CompletableFuture<Void> ready, Duration delay) {
        Process started;
        try {
            Thread.sleep(delay);
            synchronized (this) {
                if (stopped) {
                    throw new Unavailable(name() + " is stopped");
                }
                started = launch();
                process = started;
            }
            started.onExit().thenRun(() -> exited(started, ready));
            probe(started);
        } catch (RuntimeException | InterruptedException e) {
            boolean again;
            synchronized (this) {
                failedStarts++;
                if (process != null) {
                    process.destroyForcibly();
                }
                again = crashed && !stopped;
            }
            ready.completeExceptionally(e);
            if (again) {
                log.warn("{} did not start again ({}); retrying", name(),
                        String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                start();
            }
            return;
        }
        synchronized (this) {
            failedStarts = 0;
            crashed = false;
        }
        ready.complete(null);
    }

    private Process launch() {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(process == null ? ProcessBuilder.Redirect.to(logFile.toFile())
                            : ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
            builder.environment().putAll(env);
            builder.environment().put("PORT", Integer.toString(port));
            return builder.start();
        } catch (IOException e) {
            throw new PlatformFailure(PlatformFailure.SERVER_FAILED, "Cannot launch " + name() + ": "
                    + e.getMessage(), e);
        }
    }

    /** A process that ends after it was ready and that nobody stopped is started again (a crash, a kill -9). */
    private void exited(Process ended, CompletableFuture<Void> readyOfIt) {
        synchronized (this) {
            if (stopped || ended != process || !readyOfIt.isDone() || readyOfIt.isCompletedExceptionally()) {
                return;
            }
            crashed = true;
        }
        log.warn("{} exited with code {}; starting it again (log: {})", name(), ended.exitValue(), logFile);
        start();
    }

    private void probe(Process started) throws InterruptedException {
        long begin = System.nanoTime();
        long deadline = begin + READY_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + probePath))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (true) {
            if (!started.isAlive()) {
                String tail = tail(40);
                int code = tail.contains("already in use") ? PlatformFailure.PORT_TAKEN : PlatformFailure.SERVER_FAILED;
                throw new PlatformFailure(code, name() + " exited with code " + started.exitValue()
                        + " before it was ready (log: " + logFile + "):\n" + tail);
            }
            try {
                if (PROBE.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    startup = Duration.ofNanos(System.nanoTime() - begin);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new PlatformFailure(PlatformFailure.SERVER_FAILED, name() + " was not ready within "
                        + READY_TIMEOUT.toSeconds() + " s (log: " + logFile + "):\n" + tail(40));
            }
            Thread.sleep(50);
        }
    }

    /** Scale to zero: stops it (SIGTERM, Spring drains its requests) when no request came for its idle time. */
    synchronized boolean stopIfIdle() {
        if (scaling.idleAfter() == null || process() == null || !ready.isDone()
                || System.nanoTime() - lastRequest < scaling.idleAfter().toNanos()) {
            return false;
        }
        log.info("{}: no request for {} s, scaling to zero", name(), scaling.idleAfter().toSeconds());
        Process idle = process;
        process = null;
        ready = null;
        idle.destroy();
        return true;
    }

    /** Stops it for good (SIGTERM: Spring shuts down gracefully). */
    synchronized void stop() {
        stopped = true;
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** Waits for the stop, then kills what is left. */
    void awaitStopped(Duration grace) {
        Process last;
        synchronized (this) {
            last = process;
        }
        if (last == null) {
            return;
        }
        try {
            if (!last.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                last.destroyForcibly();
                last.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            last.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of its log. */
    String tail(int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
