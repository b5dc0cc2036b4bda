package dev.ticketing.local;

import java.net.URI;
import java.util.Locale;

/**
 * A Knative {@code Destination} ({@code ref} and/or {@code uri}), as a Trigger's subscriber or a
 * PingSource's sink names it: {@code ref: {kind: Service, name: update-ticket}} with
 * {@code uri: /reserveTicket} resolves to that Service's URL plus the path; an absolute {@code uri}
 * such as {@code http://update-ticket.default.svc.cluster.local/reserveTicket} names the Service by
 * its host's first label.
 */
record Destination(String kind, String name, String uri) {

    static Destination of(YamlNode node) {
        YamlNode ref = node.get("ref");
        return new Destination(ref.get("kind").text(), ref.get("name").text(), node.get("uri").text());
    }

    /** The Knative Service (function module) this destination names, or null. */
    String service() {
        if (name != null && !"Broker".equals(kind)) {
            return name;
        }
        String host = uri == null ? null : URI.create(uri).getHost();
        return host == null ? null : host.split("\\.")[0].toLowerCase(Locale.ROOT);
    }

    /** The request path on the service: the {@code uri}'s path, {@code /} when none. */
    String path() {
        String path = uri == null ? null : URI.create(uri).getRawPath();
        return path == null || path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
    }

    /** Where to send, given the base URL of a service (no trailing slash). */
    URI resolve(String serviceBaseUrl) {
        return URI.create(serviceBaseUrl + path());
    }

    @Override
    public String toString() {
        return (service() == null ? "?" : service()) + path();
    }
}
