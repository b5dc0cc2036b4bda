package dev.ticketing.auth;

import io.jsonwebtoken.Jwts;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

/**
 * Signs session tokens with the Ed25519 private key; held only by the functions that sign users in
 * (signup, signin). A token lives {@link SessionSettings#tokenLifetime()} (15 minutes by default) and
 * never beyond its session's {@link SessionSettings#lifetime()} from sign-in; signin renews it while the
 * user is active and the session stands (see {@code docs/security.md}).
 */
public class TokenIssuer {

    private final PrivateKey key;
    private final SessionSettings settings;
    private final Clock clock;

    /** Refuses to start when the private key does not match the public key every function verifies with. */
    public TokenIssuer(PrivateKey key, Tokens verifier, SessionSettings settings, Clock clock) {
        this.key = key;
        this.settings = settings;
        this.clock = clock;
        String probe = sign("probe", "probe@localhost", UUID.randomUUID().toString(), clock.instant(), 0);
        if (verifier.verify(probe).isEmpty()) {
            throw new IllegalStateException("JWT_PRIVATE_KEY does not match JWT_PUBLIC_KEY: tokens it signs would be "
                    + "refused everywhere");
        }
    }

    /** A token of a new session (signed in now). */
    public String signIn(String userId, String email, long accountVersion) {
        return sign(userId, email, UUID.randomUUID().toString(), clock.instant(), accountVersion);
    }

    /** A fresh token of the same session (same id, sign-in time and account version). */
    public String renew(CurrentUser user) {
        return sign(user.id(), user.email(), user.sessionId(), user.signedInAt(), user.accountVersion());
    }

    /** Whether {@code user}'s token should be renewed now: old enough, and its session not over. */
    public boolean renewalDue(CurrentUser user) {
        Instant now = clock.instant();
        return !now.isBefore(user.issuedAt().plus(settings.renewAfter()))
                && now.isBefore(sessionEnd(user.signedInAt()));
    }

    /** When a session signed in at {@code signedInAt} ends at the latest. */
    public Instant sessionEnd(Instant signedInAt) {
        return signedInAt.plus(settings.lifetime());
    }

    private String sign(String userId, String email, String sessionId, Instant signedInAt, long accountVersion) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(settings.tokenLifetime());
        Instant end = sessionEnd(signedInAt.truncatedTo(ChronoUnit.SECONDS));
        return Jwts.builder()
                .claim("id", userId)
                .claim("email", email)
                .claim("sid", sessionId)
                .claim("sat", signedInAt.getEpochSecond())
                .claim("ver", accountVersion)
                .issuedAt(Date.from(now))
                .expiration(Date.from(expires.isBefore(end) ? expires : end))
                .signWith(key, Jwts.SIG.EdDSA)
                .compact();
    }
}
