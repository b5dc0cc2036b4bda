package dev.ticketing.ticket;

import dev.ticketing.domain.ConcurrentModification;
import dev.ticketing.domain.NotAuthorized;
import dev.ticketing.domain.NotFound;
import dev.ticketing.domain.Validation;
import dev.ticketing.event.Delivery;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * The ticket use cases: list (emits {@code ticket.created}), edit, reserve for an order and release
 * when the order ends (each emits {@code ticket.updated}).
 */
public class TicketService {

    /** Attempts of an event reaction that keeps meeting concurrent changes before it asks for redelivery. */
    static final int ATTEMPTS = 5;

    private final Tickets tickets;
    private final Clock clock;

    public TicketService(Tickets tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    public TicketView create(NewTicket request) {
        if (request.userId() == null) {
            throw new NotAuthorized();
        }
        TicketDetails.Valid details = request.details().validated();
        Ticket ticket = Ticket.listed(tickets.nextId(), details, request.userId(),
                Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
        tickets.add(ticket, ticket.created());
        return ticket.view();
    }

    /**
     * Changes title and price: version + 1. Checked in this order: validation, unknown ticket, not the
     * owner, reserved ticket; ownership comes before the reservation so that someone else's ticket
     * answers "Not authorized" whatever its state (the state of a ticket one cannot edit is not theirs
     * to learn). A concurrent change of the ticket is a {@link ConcurrentModification}, never overwritten.
     */
    public TicketView update(TicketEdit edit) {
        if (edit.userId() == null) {
            throw new NotAuthorized();
        }
        TicketDetails.Valid details = edit.details().validated();
        Ticket ticket = tickets.byId(edit.ticketId()).orElseThrow(NotFound::new);
        if (!ticket.ownedBy(edit.userId())) {
            throw new NotAuthorized();
        }
        if (ticket.reserved()) {
            throw new ReservedTicketNotEditable();
        }
        Ticket edited = ticket.edited(details);
        tickets.save(edited, edited.updated().orElseThrow());
        return edited.view();
    }

    /**
     * Reacts to {@code order.created}: reserves the ticket for the order. A repeated delivery changes
     * nothing and owes the resulting {@code ticket.updated} again; an order known to have ended is stale;
     * while another order still holds the ticket the event is early (its release has not arrived yet).
     */
    public Delivery reserve(String ticketId, String orderId) {
        requireIds(ticketId, orderId);
        return retrying(() -> {
            Ticket ticket = known(ticketId);
            if (orderId.equals(ticket.orderId())) {
                tickets.republish(ticket, ticket.updated().orElseThrow());
                return Delivery.DUPLICATE;
            }
            if (ticket.hasEnded(orderId)) {
                return Delivery.STALE;
            }
            if (ticket.reserved()) {
                return Delivery.EARLY;
            }
            Ticket reserved = ticket.reservedBy(orderId);
            tickets.save(reserved, reserved.updated().orElseThrow());
            return Delivery.APPLIED;
        });
    }

    /**
     * Reacts to {@code order.cancelled} / {@code order.expired}: frees the ticket only while that order
     * still holds it, so a late event never unlocks a newer reservation. A repeated delivery owes the
     * current {@code ticket.updated} again; an end that overtook its order's creation is remembered, so
     * the creation, when it comes, is stale.
     */
    public Delivery release(String ticketId, String orderId) {
        requireIds(ticketId, orderId);
        return retrying(() -> {
            Ticket ticket = known(ticketId);
            if (orderId.equals(ticket.orderId())) {
                Ticket released = ticket.released();
                tickets.save(released, released.updated().orElseThrow());
                return Delivery.APPLIED;
            }
            if (ticket.hasEnded(orderId)) {
                if (ticket.updated().isEmpty()) {
                    return Delivery.STALE;
                }
                tickets.republish(ticket, ticket.updated().get());
                return Delivery.DUPLICATE;
            }
            tickets.recordEndedOrder(ticket, orderId);
            return Delivery.STALE;
        });
    }

    private Ticket known(String ticketId) {
        return tickets.byId(ticketId).orElseThrow(() -> new NotFound("Unknown ticket " + ticketId));
    }

    private static void requireIds(String ticketId, String orderId) {
        Validation.of()
                .require(orderId != null && !orderId.isBlank(), "id", "The order id is required")
                .require(ticketId != null && !ticketId.isBlank(), "ticket.id", "The ticket id is required")
                .orThrow();
    }

    private static Delivery retrying(Supplier<Delivery> reaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return reaction.get();
            } catch (ConcurrentModification e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
