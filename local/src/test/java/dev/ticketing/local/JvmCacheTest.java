package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
        JvmCache.Launch launch;
        try (EmbeddedMongo mongo = new EmbeddedMongo(0, null)) {
            launch = cache.prepare(browseTickets, Map.of("MONGODB_URI", mongo.uri(),
                    "JWT_PUBLIC_KEY", SessionKeys.of(null, null, null).publicKey()), dir.resolve("logs/train.log"));
        }

        assertThat(launch.aotCache()).isTrue();
        assertThat(cache.stale(browseTickets)).isFalse();
        // a class Tomcat loads only to serve a request: in the cache when the training served one
        assertThat(classesIn(launch).lines().filter(line -> line.contains(" org.apache.catalina.connector.Request")))
                .anyMatch(line -> line.contains(" org.apache.catalina.connector.RequestFacade "));
    }

    /** The cache's class list, as the JVM prints it ({@code -XX:+PrintSharedArchiveAndExit}). */
    private String classesIn(JvmCache.Launch launch) throws Exception {
        List<String> command = new ArrayList<>(launch.command());
        command.add(command.size() - 2, "-XX:+PrintSharedArchiveAndExit");
        Process print = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(print.getInputStream().readAllBytes());
        assertThat(print.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
