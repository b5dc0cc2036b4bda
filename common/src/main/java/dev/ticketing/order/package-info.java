/**
 * The orders context: place, cancel, expire, complete and browse orders, and the orders context's
 * view of tickets (kept by {@code ticket.created} / {@code ticket.updated}). Plain Java; the MongoDB
 * adapters are in {@code store}.
 */
package dev.ticketing.order;
