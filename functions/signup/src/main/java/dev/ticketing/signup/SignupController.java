package dev.ticketing.signup;

import dev.ticketing.account.AccountView;
import dev.ticketing.account.Credentials;
import dev.ticketing.account.PasswordChange;
import dev.ticketing.auth.CurrentUser;
import dev.ticketing.auth.SessionCookie;
import dev.ticketing.auth.Tokens;
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
    private final Tokens tokens;
    private final SessionCookie cookie;

    SignupController(Functions functions, Tokens tokens, SessionCookie cookie) {
        this.functions = functions;
        this.tokens = tokens;
        this.cookie = cookie;
    }

    @PostMapping("/api/users/signup")
    ResponseEntity<AccountView> signup(@RequestBody Credentials credentials) {
        AccountView account = functions.apply("signup", credentials);
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.SET_COOKIE, cookie.signIn(tokens.issue(account.id(), account.email())))
                .body(account);
    }

    /** Body {@code {currentPassword, password}}; the session is renewed. */
    @PutMapping("/api/users/currentuser")
    ResponseEntity<AccountView> changePassword(CurrentUser user, @RequestBody PasswordForm form) {
        AccountView account = functions.apply("updateAccount",
                new PasswordChange(user.id(), form.currentPassword(), form.password()));
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, cookie.signIn(tokens.issue(account.id(), account.email())))
                .body(account);
    }

    record PasswordForm(String currentPassword, String password) {
    }
}
