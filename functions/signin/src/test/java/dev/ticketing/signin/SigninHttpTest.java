package dev.ticketing.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.account.AccountService;
import dev.ticketing.account.Credentials;
import dev.ticketing.account.PasswordChange;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import dev.ticketing.testing.HttpApi.Response;
import dev.ticketing.testing.TestTokens;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Tokens here are due for renewal at once ({@code renew-after=0s}), so every current-user check renews;
 * sign-in allows 3 failures per account and 6 per address.
 */
@FunctionTest(properties = {"ticketing.test.redis=true", "ticketing.session.renew-after=0s",
        "ticketing.throttle.sign-in.per-account=3", "ticketing.throttle.sign-in.per-address=6"})
class SigninHttpTest extends FunctionTestSupport {

    @Autowired
    AccountService accounts;
    @Autowired
    StringRedisTemplate redis;

    String userId;

    @BeforeEach
    void setUp() {
        redis.execute((RedisCallback<Object>) connection -> {
            connection.serverCommands().flushDb();
            return null;
        });
        userId = accounts.signUp(new Credentials("test@test.com", "password")).id();
    }

    Response signin(String email, String password) {
        return api.post("/api/users/signin", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    @Test
    void signsInAndSetsAnHttpOnlyLaxSecureSessionCookie() {
        Response response = signin("test@test.com", "password");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("id").asString()).isEqualTo(userId);
        assertThat(response.json().get("email").asString()).isEqualTo("test@test.com");
        assertThat(response.header("set-cookie")).startsWith("session=").contains("HttpOnly")
                .contains("SameSite=Lax").contains("Secure").contains("Path=/");
        String value = response.sessionCookie().substring("session=".length());
        assertThat(new String(Base64.getDecoder().decode(value))).startsWith("{\"jwt\":\"ey");
    }

    @Test
    void signsInWithEmailInAnotherCase() {
        assertThat(signin("TEST@test.com", "password").status()).isEqualTo(200);
    }

    @Test
    void givesTheSameErrorForUnknownEmailAndWrongPassword() {
        Response unknown = signin("nobody@test.com", "password");
        Response wrong = signin("test@test.com", "wrongpass");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo(wrong.body()).isEqualTo("{\"errors\":[{\"message\":\"Invalid credentials\"}]}");
        assertThat(unknown.headers("set-cookie")).isEmpty();
    }

    @Test
    void validatesEmailAndPasswordWithFields() {
        Response response = api.post("/api/users/signin", "{\"email\":\"nope\",\"password\":\"\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
        assertThat(response.json().get("errors").get(1).get("field").asString()).isEqualTo("password");
    }

    @Test
    void currentUserIsTheSignedInUser() {
        String cookie = signin("test@test.com", "password").sessionCookie();

        Response response = api.get("/api/users/currentuser", "Cookie", cookie);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("currentUser").get("id").asString()).isEqualTo(userId);
        assertThat(response.json().get("currentUser").get("email").asString()).isEqualTo("test@test.com");
        assertThat(response.json().get("currentUser").get("iat").asLong()).isPositive();
    }

    @Test
    void currentUserAcceptsABearerToken() {
        Response response = api.get("/api/users/currentuser", "Authorization",
                "Bearer " + TestTokens.valid(userId, "test@test.com"));

        assertThat(response.json().get("currentUser").get("id").asString()).isEqualTo(userId);
    }

    @Test
    void currentUserIsNullWhenSignedOutOrTheTokenIsBad() {
        assertCurrentUserNull(api.get("/api/users/currentuser"));
        for (String token : new String[] {
                TestTokens.expired(userId, "test@test.com"),
                TestTokens.tampered(userId, "test@test.com"),
                TestTokens.algNone(userId, "test@test.com"),
                TestTokens.signedWithOtherKey(userId, "test@test.com"),
                TestTokens.hmacWithThePublicKey(userId, "test@test.com"),
                "not.a.jwt"}) {
            assertCurrentUserNull(api.get("/api/users/currentuser", "Cookie", TestTokens.cookie(token)));
            assertCurrentUserNull(api.get("/api/users/currentuser", "Authorization", "Bearer " + token));
        }
        assertCurrentUserNull(api.get("/api/users/currentuser", "Cookie", "session=%%%not-base64"));
        assertCurrentUserNull(api.get("/api/users/currentuser", "Cookie",
                "session=" + Base64.getEncoder().encodeToString("[1,2]".getBytes())));
    }

    @Test
    void signOutClearsTheCookie() {
        Response response = api.post("/api/users/signout", "");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
        assertThat(response.header("set-cookie")).startsWith("session=;").contains("Max-Age=0").contains("HttpOnly");
    }

    @Test
    void signOutEndsTheSessionSoItsTokenIsNoLongerRenewed() {
        String session = signin("test@test.com", "password").sessionCookie();
        String other = signin("test@test.com", "password").sessionCookie();
        Response renewed = api.get("/api/users/currentuser", "Cookie", session);
        assertThat(renewed.json().get("currentUser").get("id").asString()).isEqualTo(userId);
        assertThat(renewed.sessionCookie()).startsWith("session=");

        assertThat(api.post("/api/users/signout", "", "Cookie", session).status()).isEqualTo(200);

        Response after = api.get("/api/users/currentuser", "Cookie", session);
        assertCurrentUserNull(after);
        assertThat(after.header("set-cookie")).startsWith("session=;").contains("Max-Age=0");
        // the user's other session goes on
        assertThat(api.get("/api/users/currentuser", "Cookie", other).json().get("currentUser").get("id").asString())
                .isEqualTo(userId);
    }

    @Test
    void aPasswordChangeEndsEverySessionStartedBeforeIt() {
        String session = signin("test@test.com", "password").sessionCookie();

        accounts.changePassword(new PasswordChange(userId, "password", "another password"));

        assertCurrentUserNull(api.get("/api/users/currentuser", "Cookie", session));
        String fresh = signin("test@test.com", "another password").sessionCookie();
        assertThat(api.get("/api/users/currentuser", "Cookie", fresh).json().get("currentUser").get("id").asString())
                .isEqualTo(userId);
    }

    @Test
    void issuesEdDsaTokensThatLastFifteenMinutes() {
        String cookie = signin("test@test.com", "password").sessionCookie();
        String json = new String(Base64.getDecoder().decode(cookie.substring("session=".length())));
        String token = json.substring("{\"jwt\":\"".length(), json.length() - 2);

        var claims = io.jsonwebtoken.Jwts.parser().verifyWith(TestTokens.keys().getPublic()).build()
                .parseSignedClaims(token);

        assertThat(claims.getHeader().getAlgorithm()).isEqualTo("EdDSA");
        assertThat(claims.getPayload().getExpiration().getTime() - claims.getPayload().getIssuedAt().getTime())
                .isEqualTo(15 * 60 * 1000L);
    }

    @Test
    void signsInAccountsOpenedUnderTheEarlierPasswordRules() {
        // a 4-character password, stored trimmed as the earlier rules did
        mongo.getCollection("accounts").updateOne(new org.bson.Document("email", "test@test.com"),
                new org.bson.Document("$set", new org.bson.Document("passwordHash",
                        new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(10).encode("abcd"))));

        assertThat(signin("test@test.com", "abcd").status()).isEqualTo(200);
        assertThat(signin("test@test.com", " abcd ").status()).isEqualTo(200);
        assertThat(signin("test@test.com", "abc").status()).isEqualTo(400);
    }

    @Test
    void refusesFurtherSignInsToAnAccountAfterItsFailuresWith429AndRetryAfterEvenWithTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            assertThat(signin("test@test.com", "wrong password " + i).status()).isEqualTo(400);
        }

