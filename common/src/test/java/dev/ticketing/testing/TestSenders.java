package dev.ticketing.testing;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.PublicJwk;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;

/**
 * The sender issuer of every function under test, standing in for the cluster's service-account
 * issuer: an RSA key made once per test JVM, its JWKS, and sender tokens, valid ones and every kind of
 * bad one. {@link TestEnvironment} makes functions trust it; {@link HttpApi}'s event methods present
 * {@link #token()} unless given another.
 */
public final class TestSenders {

    public static final String ISSUER = "https://issuer.ticketing.test";
    /** The audience of every function under test (set as {@code ticketing.events.auth.audience}). */
    public static final String AUDIENCE = "function-under-test";
    /** The subjects functions under test accept ({@code ticketing.events.auth.subjects}). */
    public static final String SUBJECTS = "system:serviceaccount:ticketing:*";
    public static final String SUBJECT = "system:serviceaccount:ticketing:oidc-trigger";

    private static final KeyPair KEYS = Jwts.SIG.RS256.keyPair().build();
    private static final KeyPair OTHER_KEYS = Jwts.SIG.RS256.keyPair().build();
    private static final PublicJwk<RSAPublicKey> JWK = Jwks.builder().key((RSAPublicKey) KEYS.getPublic())
            .idFromThumbprint().build();

    private TestSenders() {
    }

    /** The issuer's key set, as {@code /openid/v1/jwks} serves it. */
    public static String jwks() {
        return "{\"keys\":[" + Jwks.json(JWK) + "]}";
    }

    /** A key set of the same issuer without the key {@link #token()} is signed with (before a rotation). */
    public static String jwksWithoutTheSigningKey() {
        return "{\"keys\":[" + Jwks.json(Jwks.builder().key((RSAPublicKey) OTHER_KEYS.getPublic()).idFromThumbprint()
                .build()) + "]}";
    }

    /** A valid token for the function under test. */
    public static String token() {
        return token(AUDIENCE, SUBJECT);
    }

    public static String token(String audience, String subject) {
        return signed(ISSUER, audience, subject, Instant.now().plusSeconds(300), KEYS.getPrivate(), JWK.getId());
    }

    public static String forAnotherAudience() {
        return token("another-function", SUBJECT);
    }

    public static String fromAnotherIssuer() {
        return signed("https://issuer.elsewhere.test", AUDIENCE, SUBJECT, Instant.now().plusSeconds(300),
                KEYS.getPrivate(), JWK.getId());
    }

    public static String signedWithAnotherKey() {
        return signed(ISSUER, AUDIENCE, SUBJECT, Instant.now().plusSeconds(300), OTHER_KEYS.getPrivate(), JWK.getId());
    }

    public static String expired() {
        return signed(ISSUER, AUDIENCE, SUBJECT, Instant.now().minusSeconds(600), KEYS.getPrivate(), JWK.getId());
    }

    public static String ofAnotherSubject() {
        return token(AUDIENCE, "system:serviceaccount:elsewhere:intruder");
    }

    /** An HMAC token keyed with the issuer's public key, the classic algorithm-confusion forgery. */
    public static String hmacWithThePublicKey() {
        return Jwts.builder().header().keyId(JWK.getId()).and().issuer(ISSUER).audience().add(AUDIENCE).and()
                .subject(SUBJECT).expiration(Date.from(Instant.now().plusSeconds(300)))
                .signWith(Keys.hmacShaKeyFor(KEYS.getPublic().getEncoded()), Jwts.SIG.HS256).compact();
    }

    private static String signed(String issuer, String audience, String subject, Instant expiry, PrivateKey key,
            String keyId) {
        return Jwts.builder().header().keyId(keyId).and().issuer(issuer).audience().add(audience).and()
                .subject(subject).issuedAt(Date.from(expiry.minusSeconds(600))).expiration(Date.from(expiry))
                .signWith(key, Jwts.SIG.RS256).compact();
    }

    /** The header that carries {@code token}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
