package dev.ticketing.ticket;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A ticket's price in US cents: more than 0, at most {@link #MAX_CENTS} (Stripe's largest USD
 * amount). Never a floating-point number.
 */
public record Price(long cents) {

    /** 999,999.99: the largest amount Stripe charges in USD. */
    public static final long MAX_CENTS = 99_999_999L;
    static final BigDecimal MAX = BigDecimal.valueOf(MAX_CENTS, 2);
    /** Longer inputs cannot be a valid price; refusing them early keeps parsing cheap. */
    private static final int MAX_TEXT = 32;

    public Price {
        if (cents <= 0 || cents > MAX_CENTS) {
            throw new IllegalArgumentException("Price out of range: " + cents + " cents");
        }
    }

    /** The amount in dollars without trailing zeros: {@code 20}, {@code 10.5}, {@code 0.01}. */
    public BigDecimal amount() {
        BigDecimal amount = BigDecimal.valueOf(cents, 2).stripTrailingZeros();
        return amount.scale() < 0 ? amount.setScale(0) : amount;
    }

    /** What a typed amount breaks, if anything. */
    enum Problem {
        NOT_POSITIVE, TOO_MANY_DECIMALS, TOO_LARGE
    }

    /** The amount {@code text} denotes, or empty when it is no number. */
    static Optional<BigDecimal> number(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Problem> problem(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            return Optional.of(Problem.NOT_POSITIVE);
        }
        if (amount.compareTo(MAX) > 0) {
            return Optional.of(Problem.TOO_LARGE);
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            return Optional.of(Problem.TOO_MANY_DECIMALS);
        }
        return Optional.empty();
    }

    /** The price of a valid amount (see {@link #problem}). */
    static Price of(BigDecimal amount) {
        return new Price(amount.movePointRight(2).longValueExact());
    }
}
