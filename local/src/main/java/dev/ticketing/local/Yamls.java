package dev.ticketing.local;

import java.util.List;
import java.util.Map;

/** Null-safe navigation through parsed YAML (maps, lists, scalars). */
final class Yamls {

    private Yamls() {
    }

    static Node node(Object value) {
        return value == null ? Node.MISSING : new Node(value);
    }

    /** A value in a YAML tree, or {@link #MISSING}. */
    record Node(Object value) {

        static final Node MISSING = new Node(null);

        boolean missing() {
            return value == null;
        }

        Node get(String key) {
            return value instanceof Map<?, ?> map ? node(map.get(key)) : MISSING;
        }

        List<Node> list() {
            return value instanceof List<?> list ? list.stream().map(Yamls::node).toList() : List.of();
        }

        String text(String fallback) {
            return value == null || value instanceof Map || value instanceof List ? fallback : String.valueOf(value);
        }

        String text() {
            return text(null);
        }

        int integer(int fallback) {
            if (value instanceof Number n) {
                return n.intValue();
            }
            if (value instanceof String s && !s.isBlank()) {
                return Integer.parseInt(s.trim());
            }
            return fallback;
        }
    }
}
