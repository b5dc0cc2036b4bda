package dev.ticketing.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a function start fast (DESIGN section 11): its jar extracted
 * ({@code java -Djarmode=tools -jar app.jar extract}) and a JDK AOT cache trained by starting it once
 * ({@code -XX:AOTCacheOutput}, {@code -Dspring.context.exit=onRefresh}) with the same JVM options it
 * runs with. Both depend on the exact jar, so they are redone whenever the jar, the JVM or the options
 * change; a failed training falls back to the extracted jar without cache.
 */
final class JvmCache {

    private static final Logger log = LoggerFactory.getLogger(JvmCache.class);

    /** How to launch one function: the JVM arguments up to and including {@code -jar <jar>}. */
    record Launch(List<String> command, boolean aotCache) {
    }

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
        Path dir = root.resolve(module.name());
        try {
            return !Files.isRegularFile(dir.resolve("key"))
                    || !Files.readString(dir.resolve("key")).equals(key(module));
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Extracts and trains {@code module} when stale.
     *
     * @param trainingEnv the environment the function needs to reach its refresh (its database)
     */
    Launch prepare(FunctionModule module, Map<String, String> trainingEnv, Path logFile) {
        Path dir = root.resolve(module.name());
        Path app = dir.resolve("app").resolve(module.jar().getFileName());
        Path cache = dir.resolve("app.aot");
        if (stale(module)) {
            delete(dir);
            try {
                Files.createDirectories(dir);
                run(List.of(java, "-Djarmode=tools", "-jar", module.jar().toString(), "extract", "--destination",
                        dir.resolve("app").toString()), Map.of(), logFile, 120);
                if (aot) {
                    List<String> training = new ArrayList<>();
                    training.add(java);
                    training.addAll(jvmOptions);
                    training.add("-XX:AOTCacheOutput=" + cache);
                    training.add("-Dspring.context.exit=onRefresh");
                    training.add("-jar");
                    training.add(app.toString());
                    training.add("--server.port=0");
                    int exit = run(training, trainingEnv, logFile, 300);
                    if (exit != 0 || !Files.isRegularFile(cache)) {
                        log.warn("{}: AOT cache training failed (exit {}), starting without it; see {}", module.name(),
                                exit, logFile);
                        Files.deleteIfExists(cache);
                    }
                }
                Files.writeString(dir.resolve("key"), key(module));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        boolean withCache = aot && Files.isRegularFile(cache);
        if (withCache) {
            command.add("-XX:AOTCache=" + cache);
        }
        command.add("-jar");
        command.add(app.toString());
        return new Launch(command, withCache);
    }

    private String key(FunctionModule module) throws IOException {
        return module.jar().toAbsolutePath() + "\n" + Files.size(module.jar()) + "\n"
                + Files.getLastModifiedTime(module.jar()).toMillis() + "\n" + java + "\n" + Runtime.version() + "\n"
                + String.join(" ", jvmOptions) + "\naot=" + aot + "\n";
    }

    private static int run(List<String> command, Map<String, String> env, Path logFile, int timeoutSeconds)
            throws IOException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + dir, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
