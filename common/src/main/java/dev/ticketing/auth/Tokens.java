package dev.ticketing.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies session JWTs: HS256 only (the algorithm is pinned, {@code alg: none} and every
 * other algorithm are refused), payload {@code {id, email}} with {@code iat} and {@code exp}.
 *
 * <p>A verified token is remembered (up to {@value #REMEMBERED} of them, keyed by the whole token, so
 * a changed byte is a different token) with its expiry: a user's next requests skip the signature check
 * and JSON parsing (about a tenth of a write's CPU, bench/RESULTS.md), and a remembered token is still
 * refused once it expires. The key never changes while the process runs.
 */
public class Tokens {

    /** The shortest key HS256 allows: 256 bits. */
    public static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HS256";
    static final int REMEMBERED = 4096;

    private final SecretKey key;
    private final Duration lifetime;
    private final Clock clock;
    private final JwtParser parser;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(CurrentUser user, Instant expiresAt) {
    }

    public Tokens(String jwtKey, Duration lifetime, Clock clock) {
        if (jwtKey == null || jwtKey.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
            throw new IllegalStateException("JWT_KEY must be set to a secret of at least 256 bits ("
                    + MIN_KEY_BYTES + " bytes); for example: export JWT_KEY=$(openssl rand -base64 48)");
        }
        this.key = new SecretKeySpec(jwtKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.lifetime = lifetime;
        this.clock = clock;
        this.parser = Jwts.parser().verifyWith(key).clock(() -> Date.from(clock.instant())).build();
    }

    public String issue(String userId, String email) {
        Instant now = clock.instant();
        return Jwts.builder()
                .claim("id", userId)
                .claim("email", email)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(lifetime)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    /** The user a token names, or empty when it is malformed, tampered, expired or not HS256. */
    public Optional<CurrentUser> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Verified known = verified.get(token);
        if (known != null) {
            if (clock.instant().isBefore(known.expiresAt())) {
                return Optional.of(known.user());
            }
            verified.remove(token);
            return Optional.empty();
        }
        try {
            Jws<Claims> jws = parser.parseSignedClaims(token);
            if (!ALGORITHM.equals(jws.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            Claims claims = jws.getPayload();
            String id = claims.get("id", String.class);
            String email = claims.get("email", String.class);
            if (id == null || email == null || claims.getExpiration() == null || claims.getIssuedAt() == null) {
                return Optional.empty();
            }
            CurrentUser user = new CurrentUser(id, email, claims.getIssuedAt().toInstant());
            remember(token, new Verified(user, claims.getExpiration().toInstant()));
            return Optional.of(user);
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void remember(String token, Verified user) {
        if (verified.size() >= REMEMBERED) {
            verified.clear(); // a crude bound: the next requests verify again, nothing is lost
        }
        verified.put(token, user);
    }
}
