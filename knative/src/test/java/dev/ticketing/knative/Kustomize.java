package dev.ticketing.knative;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code kubectl kustomize <dir>} gives for the subset of kustomize that {@code knative/} uses, so that the
 * checks can read each overlay as it would be applied: {@code resources} (files and kustomization directories),
 * {@code components}, {@code patches} (JSON 6902 operations in a file, with a {@code target} kind and name) and
 * {@code images} (newName, newTag, digest). Any other field of a kustomization is reported as a problem rather than
 * ignored, so an overlay never renders differently here than on a cluster without a word.
 */
final class Kustomize {

    private static final Set<String> KNOWN = Set.of("apiVersion", "kind", "resources", "components", "patches", "images");

    /** The resources an overlay renders to, and what could not be rendered. */
    record Rendered(Path dir, List<Manifest> resources, List<String> problems) {

        List<Manifest> ofKind(String kind) {
            return resources.stream().filter(m -> kind.equals(m.kind())).toList();
        }
    }

    private Kustomize() {
    }

    static Rendered render(Path dir) {
        List<Manifest> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        build(dir, out, problems, false);
        return new Rendered(dir, out, problems);
    }

    private static void build(Path dir, List<Manifest> out, List<String> problems, boolean component) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            problems.add(dir + " has no kustomization.yaml");
            return;
        }
        Map<String, Object> k = Yaml.map(Yaml.documents(Repository.read(file)).getFirst());
        String expectedKind = component ? "Component" : "Kustomization";
        if (!expectedKind.equals(Yaml.string(k, "kind"))) {
            problems.add(file + " must be of kind " + expectedKind + ", is " + Yaml.string(k, "kind"));
        }
        for (String key : k.keySet()) {
            if (!KNOWN.contains(key)) {
                problems.add(file + ": field " + key + " is not rendered by the checks (use resources, components, "
                        + "patches with JSON 6902 operations, images)");
            }
        }
        for (Object r : Yaml.list(k, "resources")) {
            Path target = dir.resolve(String.valueOf(r)).normalize();
            if (Files.isDirectory(target)) {
                build(target, out, problems, false);
            } else if (Files.isRegularFile(target)) {
                for (Object doc : Yaml.documents(Repository.read(target))) {
                    out.add(new Manifest(target, Yaml.copy(Yaml.map(doc))));
                }
            } else {
                problems.add(file + " lists resource " + r + ", which does not exist");
            }
        }
        for (Object c : Yaml.list(k, "components")) {
            build(dir.resolve(String.valueOf(c)).normalize(), out, problems, true);
        }
        for (Object p : Yaml.list(k, "patches")) {
            String kind = Yaml.string(p, "target", "kind");
            String name = Yaml.string(p, "target", "name");
            Path patchFile = dir.resolve(String.valueOf(Yaml.string(p, "path"))).normalize();
            if (kind == null || name == null || !Files.isRegularFile(patchFile)) {
                problems.add(file + ": every patch needs a path to a file and a target kind and name: " + p);
                continue;
            }
            List<Object> ops = Yaml.list(Yaml.documents(Repository.read(patchFile)).getFirst());
            List<Manifest> targets = out.stream().filter(m -> kind.equals(m.kind()) && name.equals(m.name())).toList();
            if (targets.isEmpty()) {
                problems.add(file + ": patch " + patchFile.getFileName() + " targets " + kind + " " + name + ", which is not rendered");
            }
            for (Manifest m : targets) {
                for (Object op : ops) {
                    try {
                        apply(m.body(), op);
                    } catch (RuntimeException e) {
                        problems.add(patchFile.getFileName() + " on " + m.describe() + ": " + e.getMessage());
                    }
                }
            }
        }
        for (Object image : Yaml.list(k, "images")) {
            for (Manifest m : out) {
                for (Object c : Yaml.list(m.body(), "spec", "template", "spec", "containers")) {
                    setImage(Yaml.map(c), image);
                }
            }
        }
    }

    private static void setImage(Map<String, Object> container, Object image) {
        String current = Yaml.string(container, "image");
        String name = Yaml.string(image, "name");
        if (current == null || !Objects.equals(ManifestChecks.imageRepository(current), name)) {
            return;
        }
        String repository = Yaml.string(image, "newName") != null ? Yaml.string(image, "newName") : name;
        String rest = current.substring(name.length());
        if (Yaml.string(image, "digest") != null) {
            rest = "@" + Yaml.string(image, "digest");
        } else if (Yaml.string(image, "newTag") != null) {
            rest = ":" + Yaml.string(image, "newTag");
        }
        container.put("image", repository + rest);
    }

    /** One JSON 6902 operation (add, replace, remove) on a YAML tree. */
    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> body, Object operation) {
        String op = Yaml.string(operation, "op");
        String path = Yaml.string(operation, "path");
        Object value = Yaml.copy(Yaml.at(operation, "value"));
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a JSON pointer starts with /: " + path);
        }
        String[] tokens = path.substring(1).split("/", -1);
        Object parent = body;
        for (int i = 0; i < tokens.length - 1; i++) {
            parent = child(parent, unescape(tokens[i]));
            if (parent == null) {
                throw new IllegalArgumentException("no " + path);
            }
        }
        String last = unescape(tokens[tokens.length - 1]);
        if (parent instanceof Map<?, ?> map) {
            Map<String, Object> m = (Map<String, Object>) map;
            switch (op) {
                case "add" -> m.put(last, value);
                case "replace", "remove" -> {
                    if (!m.containsKey(last)) {
                        throw new IllegalArgumentException(op + " of absent " + path);
                    }
                    if (op.equals("replace")) {
                        m.put(last, value);
                    } else {
                        m.remove(last);
                    }
                }
                default -> throw new IllegalArgumentException("unsupported op " + op);
            }
        } else if (parent instanceof List<?> list) {
            List<Object> l = (List<Object>) list;
            int index = last.equals("-") ? l.size() : Integer.parseInt(last);
            switch (op) {
                case "add" -> l.add(index, value);
                case "replace" -> l.set(index, value);
                case "remove" -> l.remove(index);
                default -> throw new IllegalArgumentException("unsupported op " + op);
            }
        } else {
            throw new IllegalArgumentException("no " + path);
        }
    }

    private static Object child(Object node, String token) {
        if (node instanceof Map<?, ?> m) {
            return m.get(token);
        }
        if (node instanceof List<?> l && token.matches("\\d+") && Integer.parseInt(token) < l.size()) {
            return l.get(Integer.parseInt(token));
        }
        return null;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
