package dev.ticketing.testing;

import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints session JWTs for tests: valid ones under the test key pair (made once per test JVM, never
 * stored), and every kind of bad one.
 */
public final class TestTokens {

    private static final KeyPair KEYS = generate();
    private static final KeyPair OTHER_KEYS = generate();

    /** {@code JWT_PUBLIC_KEY} of every function under test (base64 X.509). */
    public static final String PUBLIC_KEY = Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    /** {@code JWT_PRIVATE_KEY} of the issuers under test (base64 PKCS#8, made once per test JVM). */
    public static final String PRIVATE_KEY = Base64.getEncoder().encodeToString(KEYS.getPrivate().getEncoded());

    private TestTokens() {
    }

    public static KeyPair keys() {
        return KEYS;
    }

    public static String valid(String userId, String email) {
        return signed(userId, email, Instant.now(), Instant.now().plusSeconds(3600), KEYS);
    }

    public static String expired(String userId, String email) {
        return signed(userId, email, Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600), KEYS);
    }

    public static String signedWithOtherKey(String userId, String email) {
        return signed(userId, email, Instant.now(), Instant.now().plusSeconds(3600), OTHER_KEYS);
    }

    /** HS256 keyed with the public key's bytes: the algorithm-confusion attack on asymmetric JWTs. */
    public static String hmacWithThePublicKey(String userId, String email) {
        return claims(userId, email, Instant.now(), Instant.now().plusSeconds(3600))
                .signWith(new SecretKeySpec(PUBLIC_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), Jwts.SIG.HS256)
                .compact();
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
        String payload = b64("{\"id\":\"" + userId + "\",\"email\":\"" + email + "\",\"sid\":\"s\",\"sat\":" + now
                + ",\"ver\":0,\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
        return header + "." + payload + ".";
    }

    /** The {@code Cookie} header value of a signed-in session carrying {@code token}. */
    public static String cookie(String token) {
        return "session=" + Base64.getEncoder().encodeToString(("{\"jwt\":\"" + token + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String signed(String userId, String email, Instant issued, Instant expires, KeyPair keys) {
        return claims(userId, email, issued, expires).signWith(keys.getPrivate(), Jwts.SIG.EdDSA).compact();
    }

    private static io.jsonwebtoken.JwtBuilder claims(String userId, String email, Instant issued, Instant expires) {
        return Jwts.builder()
                .claim("id", userId)
                .claim("email", email)
                .claim("sid", UUID.randomUUID().toString())
                .claim("sat", issued.getEpochSecond())
                .claim("ver", 0L)
                .issuedAt(Date.from(issued))
                .expiration(Date.from(expires));
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
