package dev.ticketing.auth;

import java.time.Instant;

/** The signed-in caller, as its session token says: id, email, and when the token was issued. */
public record CurrentUser(String id, String email, Instant issuedAt) {
}
