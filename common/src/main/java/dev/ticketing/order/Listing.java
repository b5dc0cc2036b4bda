package dev.ticketing.order;

/**
 * A ticket as the orders context knows it, with who listed it ({@code sellerId}: null for a view
 * stored before the seller was kept, until its next {@code ticket.updated}).
 */
public record Listing(TicketView ticket, String sellerId) {

    public boolean listedBy(String userId) {
        return sellerId != null && sellerId.equals(userId);
    }
}
