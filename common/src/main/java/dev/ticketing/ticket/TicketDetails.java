package dev.ticketing.ticket;

import dev.ticketing.domain.Validation;
import java.math.BigDecimal;

/**
 * A title and price as a user typed them ({@code POST}/{@code PUT /api/tickets} body). The price is
 * kept as text (a JSON number or numeric string) so it is read exactly, never through a double.
 */
public record TicketDetails(String title, String price) {

    /** Characters (code points) a title may have. */
    public static final int MAX_TITLE = 200;

    /** Details that passed every rule: a trimmed, non-blank title and a {@link Price}. */
    public record Valid(String title, Price price) {
    }

    /** Checks the rules; throws {@code ValidationFailed} naming each broken field. */
    public Valid validated() {
        String trimmed = title == null ? "" : title.strip();
        BigDecimal amount = Price.number(price).orElse(null);
        Price.Problem problem = Price.problem(amount).orElse(null);
        Validation.of()
                .require(!trimmed.isEmpty(), "title", "Title is required")
                .require(trimmed.codePointCount(0, trimmed.length()) <= MAX_TITLE, "title", "Title must be at most " + MAX_TITLE + " characters")
                .require(problem != Price.Problem.NOT_POSITIVE, "price", "Price must be greater than 0")
                .require(problem != Price.Problem.TOO_LARGE, "price",
                        "Price must be at most " + Price.MAX.toPlainString())
                .require(problem != Price.Problem.TOO_MANY_DECIMALS, "price",
                        "Price must have at most two decimal places")
                .orThrow();
        return new Valid(trimmed, Price.of(amount));
    }
}
