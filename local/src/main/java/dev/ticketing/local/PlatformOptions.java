package dev.ticketing.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How to run the platform ({@code ./run}'s options, {@link #USAGE}). Ports: the front door on
 * {@code frontDoorPort} (8080); from {@code basePort} (8081) the functions, one port each in name order,
 * then at {@code basePort + 19} the broker, + 20 the Stripe stand-in, + 21 MongoDB, + 22 Redis;
 * {@code basePort} 0 takes free ports. {@code env} holds the environment it reads ({@code MONGODB_URI},
 * {@code REDIS_URL}, {@code JWT_PUBLIC_KEY}, {@code JWT_PRIVATE_KEY}, {@code STRIPE_KEY},
 * {@code STRIPE_API_BASE}, {@code ORDER_EXPIRATION_WINDOW}, ...); {@code functionEnv} is added to every function's.
 */
record PlatformOptions(Path root, int frontDoorPort, int basePort, boolean inMemory, Path dataDir, boolean aotCache,
        boolean alwaysUp, List<String> functionJavaOptions, Map<String, String> env, Map<String, String> functionEnv) {

    /** Quick-starting JVMs (docs/architecture.md#cold-start): C1, serial GC, small heap, headers, stacks. */
    static final List<String> FUNCTION_JAVA_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
            "-XX:+UseSerialGC", "-XX:+UseCompactObjectHeaders", "-Xss512k", "-Xms16m", "-Xmx96m",
            "-XX:MaxHeapFreeRatio=20", "-XX:MinHeapFreeRatio=5", "-XX:ReservedCodeCacheSize=48m");

    /** The option list, shared with {@code ./run}, which prints it and checks option names without building. */
    static final String USAGE = usage();

    static PlatformOptions parse(String[] args, Path cwd) {
        Path root = cwd;
        int port = 8080;
        int basePort = 8081;
        boolean inMemory = false;
        Path data = null;
        boolean aot = true;
        boolean alwaysUp = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> port = number(args, ++i, arg);
                case "--base-port" -> basePort = number(args, ++i, arg);
                case "--in-memory" -> inMemory = true;
                case "--data" -> data = Path.of(value(args, ++i, arg));
                case "--no-aot" -> aot = false;
                case "--always-up" -> alwaysUp = true;
                case "--root" -> root = Path.of(value(args, ++i, arg));
                default -> throw new PlatformFailure(PlatformFailure.USAGE, "Unknown option " + arg + "\n\n" + USAGE);
            }
        }
        root = root.toAbsolutePath().normalize();
        List<String> javaOptions = new ArrayList<>(FUNCTION_JAVA_OPTIONS);
        String extra = System.getenv("FUNCTION_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            javaOptions.addAll(List.of(extra.trim().split("\\s+")));
        }
        return new PlatformOptions(root, port, basePort, inMemory, data == null ? root.resolve(".local-data")
                : data.toAbsolutePath(), aot, alwaysUp, javaOptions, System.getenv(), Map.of());
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new PlatformFailure(PlatformFailure.USAGE, option + " needs a value\n\n" + USAGE);
        }
        return args[i];
    }

    private static int number(String[] args, int i, String option) {
        String value = value(args, i, option);
        if (!value.matches("\\d{1,5}") || Integer.parseInt(value) > 65535) {
            throw new PlatformFailure(PlatformFailure.USAGE, option + " needs a port number, not " + value);
        }
        return Integer.parseInt(value);
    }

    /** These options with {@code name} set to {@code value} in the environment the platform reads (null: unset). */
    PlatformOptions withEnv(String name, String value) {
        return new PlatformOptions(root, frontDoorPort, basePort, inMemory, dataDir, aotCache, alwaysUp,
                functionJavaOptions, with(env, name, value), functionEnv);
    }

    /** These options with {@code name=value} added to every function's environment (over the platform's own). */
    PlatformOptions withFunctionEnv(String name, String value) {
        return new PlatformOptions(root, frontDoorPort, basePort, inMemory, dataDir, aotCache, alwaysUp,
                functionJavaOptions, env, with(functionEnv, name, value));
    }

    private static Map<String, String> with(Map<String, String> map, String name, String value) {
        Map<String, String> next = new HashMap<>(map);
        next.compute(name, (key, old) -> value); // null removes it
        return Map.copyOf(next);
    }

    String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static String usage() {
        try (InputStream in = PlatformOptions.class.getResourceAsStream("/usage.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
