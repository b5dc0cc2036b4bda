/** MongoDB adapters of the order ports (the {@code orders} database: collections {@code orders} and {@code tickets}). */
package dev.ticketing.order.store;
