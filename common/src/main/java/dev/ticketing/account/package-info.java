/** The accounts context: sign up, sign in, change password. Plain Java; adapters in {@code store}. */
package dev.ticketing.account;
