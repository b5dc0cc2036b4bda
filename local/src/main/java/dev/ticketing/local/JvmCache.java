package dev.ticketing.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Starts a function the way its release image does (docs/architecture.md#cold-start): its jar
 * extracted ({@code java -Djarmode=tools -jar app.jar extract}), Spring AOT's initializers when the
 * jar has them ({@code -Dspring.aot.enabled=true}; {@code ./run} builds with {@code -Paot}), and a JDK
 * AOT cache trained through a request: the function is started with {@code -XX:AOTCacheOutput} and
 * the options it runs with, answers its readiness probe and one request on an unknown route (the
 * web server's request path, the API's JSON error), then stops (SIGTERM) and the JVM writes the cache.
 * All of it depends on the exact jar, JVM and options, so it is redone when one changes; a failed
 * training falls back to the extracted jar without cache.
 */
final class JvmCache {

    private static final Logger log = LoggerFactory.getLogger(JvmCache.class);
    static final String READINESS = "/actuator/health/readiness";

    private final Path root;
    private final String java;
    private final List<String> jvmOptions;
    private final boolean aot;

    JvmCache(Path root, String java, List<String> jvmOptions, boolean aot) {
        this.root = root;
        this.java = java;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.aot = aot;
    }

    /** Whether {@code module} still has to be extracted or trained. */
    boolean stale(FunctionModule module) {
        return !read(directory(module).resolve("key")).equals(key(module));
    }

    /**
     * The JVM arguments that launch {@code module}, up to and including {@code -jar <jar>}. Extracts and
     * trains it first when stale, in a directory of its own per jar and options, under a file lock
     * (platforms started together share it); older builds' directories are removed.
     *
     * @param env the function's environment (its database, its keys): training starts it for real
     */
    List<String> prepare(FunctionModule module, Map<String, String> env, Path logFile) {
        Path dir = directory(module);
        Path app = dir.resolve("app").resolve(module.jar().getFileName());
        Path cache = dir.resolve("app.aot");
        try {
            Files.createDirectories(root);
            try (FileChannel lockFile = FileChannel.open(root.resolve(dir.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                if (stale(module)) {
                    removeBuildsOf(module);
                    Files.createDirectories(dir);
                    extract(module, dir.resolve("app"), logFile);
                    if (aot) {
                        train(module, launch(module, app, logFile), cache, env, logFile);
                    }
                    Files.writeString(dir.resolve("key"), key(module));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = launch(module, app, logFile);
        if (aot && Files.isRegularFile(cache)) {
            command.add(command.size() - 2, "-XX:AOTCache=" + cache);
        }
        return command;
    }

    /** {@code java <options> [-Dspring.aot.enabled=true] -jar <app>}. */
    private List<String> launch(FunctionModule module, Path app, Path logFile) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        // JVM crash logs go to the logs folder, not the working directory (the repository root)
        command.add("-XX:ErrorFile=" + logFile.toAbsolutePath().getParent().resolve("hs_err_pid%p.log"));
        if (springAot(module)) {
            command.add("-Dspring.aot.enabled=true");
        }
        command.addAll(List.of("-jar", app.toString()));
        return command;
    }

    private void extract(FunctionModule module, Path destination, Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        Process extract = new ProcessBuilder(java, "-Djarmode=tools", "-jar", module.jar().toString(), "extract",
                "--destination", destination.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        try {
            if (!extract.waitFor(5, TimeUnit.MINUTES) || extract.exitValue() != 0) {
                extract.destroyForcibly();
                throw new IOException("Cannot extract " + module.jar() + " (see " + logFile + ")");
            }
        } catch (InterruptedException e) {
            extract.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }

    private void train(FunctionModule module, List<String> launch, Path cache, Map<String, String> env, Path logFile)
            throws IOException {
        int port = HttpServers.freePort();
        List<String> command = new ArrayList<>(launch);
        command.add(command.size() - 2, "-XX:AOTCacheOutput=" + cache);
        command.add("--server.port=" + port);
        FunctionProcess training = new FunctionProcess(module.name() + " (training)", command, port, logFile, env,
                READINESS, FunctionProcess.Scaling.ALWAYS_UP);
        try (HttpClient client = HttpClient.newHttpClient()) {
            training.awaitReady();
            client.send(HttpRequest.newBuilder(URI.create(training.url() + "/api/no-such-route")).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException | IOException e) {
            log.warn("{}: AOT cache training failed ({}), starting without it; see {}", module.name(), e.getMessage(),
                    logFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            training.stop();
            training.awaitStopped(Duration.ofMinutes(5)); // the JVM writes the cache as it exits
        }
        if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
            log.warn("{}: training wrote no AOT cache, starting without it; see {}", module.name(), logFile);
            Files.deleteIfExists(cache);
        }
    }

    /**
     * Whether the jar holds Spring AOT's initializers of its current classes: built with
     * {@code process-aot}, which compiles them after the application class. A plain build after an AOT
     * one keeps the old initializers in {@code target/classes} but, when a source changed, compiles the
     * application class again, newer than them: those are stale, and Spring AOT stays off.
     */
    static boolean springAot(FunctionModule module) {
        String suffix = "__ApplicationContextInitializer.class";
        try (ZipFile zip = new ZipFile(module.jar().toFile())) {
            return zip.stream().filter(e -> e.getName().endsWith(suffix)).anyMatch(initializer -> {
                ZipEntry application = zip.getEntry(initializer.getName().replace(suffix, ".class"));
                return application != null && initializer.getTime() >= application.getTime();
            });
        } catch (IOException e) {
            return false;
        }
    }

    private Path directory(FunctionModule module) {
        return root.resolve(module.name() + "-" + String.format("%08x", key(module).hashCode()));
    }

    /** Removes this module's directory and those of its earlier jars not used for ten minutes. */
    private void removeBuildsOf(FunctionModule module) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            String named = Pattern.quote(module.name()) + "-[0-9a-f]{8}";
            for (Path dir : dirs.filter(d -> d.getFileName().toString().matches(named)).toList()) {
                if (dir.equals(directory(module)) || !read(dir.resolve("key")).startsWith(jarKey(module))
                        && Files.getLastModifiedTime(dir).toMillis() < System.currentTimeMillis() - 600_000) {
                    try {
                        FileSystemUtils.deleteRecursively(dir);
                    } catch (IOException e) {
                        // in use by another platform, or gone: left for next time
                    }
                }
            }
        }
    }

    private String key(FunctionModule module) {
        return jarKey(module) + java + "\n" + Runtime.version() + "\n" + String.join(" ", jvmOptions) + "\naot=" + aot
                + "\ntrained through a request\n";
    }

    private static String jarKey(FunctionModule module) {
        try {
            return module.jar().toAbsolutePath() + "\n" + Files.size(module.jar()) + "\n"
                    + Files.getLastModifiedTime(module.jar()).toMillis() + "\n";
        } catch (IOException e) {
            return "";
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
