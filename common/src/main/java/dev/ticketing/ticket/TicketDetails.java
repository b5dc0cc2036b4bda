package dev.ticketing.ticket;

import dev.ticketing.domain.Validation;
import java.math.BigDecimal;
import java.text.Normalizer;

/**
 * A title and price as a user typed them ({@code POST}/{@code PUT /api/tickets} body). The price is
 * kept as text (a JSON number or numeric string) so it is read exactly, never through a double.
 */
public record TicketDetails(String title, String price) {

    /** Characters (code points) a title may have. */
    public static final int MAX_TITLE = 200;

    /** Details that passed every rule: a trimmed, NFC-normalised, non-blank title and a {@link Price}. */
    public record Valid(String title, Price price) {
    }

    /**
     * Checks the rules; throws {@code ValidationFailed} naming each broken field. A title is refused
     * when it holds a control character, a bidirectional embedding, override or isolate (which make a
     * listing display as something else than it says) or an unpaired surrogate (not text); otherwise it
     * is stored in Unicode NFC, so one title has one spelling.
     */
    public Valid validated() {
        String stripped = title == null ? "" : title.strip();
        boolean wellFormed = wellFormed(stripped);
        String trimmed = wellFormed ? Normalizer.normalize(stripped, Normalizer.Form.NFC) : stripped;
        BigDecimal amount = Price.number(price).orElse(null);
        Price.Problem problem = Price.problem(amount).orElse(null);
        Validation.of()
                .require(!trimmed.isEmpty(), "title", "Title is required")
                .require(wellFormed, "title",
                        "Title must not contain control characters, direction overrides or invalid characters")
                .require(trimmed.codePointCount(0, trimmed.length()) <= MAX_TITLE, "title", "Title must be at most " + MAX_TITLE + " characters")
                .require(problem != Price.Problem.NOT_POSITIVE, "price", "Price must be greater than 0")
                .require(problem != Price.Problem.TOO_LARGE, "price",
                        "Price must be at most " + Price.MAX.toPlainString())
                .require(problem != Price.Problem.TOO_MANY_DECIMALS, "price",
                        "Price must have at most two decimal places")
                .orThrow();
        return new Valid(trimmed, Price.of(amount));
    }

    /** No control character, bidirectional embedding/override/isolate, or unpaired surrogate. */
    static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
            if (Character.isLowSurrogate(c) || Character.isISOControl(c) || bidiControl(c)) {
                return false;
            }
        }
        return true;
    }

    /** LRE, RLE, PDF, LRO, RLO (U+202A-U+202E) and LRI, RLI, FSI, PDI (U+2066-U+2069). */
    private static boolean bidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
