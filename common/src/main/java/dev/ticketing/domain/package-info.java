/**
 * The shared kernel of every context: how a use case refuses a request ({@link dev.ticketing.domain.DomainException}
 * and its kinds) and how field rules are collected ({@link dev.ticketing.domain.Validation}). No Spring,
 * no CloudEvents: adapters in {@code dev.ticketing.web} and {@code dev.ticketing.cloudevent} translate.
 */
package dev.ticketing.domain;
