package dev.ticketing.account;

/** A signed-in user's request to change its password: the current one, and the new one. */
public record PasswordChange(String userId, String currentPassword, String password) {
}
