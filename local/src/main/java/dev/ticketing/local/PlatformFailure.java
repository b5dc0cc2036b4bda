package dev.ticketing.local;

/** Why the platform could not start, with the process exit code that says so. */
final class PlatformFailure extends RuntimeException {

    /** Exit codes of {@code ./run}. */
    static final int USAGE = 2;
    static final int PORT_TAKEN = 3;
    static final int SERVER_FAILED = 4;
    static final int NOT_BUILT = 5;

    private final int exitCode;

    PlatformFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    PlatformFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
