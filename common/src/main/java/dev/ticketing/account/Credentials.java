package dev.ticketing.account;

import dev.ticketing.domain.Validation;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email and password as a user typed them. A new password (sign up, password change) has 8 to 64
 * characters and at most 72 bytes in UTF-8 (what bcrypt reads: a longer one is refused, never cut), and
 * is taken exactly as typed (no trimming). Sign-in accepts any non-empty password, so accounts opened
 * under the earlier rules (4 to 20 characters, trimmed) still sign in.
 */
public record Credentials(String email, String password) {

    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@.]{2,}$");
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 64;
    /** bcrypt reads at most this many bytes of a password. */
    static final int MAX_PASSWORD_BYTES = 72;
    static final String PASSWORD_RULE = "Password must be between " + MIN_PASSWORD + " and " + MAX_PASSWORD
            + " characters";
    static final String PASSWORD_BYTES_RULE = "Password must be at most " + MAX_PASSWORD_BYTES
            + " bytes in UTF-8 (use fewer non-ASCII characters)";

    /** The email as stored and compared: trimmed, lower-case. */
    public String normalizedEmail() {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    static boolean validEmail(String email) {
        return email != null && email.length() <= 254 && EMAIL.matcher(email.trim()).matches();
    }

    /** Adds the new-password rules for {@code field} to {@code validation}. */
    static Validation checkNewPassword(Validation validation, String field, String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        boolean lengthOk = length >= MIN_PASSWORD && length <= MAX_PASSWORD;
        return validation.require(lengthOk, field, PASSWORD_RULE)
                .require(!lengthOk || fitsBcrypt(password), field, PASSWORD_BYTES_RULE);
    }

    /** At most 72 bytes in UTF-8: bcrypt would silently ignore the rest. */
    static boolean fitsBcrypt(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
    }

    /** Signup rules: a valid email and a new password as above. */
    void validateForSignUp() {
        checkNewPassword(Validation.of().require(validEmail(email), "email", "Email must be valid"), "password",
                password).orThrow();
    }

    /** Signin rules: a valid email and some password. */
    void validateForSignIn() {
        Validation.of()
                .require(validEmail(email), "email", "Email must be valid")
                .require(password != null && !password.isEmpty(), "password", "You must supply a password")
                .orThrow();
    }
}
