package dev.ticketing.cloudevent;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Verifies the sender token of an event ({@code Authorization: Bearer <JWT>}): signed by a key of the
 * issuer's JWKS (asymmetric algorithms only: a JWKS holds public keys, and an HMAC or unsigned token
 * never matches one), issued by the configured issuer, for this function's audience, not expired, and
 * by an allowed subject.
 */
public final class SenderVerifier {

    private final String issuer;
    private final String audience;
    private final List<Pattern> subjects;
    private final long clockSkewSeconds;
    private final IssuerKeys keys;

    public SenderVerifier(EventAuthProperties settings) {
        this.issuer = settings.issuer();
        this.audience = settings.audience();
        this.subjects = settings.subjects().stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(SenderVerifier::glob).toList();
        this.clockSkewSeconds = settings.clockSkew().toSeconds();
        this.keys = IssuerKeys.of(settings);
    }

    /** The verified subject ({@code sub}) of the token in {@code authorization}. */
    public String verify(String authorization) {
        if (issuer == null || issuer.isBlank() || keys == null || audience == null || audience.isBlank()) {
            throw new UnauthenticatedSender("This function accepts no events: no sender issuer is configured");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthenticatedSender("A sender token is required (Authorization: Bearer)");
        }
        Claims claims;
        try {
            claims = Jwts.parser().keyLocator(keys).requireIssuer(issuer).requireAudience(audience)
                    .clockSkewSeconds(clockSkewSeconds).build()
                    .parseSignedClaims(authorization.substring(7).trim()).getPayload();
        } catch (JwtException | IllegalArgumentException e) {
            throw new UnauthenticatedSender("The sender token is not valid for this function");
        }
        String subject = claims.getSubject();
        if (claims.getExpiration() == null || subject == null
                || subjects.stream().noneMatch(p -> p.matcher(subject).matches())) {
            throw new UnauthenticatedSender("The sender token is not valid for this function");
        }
        return subject;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
