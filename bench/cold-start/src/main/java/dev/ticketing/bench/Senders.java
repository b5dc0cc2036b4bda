package dev.ticketing.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event sender issuer of the benchmarks and of image training (bench only, never deployed):
 * functions started by the bench trust it ({@link #env()}), and the events the bench sends present
 * its tokens, so the event path a benchmark measures or trains is the verified one. Its Ed25519 key
 * is derived from a fixed seed so that separate bench processes (the servers, the training workload)
 * agree on it without sharing a file, as {@link ColdStart#JWT_KEY} does for sessions.
 */
final class Senders {

    static final String ISSUER = "ticketing-bench";
    static final String AUDIENCE = "bench-function";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final KeyPair KEYS = keys();

    private Senders() {
    }

    /** What a function needs to trust this issuer. */
    static Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TICKETING_EVENTS_AUTH_ISSUER", ISSUER);
        env.put("TICKETING_EVENTS_AUTH_AUDIENCE", AUDIENCE);
        env.put("TICKETING_EVENTS_AUTH_JWKS", "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"bench\",\"x\":\""
                + B64.encodeToString(publicKeyBytes()) + "\"}]}");
        return env;
    }

    /** The {@code Authorization} header of an event the bench sends, as a Knative dispatcher's. */
    static String bearer() {
        long now = Instant.now().getEpochSecond();
        String header = B64.encodeToString("{\"alg\":\"EdDSA\",\"kid\":\"bench\"}".getBytes(StandardCharsets.UTF_8));
        String payload = B64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE
                + "\",\"sub\":\"system:serviceaccount:bench:trigger\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}")
                .getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(KEYS.getPrivate());
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return "Bearer " + header + "." + payload + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] publicKeyBytes() {
        byte[] encoded = KEYS.getPublic().getEncoded(); // X.509: a 12-byte prefix, then the 32-byte key
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    private static KeyPair keys() {
        try {
            SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
            seeded.setSeed("ticketing-bench-event-sender".getBytes(StandardCharsets.UTF_8));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, seeded);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
