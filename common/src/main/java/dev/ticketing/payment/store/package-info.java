/** The MongoDB adapter of the payments database: the order view ({@code orders}) and the charges ({@code charges}). */
package dev.ticketing.payment.store;
