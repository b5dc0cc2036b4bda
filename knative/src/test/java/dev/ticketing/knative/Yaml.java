package dev.ticketing.knative;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** YAML documents as plain maps and lists, and null-safe navigation in them. */
final class Yaml {

    private Yaml() {
    }

    /** Every document of a YAML text (safe constructor: no custom tags). */
    static List<Object> documents(String text) {
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions()));
        List<Object> docs = new ArrayList<>();
        for (Object doc : yaml.loadAll(text)) {
            if (doc != null) {
                docs.add(doc);
            }
        }
        return docs;
    }

    /** The value at a path of keys (map keys may contain dots, so each segment is one key). */
    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    static String string(Object node, String... path) {
        Object v = at(node, path);
        return v == null ? null : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object v = at(node, path);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String... path) {
        Object v = at(node, path);
        return v instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** A deep, mutable copy (for tests that break a manifest on purpose). */
    @SuppressWarnings("unchecked")
    static <T> T copy(T node) {
        if (node instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, copy(v)));
            return (T) out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return node;
    }
}
