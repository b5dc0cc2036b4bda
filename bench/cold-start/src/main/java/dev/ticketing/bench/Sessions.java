package dev.ticketing.bench;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The session issuer of the benchmarks and of image training (bench only, never deployed): the functions
 * the bench starts get its keys ({@link #env()}), and the bench's users present its session tokens, as
 * signin would issue them ({@code dev.ticketing.auth.TokenIssuer}: EdDSA, claims {@code id, email, sid,
 * sat, ver, iat, exp}). The Ed25519 key is deliberately derived from a fixed seed ({@link Ed25519#seeded}),
 * as the bench's shared JWT key used to be a constant: the servers, the training workload and the
 * benchmark are separate processes that must agree on it without sharing a file.
 */
final class Sessions {

    private static final KeyPair KEYS = Ed25519.seeded("ticketing-bench-session");

    private Sessions() {
    }

    /** What a function needs to verify (every function) and issue (signup, signin) the bench's sessions. */
    static Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JWT_PUBLIC_KEY", Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()));
        env.put("JWT_PRIVATE_KEY", Base64.getEncoder().encodeToString(KEYS.getPrivate().getEncoded()));
        return env;
    }

    /** The {@code Authorization} header of a signed-in user. */
    static String bearer(String userId, String email) {
        return "Bearer " + jwt(userId, email);
    }

    /** A session token of a user who signed in now, valid for a day. */
    static String jwt(String userId, String email) {
        long now = Instant.now().getEpochSecond();
        return Ed25519.jwt(KEYS.getPrivate(), "{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}",
                "{\"id\":\"" + userId + "\",\"email\":\"" + email + "\",\"sid\":\"" + UUID.randomUUID()
                        + "\",\"sat\":" + now + ",\"ver\":0,\"iat\":" + now + ",\"exp\":" + (now + 86_400) + "}");
    }
}
