/** The MongoDB adapter of the tickets port ({@code tickets} database, {@code tickets} collection). */
package dev.ticketing.ticket.store;
