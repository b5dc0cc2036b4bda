package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./run}'s command (the platform's main) as a process: what it prints and its exit code when it cannot start. */
class LocalPlatformCommandTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path data;

    record Result(int exitCode, String output) {
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalPlatform.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void exitsWithCode3AndSaysWhichPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result result = run("--port", Integer.toString(taken.getLocalPort()), "--base-port", "0", "--in-memory",
                    "--data", data.toString(), "--root", ROOT.toString());

            assertThat(result.exitCode()).as(result.output()).isEqualTo(PlatformFailure.PORT_TAKEN);
            assertThat(result.output()).contains("error: Port " + taken.getLocalPort() + " (front door) is already in use");
        }
    }

    @Test
    void exitsWithCode4WhenTheDatabaseCannotStart() throws Exception {
        Path notADirectory = Files.writeString(data.resolve("file"), "x");

        Result result = run("--port", "0", "--base-port", "0", "--data", notADirectory.toString(), "--root",
                ROOT.toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(PlatformFailure.SERVER_FAILED);
        assertThat(result.output()).contains("error: Cannot open the MongoDB data file");
    }

    @Test
    void exitsWithCode2OnAnUnknownOption() throws Exception {
        Result result = run("--colour");

        assertThat(result.exitCode()).isEqualTo(PlatformFailure.USAGE);
        assertThat(result.output()).contains("Unknown option --colour").contains("Usage: ./run");
    }

    /**
     * {@code ./run} itself, in a copy of the repository's scripts with nothing built and no Maven: it
     * must answer {@code --help} and bad options from the usage text without building anything.
     */
    @Test
    void theRunScriptAnswersHelpAndBadOptionsWithoutBuilding() throws Exception {
        Files.copy(ROOT.resolve("run"), data.resolve("run"));
        Files.createDirectories(data.resolve("local/src/main/resources"));
        Files.copy(ROOT.resolve("local/src/main/resources/usage.txt"), data.resolve("local/src/main/resources/usage.txt"));
        Files.writeString(data.resolve("mvnw"), "#!/bin/sh\necho BUILT; exit 99\n");
        data.resolve("mvnw").toFile().setExecutable(true);

        Result help = script("--help");
        Result unknown = script("--port", "8080", "--colour");
        Result missing = script("--data");

        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).startsWith("Usage: ./run").contains("--base-port N").doesNotContain("BUILT");
        assertThat(unknown.exitCode()).isEqualTo(PlatformFailure.USAGE);
        assertThat(unknown.output()).startsWith("Unknown option --colour").doesNotContain("BUILT");
        assertThat(missing.exitCode()).isEqualTo(PlatformFailure.USAGE);
        assertThat(missing.output()).startsWith("--data needs a value");
    }

    /**
     * {@code ./run} in a copy with built jars: it builds again, with Spring AOT ({@code -Paot}), when a
     * function jar is newer than its own last build (a plain {@code ./mvnw package} made it), not otherwise.
     */
    @Test
    void theRunScriptBuildsAgainWithSpringAotWhenAJarWasBuiltWithoutIt() throws Exception {
        Files.copy(ROOT.resolve("run"), data.resolve("run"));
        Files.createDirectories(data.resolve("bin"));
        Files.copy(ROOT.resolve("bin/java-home.sh"), data.resolve("bin/java-home.sh"));
        Files.createDirectories(data.resolve("local/src/main/resources"));
        Files.copy(ROOT.resolve("local/src/main/resources/usage.txt"), data.resolve("local/src/main/resources/usage.txt"));
        Files.writeString(data.resolve("mvnw"), "#!/bin/sh\necho BUILT \"$@\"; exit 99\n");
        data.resolve("mvnw").toFile().setExecutable(true);
        Path pom = Files.writeString(data.resolve("pom.xml"), "<project/>");
        Path platform = Files.createDirectories(data.resolve("local/target")).resolve("local-1.jar");
        Path function = Files.createDirectories(data.resolve("functions/demo/target")).resolve("demo-1.jar");
        Files.writeString(data.resolve("functions/demo/pom.xml"), "<project/>");
        Path stamp = data.resolve("local/target/functions-aot.stamp");
        for (Path file : List.of(pom, data.resolve("functions/demo/pom.xml"), platform, function, stamp)) {
            Files.writeString(file, "x");
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        }
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(System.currentTimeMillis() - 30_000));

        Result builtByRun = script("--port", "0");
        Files.setLastModifiedTime(function, FileTime.fromMillis(System.currentTimeMillis()));
        Result builtPlain = script("--port", "0");

        assertThat(builtByRun.output()).doesNotContain("BUILT");
        assertThat(builtPlain.output()).contains("BUILT").contains("-Paot -Daot.train.skip=true package");
    }

    Result script(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", data.resolve("run").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
