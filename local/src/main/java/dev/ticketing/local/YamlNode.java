package dev.ticketing.local;

import java.util.List;
import java.util.Map;

/** Null-safe navigation through parsed YAML (maps, lists, scalars): a value in the tree, null where missing. */
record YamlNode(Object value) {

    static final YamlNode MISSING = new YamlNode(null);

    boolean missing() {
        return value == null;
    }

    YamlNode get(String key) {
        return new YamlNode(value instanceof Map<?, ?> map ? map.get(key) : null);
    }

    List<YamlNode> list() {
        return value instanceof List<?> list ? list.stream().map(YamlNode::new).toList() : List.of();
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
        return value instanceof String s && !s.isBlank() ? Integer.parseInt(s.trim()) : fallback;
    }
}
