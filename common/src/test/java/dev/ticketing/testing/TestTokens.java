package dev.ticketing.testing;

import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.crypto.spec.SecretKeySpec;

/** Mints JWTs for tests: valid ones under the test {@link #KEY}, and every kind of bad one. */
public final class TestTokens {

    /** The {@code JWT_KEY} of every function under test (test-only, 48 bytes). */
    public static final String KEY = "test-only-jwt-key-0123456789-abcdefghijklmnopqrs";

    private TestTokens() {
    }

    public static String valid(String userId, String email) {
        return signed(userId, email, Instant.now(), Instant.now().plusSeconds(3600), KEY);
    }

    public static String expired(String userId, String email) {
        return signed(userId, email, Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600), KEY);
    }

    public static String signedWithOtherKey(String userId, String email) {
        return signed(userId, email, Instant.now(), Instant.now().plusSeconds(3600),
                "another-key-of-enough-length-0123456789-abcdefgh");
    }

    /** A valid token whose payload was edited after signing. */
    public static String tampered(String userId, String email) {
        String[] parts = valid(userId, email).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(userId, "000000000000000000000000");
        return parts[0] + "." + b64(payload) + "." + parts[2];
    }

    /** An unsigned token ({@code alg: none}). */
    public static String algNone(String userId, String email) {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        long now = Instant.now().getEpochSecond();
        String payload = b64("{\"id\":\"" + userId + "\",\"email\":\"" + email + "\",\"iat\":" + now + ",\"exp\":"
                + (now + 3600) + "}");
        return header + "." + payload + ".";
    }

    /** The {@code Cookie} header value of a signed-in session carrying {@code token}. */
    public static String cookie(String token) {
        return "session=" + Base64.getEncoder().encodeToString(("{\"jwt\":\"" + token + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String signed(String userId, String email, Instant issued, Instant expires, String key) {
        return Jwts.builder()
                .claim("id", userId)
                .claim("email", email)
                .issuedAt(Date.from(issued))
                .expiration(Date.from(expires))
                .signWith(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), Jwts.SIG.HS256)
                .compact();
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
