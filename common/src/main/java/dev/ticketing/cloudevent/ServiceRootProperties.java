package dev.ticketing.cloudevent;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ticketing.http.root-route}: the API route a plain {@code POST /} goes to (the module's main
 * command, e.g. {@code /api/orders}); unset in a module whose main function consumes events.
 */
@ConfigurationProperties("ticketing.http")
public record ServiceRootProperties(String rootRoute) {
}
