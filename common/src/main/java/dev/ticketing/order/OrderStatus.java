package dev.ticketing.order;

import java.util.Arrays;

/** An order's lifecycle: {@code created} until it is paid ({@code complete}) or ends unpaid ({@code cancelled}). */
public enum OrderStatus {
    /** Placed and unpaid: its ticket is reserved until {@code expiresAt}. */
    CREATED("created"),
    /** Cancelled by its buyer or expired unpaid: its ticket is free again. Final. */
    CANCELLED("cancelled"),
    /** Paid: its ticket stays reserved for good. Final. */
    COMPLETE("complete");

    private final String value;

    OrderStatus(String value) {
        this.value = value;
    }

    /** The API and event form: {@code created}, {@code cancelled}, {@code complete}. */
    public String value() {
        return value;
    }

    /** Whether the order holds its ticket (only one such order per ticket may exist). */
    public boolean holdsTicket() {
        return this != CANCELLED;
    }

    public static OrderStatus of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown order status " + value));
    }
}
