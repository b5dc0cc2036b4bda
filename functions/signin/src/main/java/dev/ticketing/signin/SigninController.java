package dev.ticketing.signin;

import dev.ticketing.account.AccountView;
import dev.ticketing.account.Authenticated;
import dev.ticketing.account.Credentials;
import dev.ticketing.auth.CurrentUser;
import dev.ticketing.auth.SessionCookie;
import dev.ticketing.auth.TokenIssuer;
import dev.ticketing.web.Functions;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP routes of this module. */
@RestController
class SigninController {

    private final Functions functions;
    private final TokenIssuer issuer;
    private final SessionCookie cookie;

    SigninController(Functions functions, TokenIssuer issuer, SessionCookie cookie) {
        this.functions = functions;
        this.issuer = issuer;
        this.cookie = cookie;
    }

    @PostMapping("/api/users/signin")
    ResponseEntity<AccountView> signin(@RequestBody Credentials credentials) {
        Authenticated account = functions.apply("signin", credentials);
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE,
                        cookie.signIn(issuer.signIn(account.id(), account.email(), account.version())))
                .body(account.view());
    }

    /** Clears the session cookie and ends the session (never renewed again); always 200 {@code {}}. */
    @PostMapping("/api/users/signout")
    ResponseEntity<Map<String, Object>> signout(Optional<CurrentUser> user) {
        functions.apply("signout", user);
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.signOut()).body(Map.of());
    }

    @GetMapping("/api/users/currentuser")
    ResponseEntity<CurrentUserView> currentUser(Optional<CurrentUser> user) {
        SigninFunctions.SessionCheck check = functions.apply("currentUser", user);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (check.renewedToken() != null) {
            response.header(HttpHeaders.SET_COOKIE, cookie.signIn(check.renewedToken()));
        } else if (check.ended()) {
            response.header(HttpHeaders.SET_COOKIE, cookie.signOut());
        }
        return response.body(check.view());
    }
}