        Response refused = signin("TEST@test.com", "password");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("retry-after"))).isBetween(1L, 15 * 60L);
        assertThat(refused.body()).isEqualTo("{\"errors\":[{\"message\":\"Too many attempts: try again in "
                + refused.header("retry-after") + " seconds\"}]}");
        assertThat(refused.headers("set-cookie")).isEmpty();
        // another account from the same address is not locked
        accounts.signUp(new Credentials("other@test.com", "password"));
        assertThat(signin("other@test.com", "password").status()).isEqualTo(200);
    }

    @Test
    void refusesSignInsFromAnAddressAfterItsFailuresWhateverXForwardedForClaims() {
        for (int i = 0; i < 6; i++) {
            Response failed = api.post("/api/users/signin", "{\"email\":\"nobody" + i
                    + "@test.com\",\"password\":\"whatever\"}", "X-Forwarded-For", "10.0.0." + i);
            assertThat(failed.status()).isEqualTo(400);
        }

        Response refused = api.post("/api/users/signin", "{\"email\":\"test@test.com\",\"password\":\"password\"}",
                "X-Forwarded-For", "10.9.9.9");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("retry-after")).isNotBlank();
    }

    @Test
    void doesNotCountSuccessfulOrMalformedSignIns() {
        for (int i = 0; i < 8; i++) {
            assertThat(signin("test@test.com", "password").status()).isEqualTo(200);
            assertThat(signin("not-an-email", "password").status()).isEqualTo(400);
        }
    }

    private static void assertCurrentUserNull(Response response) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"currentUser\":null}");
    }
}
