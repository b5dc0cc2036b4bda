package dev.ticketing.signup;

import dev.ticketing.account.AccountView;
import dev.ticketing.account.Authenticated;
import dev.ticketing.account.Credentials;
import dev.ticketing.account.EmailInUse;
import dev.ticketing.account.InvalidCredentials;
import dev.ticketing.account.PasswordChange;
import dev.ticketing.auth.CurrentUser;
import dev.ticketing.auth.SessionCookie;
import dev.ticketing.auth.TokenIssuer;
import dev.ticketing.auth.throttle.ClientAddress;
import dev.ticketing.auth.throttle.Throttle;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
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

    private final Function<Credentials, Authenticated> signup;
    private final Function<PasswordChange, Authenticated> updateAccount;
    private final TokenIssuer issuer;
    private final SessionCookie cookie;
    private final Throttle throttle;
    private final ClientAddress clientAddress;

    SignupController(@Qualifier("signup") Function<Credentials, Authenticated> signup, @Qualifier("updateAccount") Function<PasswordChange, Authenticated> updateAccount, TokenIssuer issuer, SessionCookie cookie, Throttle throttle,
            ClientAddress clientAddress) {
        this.signup = signup;
        this.updateAccount = updateAccount;
        this.issuer = issuer;
        this.cookie = cookie;
        this.throttle = throttle;
        this.clientAddress = clientAddress;
    }

    /** Emails already in use are counted per email and per client address (429 past the limit). */
    @PostMapping("/api/users/signup")
    ResponseEntity<AccountView> signup(@RequestBody Credentials credentials, HttpServletRequest request) {
        Authenticated account = throttle.attempt(Throttle.Action.SIGN_UP, credentials.email(),
                clientAddress.of(request), EmailInUse.class::isInstance, () -> signup.apply(credentials));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.SET_COOKIE, session(account))
                .body(account.view());
    }

    /**
     * Body {@code {currentPassword, password}}; the caller gets a new session, and every session started
     * before the change is no longer renewed (it ends within a token's lifetime).
     */
    @PutMapping("/api/users/currentuser")
    ResponseEntity<AccountView> changePassword(CurrentUser user, @RequestBody PasswordForm form,
            HttpServletRequest request) {
        // wrong current passwords are counted per user and per client address (429 past the limit)
        Authenticated account = throttle.attempt(Throttle.Action.PASSWORD_CHECK, user.id(), clientAddress.of(request),
                InvalidCredentials.class::isInstance, () -> updateAccount.apply(
                        new PasswordChange(user.id(), form.currentPassword(), form.password())));
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, session(account)).body(account.view());
    }

    private String session(Authenticated account) {
        return cookie.signIn(issuer.signIn(account.id(), account.email(), account.version()));
    }

    record PasswordForm(String currentPassword, String password) {
    }
}
