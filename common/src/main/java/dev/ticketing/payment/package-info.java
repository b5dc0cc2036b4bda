/**
 * The payments context: the payments database's view of orders, charges paid through a payment
 * provider (Stripe) and refunds of charges whose order ended first. Plain Java; the MongoDB adapter
 * is in {@code store}, the stripe-java adapter in {@code stripe}.
 */
package dev.ticketing.payment;
