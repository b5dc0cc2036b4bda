package dev.ticketing.local;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run}: starts the platform, prints one line per function with its URL once ready, and
 * stops everything on Ctrl-C. A start that fails prints why and exits with the code
 * {@link PlatformFailure} gives (3: a port is taken, 4: a server could not start, ...).
 */
public final class LocalPlatform {

    private LocalPlatform() {
    }

    public static void main(String[] args) {
        if (List.of(args).contains("-h") || List.of(args).contains("--help")) {
            System.out.print(PlatformOptions.USAGE);
            return;
        }
        PlatformOptions options;
        try {
            options = PlatformOptions.parse(args, Path.of("").toAbsolutePath());
        } catch (PlatformFailure e) {
            System.err.println("error: " + e.getMessage());
            System.exit(e.exitCode());
            return;
        }
        System.out.println("Starting ticketing from " + options.root() + (options.inMemory() ? " (in memory)"
                : " (data in " + options.dataDir() + ")"));
        Platform platform = new Platform(options, line -> {
            System.out.println(line);
            System.out.flush();
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            System.out.println("\nStopping...");
            platform.close();
            System.out.println("Stopped.");
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            platform.start();
        } catch (PlatformFailure e) {
            exit(hook, e.getMessage(), e.exitCode());
            return;
        } catch (RuntimeException e) {
            exit(hook, "the platform could not start: " + e, PlatformFailure.SERVER_FAILED);
            return;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void exit(Thread hook, String message, int code) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down (Ctrl-C while starting)
        }
        System.err.println("error: " + message);
        System.exit(code);
    }
}
