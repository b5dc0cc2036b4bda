/**
 * The tickets context: list a ticket, edit it, reserve it for an order and release it when the order
 * ends, browse the catalogue. Plain Java; the MongoDB adapter is in {@code store}.
 */
package dev.ticketing.ticket;
