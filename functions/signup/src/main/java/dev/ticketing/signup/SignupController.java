package dev.ticketing.signup;

import dev.ticketing.account.AccountView;
import dev.ticketing.account.Authenticated;
import dev.ticketing.account.Credentials;
import dev.ticketing.account.PasswordChange;
import dev.ticketing.auth.CurrentUser;
import dev.ticketing.auth.SessionCookie;
import dev.ticketing.auth.TokenIssuer;
import dev.ticketing.web.Functions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP routes of this module; each calls its function bean and signs the user in. */
@RestController
class SignupController {

    private final Functions functions;
    private final TokenIssuer issuer;
    private final SessionCookie cookie;

    SignupController(Functions functions, TokenIssuer issuer, SessionCookie cookie) {
        this.functions = functions;
        this.issuer = issuer;
        this.cookie = cookie;
    }

    @PostMapping("/api/users/signup")
    ResponseEntity<AccountView> signup(@RequestBody Credentials credentials) {
        Authenticated account = functions.apply("signup", credentials);
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.SET_COOKIE, session(account))
                .body(account.view());
    }

    /**
     * Body {@code {currentPassword, password}}; the caller gets a new session, and every session started
     * before the change is no longer renewed (it ends within a token's lifetime).
     */
    @PutMapping("/api/users/currentuser")
    ResponseEntity<AccountView> changePassword(CurrentUser user, @RequestBody PasswordForm form) {
        Authenticated account = functions.apply("updateAccount",
                new PasswordChange(user.id(), form.currentPassword(), form.password()));
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, session(account)).body(account.view());
    }

    private String session(Authenticated account) {
        return cookie.signIn(issuer.signIn(account.id(), account.email(), account.version()));
    }

    record PasswordForm(String currentPassword, String password) {
    }
}
