package dev.ticketing.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.testing.ManualClock;
import dev.ticketing.testing.TestTokens;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TokensTest {

    static final String ID = "6b0c1829c4510d6fb20299e2";
    final Tokens tokens = new Tokens(TestTokens.KEY, Duration.ofHours(1), Clock.systemUTC());

    @Test
    void refusesToStartWithoutA256BitKey() {
        assertThatThrownBy(() -> new Tokens(null, Duration.ofHours(1), Clock.systemUTC()))
                .hasMessageContaining("JWT_KEY").hasMessageContaining("256 bits");
        assertThatThrownBy(() -> new Tokens("x".repeat(31), Duration.ofHours(1), Clock.systemUTC()))
                .hasMessageContaining("JWT_KEY");
    }

    @Test
    void issuedTokenCarriesIdEmailIatAndExp() {
        String token = tokens.issue(ID, "a@test.com");

        CurrentUser user = tokens.verify(token).orElseThrow();
        assertThat(user.id()).isEqualTo(ID);
        assertThat(user.email()).isEqualTo("a@test.com");
        var claims = Jwts.parser().verifyWith(new SecretKeySpec(TestTokens.KEY.getBytes(StandardCharsets.UTF_8),
                "HmacSHA256")).build().parseSignedClaims(token);
        assertThat(claims.getHeader().getAlgorithm()).isEqualTo("HS256");
        assertThat(claims.getPayload().getExpiration()).isAfter(claims.getPayload().getIssuedAt());
    }

    @Test
    void refusesExpiredTamperedUnsignedAndForeignTokens() {
        assertThat(tokens.verify(TestTokens.expired(ID, "a@test.com"))).isEmpty();
        assertThat(tokens.verify(TestTokens.tampered(ID, "a@test.com"))).isEmpty();
        assertThat(tokens.verify(TestTokens.algNone(ID, "a@test.com"))).isEmpty();
        assertThat(tokens.verify(TestTokens.signedWithOtherKey(ID, "a@test.com"))).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("garbage")).isEmpty();
    }

    @Test
    void refusesAnotherHmacAlgorithmEvenWithTheRightKey() {
        String hs384 = Jwts.builder().claim("id", ID).claim("email", "a@test.com").issuedAt(new Date())
                .expiration(Date.from(Instant.now().plusSeconds(60)))
                .signWith(new SecretKeySpec(TestTokens.KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA384"),
                        Jwts.SIG.HS384)
                .compact();

        assertThat(tokens.verify(hs384)).isEmpty();
    }

    @Test
    void tokenExpiresAfterItsLifetime() {
        Instant issued = Instant.parse("2026-01-01T00:00:00Z");
        Tokens then = new Tokens(TestTokens.KEY, Duration.ofMinutes(5), Clock.fixed(issued, ZoneOffset.UTC));
        String token = then.issue(ID, "a@test.com");

        assertThat(then.verify(token)).isPresent();
        Tokens later = new Tokens(TestTokens.KEY, Duration.ofMinutes(5),
                Clock.fixed(issued.plusSeconds(301), ZoneOffset.UTC));
        assertThat(later.verify(token)).isEmpty();
    }

    @Test
    void refusesARememberedTokenOnceItExpires() {
        Instant issued = Instant.parse("2026-01-01T00:00:00Z");
        ManualClock clock = new ManualClock(issued);
        Tokens tokens = new Tokens(TestTokens.KEY, Duration.ofMinutes(5), clock);
        String token = tokens.issue(ID, "a@test.com");
        assertThat(tokens.verify(token)).isPresent();
        assertThat(tokens.verify(token)).isPresent();

        clock.set(issued.plusSeconds(301));

        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void aRememberedTokenDoesNotVouchForATamperedCopy() {
        String token = tokens.issue(ID, "a@test.com");
        assertThat(tokens.verify(token)).isPresent();

        String[] parts = token.split("\\.");
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"id\":\"someone-else\",\"email\":\"b@test.com\",\"iat\":1,\"exp\":9999999999}")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.verify(parts[0] + "." + otherPayload + "." + parts[2])).isEmpty();
        assertThat(tokens.verify(token)).map(CurrentUser::id).contains(ID);
    }
}
