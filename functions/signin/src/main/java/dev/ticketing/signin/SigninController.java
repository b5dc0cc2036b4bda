package dev.ticketing.signin;

import dev.ticketing.account.AccountView;
import dev.ticketing.account.Authenticated;
import dev.ticketing.account.Credentials;
import dev.ticketing.account.InvalidCredentials;
import dev.ticketing.auth.CurrentUser;
import dev.ticketing.auth.SessionCookie;
import dev.ticketing.auth.TokenIssuer;
import dev.ticketing.auth.throttle.ClientAddress;
import dev.ticketing.auth.throttle.Throttle;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP routes of this module. */
@RestController
class SigninController {

    private final Function<Credentials, Authenticated> signin;
    private final Function<Optional<CurrentUser>, SigninFunctions.SessionCheck> currentUser;
    private final Function<Optional<CurrentUser>, Boolean> signout;
    private final TokenIssuer issuer;
    private final SessionCookie cookie;
    private final Throttle throttle;
    private final ClientAddress clientAddress;

    SigninController(@Qualifier("signin") Function<Credentials, Authenticated> signin, @Qualifier("currentUser") Function<Optional<CurrentUser>, SigninFunctions.SessionCheck> currentUser, @Qualifier("signout") Function<Optional<CurrentUser>, Boolean> signout, TokenIssuer issuer, SessionCookie cookie, Throttle throttle,
            ClientAddress clientAddress) {
        this.signin = signin;
        this.currentUser = currentUser;
        this.signout = signout;
        this.issuer = issuer;
        this.cookie = cookie;
        this.throttle = throttle;
        this.clientAddress = clientAddress;
    }

    /** Wrong passwords and unknown emails are counted per email and per client address (429 past the limit). */
    @PostMapping("/api/users/signin")
    ResponseEntity<AccountView> signin(@RequestBody Credentials credentials, HttpServletRequest request) {
        Authenticated account = throttle.attempt(Throttle.Action.SIGN_IN, credentials.email(),
                clientAddress.of(request), InvalidCredentials.class::isInstance,
                () -> signin.apply(credentials));
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE,
                        cookie.signIn(issuer.signIn(account.id(), account.email(), account.version())))
                .body(account.view());
    }

    /** Clears the session cookie and ends the session (never renewed again); always 200 {@code {}}. */
    @PostMapping("/api/users/signout")
    ResponseEntity<Map<String, Object>> signout(Optional<CurrentUser> user) {
        signout.apply(user);
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.signOut()).body(Map.of());
    }

    @GetMapping("/api/users/currentuser")
    ResponseEntity<CurrentUserView> currentUser(Optional<CurrentUser> user) {
        SigninFunctions.SessionCheck check = currentUser.apply(user);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (check.renewedToken() != null) {
            response.header(HttpHeaders.SET_COOKIE, cookie.signIn(check.renewedToken()));
        } else if (check.ended()) {
            response.header(HttpHeaders.SET_COOKIE, cookie.signOut());
        }
        return response.body(check.view());
    }
}
