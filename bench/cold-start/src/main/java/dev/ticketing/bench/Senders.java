package dev.ticketing.bench;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event sender issuer of the benchmarks and of image training (bench only, never deployed):
 * functions started by the bench trust it ({@link #env()}), and the events the bench sends present
 * its tokens, so the event path a benchmark measures or trains is the verified one. Its Ed25519 key
 * is derived from a fixed seed ({@link Ed25519#seeded}) so that separate bench processes (the servers,
 * the training workload) agree on it without sharing a file, as the sessions' key does ({@link Sessions}).
 */
final class Senders {

    static final String ISSUER = "ticketing-bench";
    static final String AUDIENCE = "bench-function";
    private static final KeyPair KEYS = Ed25519.seeded("ticketing-bench-event-sender");

    private Senders() {
    }

    /** What a function needs to trust this issuer. */
    static Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TICKETING_EVENTS_AUTH_ISSUER", ISSUER);
        env.put("TICKETING_EVENTS_AUTH_AUDIENCE", AUDIENCE);
        env.put("TICKETING_EVENTS_AUTH_JWKS", "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"bench\",\"x\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(publicKeyBytes()) + "\"}]}");
        return env;
    }

    /** The {@code Authorization} header of an event the bench sends, as a Knative dispatcher's. */
    static String bearer() {
        long now = Instant.now().getEpochSecond();
        return "Bearer " + Ed25519.jwt(KEYS.getPrivate(), "{\"alg\":\"EdDSA\",\"kid\":\"bench\"}",
                "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"system:serviceaccount:bench:trigger\","
                        + "\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
    }

    private static byte[] publicKeyBytes() {
        byte[] encoded = KEYS.getPublic().getEncoded(); // X.509: a 12-byte prefix, then the 32-byte key
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }
}
