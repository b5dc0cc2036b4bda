package dev.ticketing.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The web client (Next.js standalone server, {@code client/.next/standalone/server.js}): the Knative
 * Service {@value #SERVICE} of {@code knative/} (no function module), run as a {@link FunctionProcess}
 * like the functions and reached by the front door through the same HTTPRoute rule as on the cluster
 * (every path outside {@code /api}). Run only when it has been built and {@code node} is on the PATH;
 * the API works without it.
 */
final class WebClient {

    static final String SERVICE = "client";
    static final String PROBE = "/healthz";

    private WebClient() {
    }

    /** {@code node server.js} for the client of the repository at {@code root}, when it is built; null otherwise. */
    static List<String> command(Path root) {
        Path server = server(root);
        return Files.isRegularFile(server) && node() != null ? List.of(node(), server.toString()) : null;
    }

    /** Why {@link #command} found nothing to run. */
    static String whyNotServed(Path root) {
        if (!Files.isRegularFile(server(root))) {
            return "not built: cd client && npm ci && npm run build, then start again";
        }
        return "no node on the PATH to run " + root.relativize(server(root));
    }

    /** Its environment: its server-side API calls go to the front door at {@code apiOrigin}. */
    static Map<String, String> env(String apiOrigin, String stripePublishableKey) {
        return stripePublishableKey == null
                ? Map.of("HOSTNAME", "127.0.0.1", "API_ORIGIN", apiOrigin, "NEXT_TELEMETRY_DISABLED", "1")
                : Map.of("HOSTNAME", "127.0.0.1", "API_ORIGIN", apiOrigin, "NEXT_TELEMETRY_DISABLED", "1",
                        "STRIPE_PUBLISHABLE_KEY", stripePublishableKey);
    }

    private static Path server(Path root) {
        return root.resolve("client").resolve(".next").resolve("standalone").resolve("server.js");
    }

    private static String node() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "node")).filter(Files::isExecutable).map(Path::toString).findFirst()
                .orElse(null);
    }
}
