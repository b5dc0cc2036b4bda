package dev.ticketing.cloudevent;

import java.util.List;
import java.util.Locale;

/**
 * The hosts event deliveries may be addressed to. A Knative broker delivers to a subscriber's
 * cluster-local address ({@code <service>.<namespace>.svc.cluster.local}), the local platform to
 * loopback; a request that reached a function through its public URL carries the public host and
 * is refused, so nobody outside the cluster can forge {@code order.cancelled} to unlock a ticket.
 * Entries are exact names or {@code *.suffix} patterns ({@code ticketing.events.allowed-hosts}).
 */
final class EventHosts {

    private final List<String> allowed;

    EventHosts(List<String> allowed) {
        this.allowed = allowed.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }

    boolean allows(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        for (String entry : allowed) {
            if (entry.equals("*") || entry.equals(name)
                    || (entry.startsWith("*.") && name.endsWith(entry.substring(1)))) {
                return true;
            }
        }
        return false;
    }
}
