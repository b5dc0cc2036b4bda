package dev.ticketing.local;

import dev.ticketing.cloudevent.EventAuthProperties;
import dev.ticketing.cloudevent.SenderVerifier;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local platform's sender identity, as Knative Eventing's OIDC gives a cluster's senders one: an
 * issuer with an RSA key made for this run, whose tokens ({@code aud} = the receiver, {@code sub} =
 * the sending Trigger's, PingSource's or SinkBinding's service account) the broker's deliveries and
 * the PingSource ticks present to the functions, and the functions present to the broker ingress.
 * Every function is started trusting this issuer only, with the same verification code as on a
 * cluster ({@link SenderVerifier}).
 */
final class SenderIssuer {

    static final String ISSUER = "ticketing-local-platform";
    /** The audience of the broker ingress (on a cluster, the Broker's {@code status.address.audience}). */
    static final String BROKER_AUDIENCE = "eventing.knative.dev/broker/ticketing/default";
    private static final Duration DELIVERY_TOKEN_LIFETIME = Duration.ofHours(1);
    /** Functions read their sink token once per change; the key, and so every token, lives one run. */
    private static final Duration SINK_TOKEN_LIFETIME = Duration.ofDays(7);

    private final KeyPair keys = Jwts.SIG.RS256.keyPair().build();
    private final PublicJwk<RSAPublicKey> jwk = Jwks.builder().key((RSAPublicKey) keys.getPublic())
            .idFromThumbprint().build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant renewAfter) {
    }

    String jwks() {
        return "{\"keys\":[" + Jwks.json(jwk) + "]}";
    }

    /** The service account name a cluster gives {@code kind}/{@code name}'s OIDC identity, in this namespace. */
    static String subject(String kind, String name) {
        return "system:serviceaccount:ticketing:" + name + "-oidc-" + kind.toLowerCase();
    }

    /** A token for {@code audience} from {@code subject}, made again when half its life has passed. */
    String token(String audience, String subject) {
        Instant now = Instant.now();
        return tokens.compute(audience + " " + subject, (k, held) -> held != null && now.isBefore(held.renewAfter())
                ? held : new Token(sign(audience, subject, now, DELIVERY_TOKEN_LIFETIME),
                        now.plus(DELIVERY_TOKEN_LIFETIME.dividedBy(2)))).value();
    }

    /** The {@code Authorization} header of a request to {@code audience} from {@code subject}. */
    String authorization(String audience, String subject) {
        return "Bearer " + token(audience, subject);
    }

    /** Checks the tokens presented to {@code audience}, as a function checks them. */
    SenderVerifier verifier(String audience) {
        return new SenderVerifier(new EventAuthProperties(ISSUER, audience, jwks(), null, null, null, List.of("*"),
                Duration.ofSeconds(60), Duration.ofSeconds(30), null));
    }

    /**
     * What a function started by the platform needs: this issuer as its only sender issuer, and a file
     * (owner-only) with its token for the broker ingress, as a SinkBinding mounts one on a cluster.
     */
    Map<String, String> functionEnv(String module, Path secrets) {
        Path file = secrets.resolve(module + ".sink-token");
        try {
            Files.createDirectories(secrets);
            SessionKeys.writeOwnerOnly(file, sign(BROKER_AUDIENCE, subject("SinkBinding", module), Instant.now(),
                    SINK_TOKEN_LIFETIME));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return Map.of("TICKETING_EVENTS_AUTH_ISSUER", ISSUER, "TICKETING_EVENTS_AUTH_JWKS", jwks(),
                "TICKETING_EVENTS_AUTH_SINK_TOKEN_FILE", file.toString());
    }

    private String sign(String audience, String subject, Instant now, Duration lifetime) {
        return Jwts.builder().header().keyId(jwk.getId()).and().issuer(ISSUER).audience().add(audience).and()
                .subject(subject).issuedAt(Date.from(now)).expiration(Date.from(now.plus(lifetime)))
                .signWith(keys.getPrivate(), Jwts.SIG.RS256).compact();
    }
}
