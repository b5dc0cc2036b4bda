package dev.ticketing.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.session.*}: how sessions last.
 *
 * @param tokenLifetime how long one session token is accepted (every function, no database read): the
 *     longest a signed-out or password-changed session keeps working anywhere; default 15 minutes
 * @param renewAfter signin's {@code GET /api/users/currentuser} renews a token at least this old
 *     (after checking the session still stands); default 1 minute
 * @param lifetime a session's longest life from sign-in, renewals included, and the cookie's Max-Age;
 *     default 24 hours
 * @param secure the cookie's {@code Secure} flag ({@code SESSION_COOKIE_SECURE=false} on plain HTTP)
 * @param privateKey the issuers' Ed25519 private key ({@code JWT_PRIVATE_KEY}, signup and signin only)
 */
@ConfigurationProperties("ticketing.session")
public record SessionSettings(
        @DefaultValue("15m") Duration tokenLifetime,
        @DefaultValue("1m") Duration renewAfter,
        @DefaultValue("24h") Duration lifetime,
        @DefaultValue("true") boolean secure,
        String privateKey) {

    public SessionSettings {
        if (tokenLifetime.isNegative() || tokenLifetime.isZero() || lifetime.compareTo(tokenLifetime) < 0) {
            throw new IllegalArgumentException("ticketing.session.token-lifetime must be positive and at most "
                    + "ticketing.session.lifetime");
        }
    }
}
