package dev.ticketing.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies session JWTs with the Ed25519 public key: EdDSA only (the algorithm is pinned: HS256 and every
 * other algorithm, {@code alg: none} included, are refused), payload {@code {id, email, sid, sat, ver}}
 * with {@code iat} and {@code exp}. Every function holds one; only the issuers ({@link TokenIssuer}, in
 * signup and signin) hold the private key.
 *
 * <p>A verified token is remembered (up to {@value #REMEMBERED} of them, keyed by the whole token, so a
 * changed byte is a different token) with its expiry: a user's next requests skip the signature check and
 * JSON parsing, and a remembered token is still refused once it expires. The key never changes while the
 * process runs.
 */
public class Tokens {

    static final String ALGORITHM = "EdDSA";
    static final int REMEMBERED = 4096;

    private final PublicKey key;
    private final Clock clock;
    private final JwtParser parser;
    private final Map<String, CurrentUser> verified = new ConcurrentHashMap<>();

    public Tokens(PublicKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
        this.parser = Jwts.parser().verifyWith(key).clock(() -> Date.from(clock.instant())).build();
    }

    PublicKey key() {
        return key;
    }

    /** The user a token names, or empty when it is malformed, tampered, expired or not EdDSA. */
    public Optional<CurrentUser> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        CurrentUser known = verified.get(token);
        if (known != null) {
            if (clock.instant().isBefore(known.expiresAt())) {
                return Optional.of(known);
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
            String sessionId = claims.get("sid", String.class);
            Long signedInAt = claims.get("sat", Long.class);
            Long version = claims.get("ver", Long.class);
            if (id == null || email == null || sessionId == null || signedInAt == null || version == null
                    || claims.getExpiration() == null || claims.getIssuedAt() == null) {
                return Optional.empty();
            }
            CurrentUser user = new CurrentUser(id, email, claims.getIssuedAt().toInstant(),
                    claims.getExpiration().toInstant(), sessionId, Instant.ofEpochSecond(signedInAt), version);
            remember(token, user);
            return Optional.of(user);
        } catch (JwtException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private void remember(String token, CurrentUser user) {
        if (verified.size() >= REMEMBERED) {
            verified.clear(); // a crude bound: the next requests verify again, nothing is lost
        }
        verified.put(token, user);
    }
}
