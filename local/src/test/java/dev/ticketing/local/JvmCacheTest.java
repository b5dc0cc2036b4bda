package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK AOT cache the platform starts a function with, on a function jar the reactor built. */
class JvmCacheTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void trainsTheCacheThroughARequestNotOnlyTheStart() throws Exception {
        FunctionModule browseTickets = FunctionModule.find(ROOT, Manifests.read(ROOT.resolve("knative"))).stream()
                .filter(m -> m.name().equals("browse-tickets")).findFirst().orElseThrow();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        JvmCache cache = new JvmCache(dir.resolve("cache"), java, PlatformOptions.FUNCTION_JAVA_OPTIONS, true);
        List<String> launch;
        try (EmbeddedMongo mongo = new EmbeddedMongo(0, null)) {
            launch = cache.prepare(browseTickets, Map.of("MONGODB_URI", mongo.uri(),
                    "JWT_PUBLIC_KEY", SessionKeys.of(null, null, null).publicKey()), dir.resolve("logs/train.log"));
        }

        assertThat(launch).anyMatch(option -> option.startsWith("-XX:AOTCache="));
        assertThat(cache.stale(browseTickets)).isFalse();
        // a class Tomcat loads only to serve a request: in the cache when the training served one
        assertThat(classesIn(launch).lines().filter(line -> line.contains(" org.apache.catalina.connector.Request")))
                .anyMatch(line -> line.contains(" org.apache.catalina.connector.RequestFacade "));
    }

    @Test
    void runsSpringAotOnlyWhenTheJarHasInitializersOfItsCurrentClasses() throws Exception {
        String app = "BOOT-INF/classes/dev/ticketing/demo/DemoApplication";
        assertThat(JvmCache.springAot(jar("plain", Map.of(app + ".class", 1_000L)))).isFalse();
        assertThat(JvmCache.springAot(jar("aot", Map.of(app + ".class", 1_000L,
                app + "__ApplicationContextInitializer.class", 60_000L)))).isTrue();
        // a plain build after an AOT one: the application compiled again, the old initializers kept
        assertThat(JvmCache.springAot(jar("stale", Map.of(app + ".class", 600_000L,
                app + "__ApplicationContextInitializer.class", 60_000L)))).isFalse();
    }

    private FunctionModule jar(String name, Map<String, Long> entries) throws Exception {
        Path jar = dir.resolve(name + ".jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, Long> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setTime(1_700_000_000_000L + entry.getValue());
                out.putNextEntry(zipEntry);
                out.closeEntry();
            }
        }
        return new FunctionModule(name, jar);
    }

    /** The cache's class list, as the JVM prints it ({@code -XX:+PrintSharedArchiveAndExit}). */
    private String classesIn(List<String> launch) throws Exception {
        List<String> command = new ArrayList<>(launch);
        command.add(command.size() - 2, "-XX:+PrintSharedArchiveAndExit");
        Process print = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(print.getInputStream().readAllBytes());
        assertThat(print.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
