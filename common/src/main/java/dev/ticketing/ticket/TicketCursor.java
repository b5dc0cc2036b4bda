package dev.ticketing.ticket;

import dev.ticketing.domain.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Where a page of the catalogue ended: the listing time and id of its last ticket (the catalogue is
 * ordered newest first, by listing time then id). Sent to clients as an opaque URL-safe token.
 */
public record TicketCursor(Instant createdAt, String id) {

    private static final Pattern TOKEN = Pattern.compile("(-?\\d{1,19}):([0-9a-f]{24})");

    public static TicketCursor after(Ticket ticket) {
        return new TicketCursor(ticket.createdAt(), ticket.id());
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a token names; throws {@code ValidationFailed} (field {@code cursor}) for anything else. */
    public static TicketCursor decode(String token) {
        TicketCursor cursor = null;
        if (token != null && token.length() <= 64) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
                var match = TOKEN.matcher(text);
                if (match.matches()) {
                    cursor = new TicketCursor(Instant.ofEpochMilli(Long.parseLong(match.group(1))), match.group(2));
                }
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                cursor = null;
            }
        }
        Validation.of().require(cursor != null, "cursor", "Invalid cursor").orThrow();
        return cursor;
    }
}
