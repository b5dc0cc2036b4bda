package dev.ticketing.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A test's own JVM process running one of the test classpath's {@code main} classes, so a test can
 * kill it with {@code kill -9} ({@link #kill()}, {@link Process#destroyForcibly()} sends SIGKILL) the
 * way an operator or the kernel's OOM killer would.
 */
final class ChildJvm implements AutoCloseable {

    final Process process;
    private final BufferedReader out;

    private ChildJvm(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Runs {@code main} with the test's classpath. */
    static ChildJvm start(Class<?> main, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx128m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return start(command, log);
    }

    static ChildJvm start(List<String> command, Path log) throws IOException {
        return start(command, Map.of(), log);
    }

    /** Runs {@code command} with {@code env} added to this JVM's environment. */
    static ChildJvm start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().putAll(env);
        return new ChildJvm(builder.start());
    }

    /** The next line the child printed on its standard output (it announces what the test needs). */
    String readLine() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IOException("the child JVM exited before saying anything");
        }
        return line;
    }

    /** SIGKILL, and wait until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
