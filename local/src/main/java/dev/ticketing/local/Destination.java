package dev.ticketing.local;

import java.net.URI;

/**
 * A Knative {@code Destination}, as a Trigger's subscriber or a PingSource's sink names it in
 * {@code knative/}: a {@code ref} ({@code {kind: Service, name: update-ticket}}) and a relative
 * {@code uri} ({@code /reserveTicket}) added to that Service's URL. No manifest there names an
 * absolute {@code uri}: a destination without a {@code ref} is refused.
 */
record Destination(String kind, String name, String uri) {

    static Destination of(YamlNode node) {
        YamlNode ref = node.get("ref");
        if (ref.get("name").missing()) {
            throw new IllegalArgumentException("A destination without a ref (" + node.get("uri").text()
                    + ") is not supported locally");
        }
        return new Destination(ref.get("kind").text(), ref.get("name").text(), node.get("uri").text());
    }

    /** The Knative Service (function module) this destination names, or null for another kind. */
    String service() {
        return "Service".equals(kind) ? name : null;
    }

    /** The request path on the service: the {@code uri}, {@code /} when none. */
    String path() {
        return uri == null || uri.isEmpty() ? "/" : uri.startsWith("/") ? uri : "/" + uri;
    }

    /** Where to send, given the base URL of a service (no trailing slash). */
    URI resolve(String serviceBaseUrl) {
        return URI.create(serviceBaseUrl + path());
    }

    @Override
    public String toString() {
        return name + path();
    }
}
