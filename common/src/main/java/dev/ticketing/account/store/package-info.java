/** MongoDB and bcrypt adapters of the account ports. */
package dev.ticketing.account.store;
