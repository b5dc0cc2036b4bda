package dev.ticketing.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.HttpApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Plain-HTTP local use: {@code SESSION_COOKIE_SECURE=false} drops the Secure attribute. */
@FunctionTest(properties = "SESSION_COOKIE_SECURE=false")
class InsecureCookieHttpTest {

    @LocalServerPort
    int port;

    @Test
    void omitsSecureWhenTurnedOff() {
        String cookie = new HttpApi(port).post("/api/users/signout", "").header("set-cookie");

        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
    }
}
