/**
 * The event catalog (docs/architecture.md#catalog): one record per CloudEvent type, the {@code TYPE} constants, and
 * {@link dev.ticketing.event.Delivery}, what a consumer made of a delivery. Plain Java: the CloudEvent
 * envelope is added and removed by {@code dev.ticketing.cloudevent}.
 */
package dev.ticketing.event;
