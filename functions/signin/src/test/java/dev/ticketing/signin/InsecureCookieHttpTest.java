package dev.ticketing.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testing.FunctionTest;
import dev.ticketing.testing.FunctionTestSupport;
import org.junit.jupiter.api.Test;

/** Plain-HTTP local use: {@code SESSION_COOKIE_SECURE=false} drops the Secure attribute. */
@FunctionTest(properties = "SESSION_COOKIE_SECURE=false")
class InsecureCookieHttpTest extends FunctionTestSupport {

    @Test
    void omitsSecureWhenTurnedOff() {
        String cookie = api.post("/api/users/signout", "").header("set-cookie");

        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
    }
}
