/** The Redis adapter of the order expiry queue: two sorted sets and three Lua scripts. */
package dev.ticketing.order.expiry.redis;
