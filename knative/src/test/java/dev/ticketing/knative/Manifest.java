package dev.ticketing.knative;

import java.nio.file.Path;
import java.util.Map;

/** One Kubernetes resource of {@code knative/}: the file it is in and its YAML body. */
record Manifest(Path file, Map<String, Object> body) {

    String apiVersion() {
        return Yaml.string(body, "apiVersion");
    }

    String kind() {
        return Yaml.string(body, "kind");
    }

    String group() {
        String v = apiVersion();
        return v == null || !v.contains("/") ? "" : v.substring(0, v.indexOf('/'));
    }

    String name() {
        return Yaml.string(body, "metadata", "name");
    }

    String namespace() {
        return Yaml.string(body, "metadata", "namespace");
    }

    Map<String, Object> labels() {
        return Yaml.map(body, "metadata", "labels");
    }

    Map<String, Object> annotations() {
        return Yaml.map(body, "metadata", "annotations");
    }

    Object at(String... path) {
        return Yaml.at(body, path);
    }

    String string(String... path) {
        return Yaml.string(body, path);
    }

    boolean is(String apiVersionPrefix, String kind) {
        return kind.equals(kind()) && apiVersion() != null && apiVersion().startsWith(apiVersionPrefix);
    }

    /** "Kind name (file)" for messages. */
    String describe() {
        return kind() + " " + name() + " (" + file.getFileName() + ")";
    }

    Manifest copy() {
        return new Manifest(file, Yaml.copy(body));
    }
}
