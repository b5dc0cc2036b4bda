package dev.ticketing.auth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.ResponseCookie;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code session} cookie of the original app: base64 of {@code {"jwt":"<token>"}}, HttpOnly,
 * SameSite=Lax, Secure unless {@code ticketing.session.secure=false} (plain-HTTP local use).
 */
public class SessionCookie {

    public static final String NAME = "session";

    private final JsonMapper json;
    private final boolean secure;
    private final Duration maxAge;

    public SessionCookie(JsonMapper json, boolean secure, Duration maxAge) {
        this.json = json;
        this.secure = secure;
        this.maxAge = maxAge;
    }

    /** The {@code Set-Cookie} value that signs a user in with {@code token}. */
    public String signIn(String token) {
        String value = Base64.getEncoder().encodeToString(
                json.writeValueAsString(java.util.Map.of("jwt", token)).getBytes(StandardCharsets.UTF_8));
        return base(value).maxAge(maxAge).build().toString();
    }

    /** The {@code Set-Cookie} value that clears the session. */
    public String signOut() {
        return base("").maxAge(0).build().toString();
    }

    private ResponseCookie.ResponseCookieBuilder base(String value) {
        return ResponseCookie.from(NAME, value).path("/").httpOnly(true).sameSite("Lax").secure(secure);
    }

    /** The JWT a request carries: {@code Authorization: Bearer} first, then the session cookie. */
    public Optional<String> token(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim());
        }
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName())) {
                return decode(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private Optional<String> decode(String value) {
        try {
            byte[] raw = Base64.getDecoder().decode(value);
            JsonNode node = json.readTree(raw);
            JsonNode jwt = node == null ? null : node.get("jwt");
            return jwt != null && jwt.isString() ? Optional.of(jwt.asString()) : Optional.empty();
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
    }
}
