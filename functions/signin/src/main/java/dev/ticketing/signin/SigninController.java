package dev.ticketing.signin;

import dev.ticketing.account.AccountView;
import dev.ticketing.account.Credentials;
import dev.ticketing.auth.CurrentUser;
import dev.ticketing.auth.SessionCookie;
import dev.ticketing.auth.Tokens;
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
    private final Tokens tokens;
    private final SessionCookie cookie;

    SigninController(Functions functions, Tokens tokens, SessionCookie cookie) {
        this.functions = functions;
        this.tokens = tokens;
        this.cookie = cookie;
    }

    @PostMapping("/api/users/signin")
    ResponseEntity<AccountView> signin(@RequestBody Credentials credentials) {
        AccountView account = functions.apply("signin", credentials);
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, cookie.signIn(tokens.issue(account.id(), account.email())))
                .body(account);
    }

    /** Clears the session cookie; always 200 {@code {}}. */
    @PostMapping("/api/users/signout")
    ResponseEntity<Map<String, Object>> signout() {
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.signOut()).body(Map.of());
    }

    @GetMapping("/api/users/currentuser")
    CurrentUserView currentUser(Optional<CurrentUser> user) {
        return functions.apply("currentUser", user);
    }
}
