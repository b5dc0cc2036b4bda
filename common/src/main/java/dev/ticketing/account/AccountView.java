package dev.ticketing.account;

/** An account as the API returns it: {@code {id, email}}. */
public record AccountView(String id, String email) {
}
