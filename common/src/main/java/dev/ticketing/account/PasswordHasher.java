package dev.ticketing.account;

/** A slow, salted password hash (bcrypt in production). */
public interface PasswordHasher {

    String hash(String password);

    boolean matches(String password, String hash);
}
