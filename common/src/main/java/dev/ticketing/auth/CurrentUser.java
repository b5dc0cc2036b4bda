package dev.ticketing.auth;

import java.time.Instant;

/**
 * The signed-in caller, as its session token says: id, email, when the token was issued and expires,
 * and the session it belongs to (its id, when it signed in, and the account version it signed in at).
 */
public record CurrentUser(String id, String email, Instant issuedAt, Instant expiresAt, String sessionId,
        Instant signedInAt, long accountVersion) {
}
