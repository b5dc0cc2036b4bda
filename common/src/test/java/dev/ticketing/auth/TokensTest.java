package dev.ticketing.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.testing.ManualClock;
import dev.ticketing.testing.TestTokens;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokensTest {

    static final String ID = "6b0c1829c4510d6fb20299e2";
    static final SessionSettings SETTINGS = new SessionSettings(Duration.ofMinutes(15), Duration.ofMinutes(1),
            Duration.ofHours(24), true, null);

    final Tokens tokens = new Tokens(SessionKeys.publicKey(TestTokens.PUBLIC_KEY), Clock.systemUTC());
    final TokenIssuer issuer = issuer(tokens, Clock.systemUTC());

    static TokenIssuer issuer(Tokens tokens, Clock clock) {
        return new TokenIssuer(SessionKeys.privateKey(TestTokens.PRIVATE_KEY), tokens, SETTINGS, clock);
    }

    @Test
    void refusesToStartWithoutAPublicKeyOrWithAPrivateKeyThatDoesNotMatchIt() throws Exception {
        assertThatThrownBy(() -> SessionKeys.publicKey(null)).hasMessageContaining("JWT_PUBLIC_KEY")
                .hasMessageContaining("openssl genpkey -algorithm ed25519");
        assertThatThrownBy(() -> SessionKeys.publicKey("not a key")).hasMessageContaining("JWT_PUBLIC_KEY");
        assertThatThrownBy(() -> SessionKeys.privateKey("")).hasMessageContaining("JWT_PRIVATE_KEY");
        String otherPrivate = Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());
        assertThatThrownBy(() -> new TokenIssuer(SessionKeys.privateKey(otherPrivate), tokens, SETTINGS,
                Clock.systemUTC())).hasMessageContaining("does not match JWT_PUBLIC_KEY");
    }

    @Test
    void readsAKeyAsPemOrAsBareBase64OfTheSameBytes() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(Base64.getDecoder().decode(TestTokens.PUBLIC_KEY))
                + "\n-----END PUBLIC KEY-----\n";

        assertThat(SessionKeys.publicKey(pem)).isEqualTo(SessionKeys.publicKey(TestTokens.PUBLIC_KEY));
    }

    @Test
    void issuedTokenIsEdDsaAndCarriesIdEmailSessionIatAndAFifteenMinuteExp() {
        String token = issuer.signIn(ID, "a@test.com", 3);

        CurrentUser user = tokens.verify(token).orElseThrow();
        assertThat(user.id()).isEqualTo(ID);
        assertThat(user.email()).isEqualTo("a@test.com");
        assertThat(user.accountVersion()).isEqualTo(3);
        assertThat(user.sessionId()).isNotBlank();
        assertThat(Duration.between(user.issuedAt(), user.expiresAt())).isEqualTo(Duration.ofMinutes(15));
        var claims = Jwts.parser().verifyWith(TestTokens.keys().getPublic()).build().parseSignedClaims(token);
        assertThat(claims.getHeader().getAlgorithm()).isEqualTo("EdDSA");
    }

    @Test
    void refusesExpiredTamperedUnsignedForeignAndHmacTokens() {
        assertThat(tokens.verify(TestTokens.valid(ID, "a@test.com"))).isPresent();
        assertThat(tokens.verify(TestTokens.expired(ID, "a@test.com"))).isEmpty();
        assertThat(tokens.verify(TestTokens.tampered(ID, "a@test.com"))).isEmpty();
        assertThat(tokens.verify(TestTokens.algNone(ID, "a@test.com"))).isEmpty();
        assertThat(tokens.verify(TestTokens.signedWithOtherKey(ID, "a@test.com"))).isEmpty();
        assertThat(tokens.verify(TestTokens.hmacWithThePublicKey(ID, "a@test.com"))).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("garbage")).isEmpty();
    }

    @Test
    void aRenewedTokenKeepsItsSessionAndNeverOutlivesTheSessionLifetime() {
        Instant signedIn = Instant.parse("2026-01-01T00:00:00Z");
        ManualClock clock = new ManualClock(signedIn);
        Tokens verifier = new Tokens(SessionKeys.publicKey(TestTokens.PUBLIC_KEY), clock);
        TokenIssuer at = issuer(verifier, clock);
        CurrentUser first = verifier.verify(at.signIn(ID, "a@test.com", 0)).orElseThrow();
        assertThat(at.renewalDue(first)).isFalse();

        clock.set(signedIn.plus(Duration.ofMinutes(10)));
        assertThat(at.renewalDue(first)).isTrue();
        CurrentUser renewed = verifier.verify(at.renew(first)).orElseThrow();
        assertThat(renewed.sessionId()).isEqualTo(first.sessionId());
        assertThat(renewed.signedInAt()).isEqualTo(signedIn);
        assertThat(renewed.expiresAt()).isEqualTo(signedIn.plus(Duration.ofMinutes(25)));

        clock.set(signedIn.plus(Duration.ofHours(24)).minus(Duration.ofMinutes(5)));
        CurrentUser last = verifier.verify(at.renew(renewed)).orElseThrow();
        assertThat(last.expiresAt()).isEqualTo(signedIn.plus(Duration.ofHours(24)));
        clock.set(signedIn.plus(Duration.ofHours(24)));
        assertThat(at.renewalDue(last)).isFalse();
    }

    @Test
    void refusesARememberedTokenOnceItExpires() {
        Instant issued = Instant.parse("2026-01-01T00:00:00Z");
        ManualClock clock = new ManualClock(issued);
        Tokens verifier = new Tokens(SessionKeys.publicKey(TestTokens.PUBLIC_KEY), clock);
        String token = issuer(verifier, clock).signIn(ID, "a@test.com", 0);
        assertThat(verifier.verify(token)).isPresent();
        assertThat(verifier.verify(token)).isPresent();

        clock.set(issued.plus(Duration.ofMinutes(15)).plusSeconds(1));

        assertThat(verifier.verify(token)).isEmpty();
    }

    @Test
    void aRememberedTokenDoesNotVouchForATamperedCopy() {
        String token = issuer.signIn(ID, "a@test.com", 0);
        assertThat(tokens.verify(token)).isPresent();

        String[] parts = token.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"id\":\"someone-else\",\"email\":\"b@test.com\",\"sid\":\"s\",\"sat\":1,\"ver\":0,\"iat\":1,"
                        + "\"exp\":9999999999}").getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.verify(parts[0] + "." + otherPayload + "." + parts[2])).isEmpty();
        assertThat(tokens.verify(token)).map(CurrentUser::id).contains(ID);
    }
}
