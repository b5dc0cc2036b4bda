package dev.ticketing.account;

import dev.ticketing.domain.Validation;
import java.util.Locale;
import java.util.regex.Pattern;

/** An email and password as a user typed them. */
public record Credentials(String email, String password) {

    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@.]{2,}$");
    static final int MIN_PASSWORD = 4;
    static final int MAX_PASSWORD = 20;

    /** The email as stored and compared: trimmed, lower-case. */
    public String normalizedEmail() {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    static boolean validEmail(String email) {
        return email != null && email.length() <= 254 && EMAIL.matcher(email.trim()).matches();
    }

    static boolean validNewPassword(String password) {
        if (password == null) {
            return false;
        }
        int length = password.trim().length();
        return length >= MIN_PASSWORD && length <= MAX_PASSWORD;
    }

    /** Signup rules: a valid email, a password of 4 to 20 characters. */
    void validateForSignUp() {
        Validation.of()
                .require(validEmail(email), "email", "Email must be valid")
                .require(validNewPassword(password), "password", "Password must be between 4 and 20 characters")
                .orThrow();
    }

    /** Signin rules: a valid email and some password. */
    void validateForSignIn() {
        Validation.of()
                .require(validEmail(email), "email", "Email must be valid")
                .require(password != null && !password.isBlank(), "password", "You must supply a password")
                .orThrow();
    }
}
