package dev.ticketing.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code ticketing.http.*}: {@code max-body-size}, the largest request body taken (default 64KB; a
 * larger one is 413), and {@code root-route}, the API route a plain {@code POST /} goes to (the
 * module's main command, e.g. {@code /api/orders}; unset in a module without one).
 */
@ConfigurationProperties("ticketing.http")
public record HttpProperties(@DefaultValue("64KB") DataSize maxBodySize, String rootRoute) {
}
