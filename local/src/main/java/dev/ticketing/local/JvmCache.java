package dev.ticketing.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
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
 * Makes a function start fast (docs/architecture.md#cold-start): its jar extracted
 * ({@code java -Djarmode=tools -jar app.jar extract}) and a JDK AOT cache trained by starting it once
 * ({@code -XX:AOTCacheOutput}, {@code -Dspring.context.exit=onRefresh}) with the same JVM options it
 * runs with. Both depend on the exact jar, so they are redone whenever the jar, the JVM or the options
 * change; a failed training falls back to the extracted jar without cache. A jar built with Spring
 * AOT ({@code process-aot}) also runs with {@code -Dspring.aot.enabled=true}.
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
        try {
            Path dir = directory(module);
            return !Files.isRegularFile(dir.resolve("key")) || !Files.readString(dir.resolve("key")).equals(key(module));
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Extracts and trains {@code module} when stale. Each jar and set of options has its own directory,
     * prepared under a file lock, so platforms started at the same time share it safely; directories
     * of older builds of the module are removed.
     *
     * @param trainingEnv the environment the function needs to reach its refresh (its database)
     */
    Launch prepare(FunctionModule module, Map<String, String> trainingEnv, Path logFile) {
        try {
            Path dir = directory(module);
            Path app = dir.resolve("app").resolve(module.jar().getFileName());
            Path cache = dir.resolve("app.aot");
            Files.createDirectories(root);
            try (FileChannel lockFile = FileChannel.open(root.resolve(dir.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = lockFile.lock()) {
                if (stale(module)) {
                    delete(dir);
                    Files.createDirectories(dir);
                    run(List.of(java, "-Djarmode=tools", "-jar", module.jar().toString(), "extract", "--destination",
                            dir.resolve("app").toString()), Map.of(), logFile, 300);
                    if (aot) {
                        train(module, app, cache, trainingEnv, logFile);
                    }
                    Files.writeString(dir.resolve("key"), key(module));
                    removeOlderBuilds(module, dir);
                }
            }
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(jvmOptions);
            command.add(errorFile(logFile));
            boolean withCache = aot && Files.isRegularFile(cache);
            if (withCache) {
                command.add("-XX:AOTCache=" + cache);
            }
            if (springAot(module)) {
                command.add("-Dspring.aot.enabled=true");
            }
            command.add("-jar");
            command.add(app.toString());
            return new Launch(command, withCache);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void train(FunctionModule module, Path app, Path cache, Map<String, String> env, Path logFile)
            throws IOException {
        List<String> training = new ArrayList<>();
        training.add(java);
        training.addAll(jvmOptions);
        training.add(errorFile(logFile));
        training.add("-XX:AOTCacheOutput=" + cache);
        training.add("-Dspring.context.exit=onRefresh");
        if (springAot(module)) {
            training.add("-Dspring.aot.enabled=true");
        }
        training.add("-jar");
        training.add(app.toString());
        training.add("--server.port=0");
        int exit = run(training, env, logFile, 600);
        if (exit != 0 || !Files.isRegularFile(cache) || Files.size(cache) == 0) {
            log.warn("{}: AOT cache training failed (exit {}), starting without it; see {}", module.name(), exit,
                    logFile);
            Files.deleteIfExists(cache);
        }
    }

    /** JVM crash logs go to the logs folder, not the working directory (the repository root). */
    private static String errorFile(Path logFile) {
        return "-XX:ErrorFile=" + logFile.toAbsolutePath().getParent().resolve("hs_err_pid%p.log");
    }

    /** Whether the jar holds Spring AOT's generated initializers (built with {@code process-aot}). */
    static boolean springAot(FunctionModule module) {
        try (ZipFile zip = new ZipFile(module.jar().toFile())) {
            return zip.stream().anyMatch(e -> e.getName().endsWith("__ApplicationContextInitializer.class"));
        } catch (IOException e) {
            return false;
        }
    }

    private Path directory(FunctionModule module) throws IOException {
        return root.resolve(module.name() + "-" + hash(key(module)));
    }

    private void removeOlderBuilds(FunctionModule module, Path current) {
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (Files.isDirectory(dir) && !dir.equals(current) && name.matches(Pattern.quote(module.name()) + "-[0-9a-f]{12}")
                        && !JvmCache.read(dir.resolve("key")).startsWith(jarKey(module))
                        && Files.getLastModifiedTime(dir).toMillis() < System.currentTimeMillis() - 600_000) {
                    delete(dir);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // an old directory in use or gone: left for next time
        }
    }

    private String key(FunctionModule module) throws IOException {
        return jarKey(module) + java + "\n" + Runtime.version() + "\n" + String.join(" ", jvmOptions) + "\naot=" + aot
                + "\n";
    }

    private static String jarKey(FunctionModule module) throws IOException {
        return module.jar().toAbsolutePath() + "\n" + Files.size(module.jar()) + "\n"
                + Files.getLastModifiedTime(module.jar()).toMillis() + "\n";
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
