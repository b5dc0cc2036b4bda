package dev.ticketing.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.account.AccountService;
import dev.ticketing.account.Credentials;
import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import dev.ticketing.testing.HttpApi.Response;
import dev.ticketing.testing.TestTokens;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@FunctionTest
class SigninHttpTest extends FunctionTestSupport {

    @Autowired
    AccountService accounts;

    String userId;

    @BeforeEach
    void setUp() {
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

    private static void assertCurrentUserNull(Response response) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"currentUser\":null}");
    }
}
