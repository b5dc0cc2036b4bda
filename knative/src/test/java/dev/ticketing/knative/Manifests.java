package dev.ticketing.knative;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Every resource of {@code knative/} (one per file), the kustomization that applies them, and the
 * problems met while reading them (a file with no resource or with more than one).
 */
record Manifests(List<Manifest> resources, Map<String, Object> kustomization, List<String> readProblems) {

    static final String SERVING = "serving.knative.dev/";
    static final String EVENTING = "eventing.knative.dev/";
    static final String SOURCES = "sources.knative.dev/";
    static final String GATEWAY = "gateway.networking.k8s.io/";
    /** Kustomize components the overlays (knative/overlays/, see {@link Kustomize}) may include. */
    static final String COMPONENTS = "components";
    /** Resources applied by hand for an operation, outside the kustomization (dead-letter redelivery). */
    static final String OPERATIONS = "operations";

    @SuppressWarnings("unchecked")
    static Manifests load(Repository repo) {
        Path dir = repo.knative();
        List<Manifest> resources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Object> kustomization = Map.of();
        for (Path file : Repository.files(dir, ".yaml", ".yml")) {
            Path rel = dir.relativize(file);
            String first = rel.getName(0).toString();
            if (first.equals("src") || first.equals("target") || first.equals(ClusterChecks.OVERLAYS)
                    || first.equals(COMPONENTS) || first.equals(OPERATIONS)) {
                continue;
            }
            List<Object> docs;
            try {
                docs = Yaml.documents(Repository.read(file));
            } catch (RuntimeException e) {
                problems.add(rel + " is not valid YAML: " + e.getMessage());
                continue;
            }
            if (rel.toString().equals("kustomization.yaml") || rel.toString().equals("kustomization.yml")) {
                kustomization = docs.isEmpty() ? Map.of() : (Map<String, Object>) docs.getFirst();
                continue;
            }
            if (docs.size() != 1 || !(docs.getFirst() instanceof Map<?, ?>)) {
                problems.add(rel + " holds " + docs.size() + " documents; each file holds exactly one resource");
                continue;
            }
            resources.add(new Manifest(file, (Map<String, Object>) docs.getFirst()));
        }
        if (!Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
            problems.add("knative/kustomization.yaml is missing (kubectl apply -k knative/)");
        }
        return new Manifests(List.copyOf(resources), kustomization, List.copyOf(problems));
    }

    List<Manifest> all(String apiVersionPrefix, String kind) {
        return resources.stream().filter(m -> m.is(apiVersionPrefix, kind)).toList();
    }

    List<Manifest> ofKind(String kind) {
        return resources.stream().filter(m -> kind.equals(m.kind())).toList();
    }

    List<Manifest> services() {
        return all(SERVING, "Service");
    }

    Optional<Manifest> service(String name) {
        return services().stream().filter(s -> Objects.equals(name, s.name())).findFirst();
    }

    List<Manifest> triggers() {
        return all(EVENTING, "Trigger");
    }

    List<Manifest> brokers() {
        return all(EVENTING, "Broker");
    }

    List<Manifest> pingSources() {
        return all(SOURCES, "PingSource");
    }

    List<Manifest> sinkBindings() {
        return all(SOURCES, "SinkBinding");
    }

    List<Manifest> httpRoutes() {
        return all(GATEWAY, "HTTPRoute");
    }

    List<Manifest> gateways() {
        return all(GATEWAY, "Gateway");
    }

    Optional<Manifest> find(String apiVersion, String kind, String name) {
        return resources.stream()
                .filter(m -> Objects.equals(kind, m.kind()) && Objects.equals(name, m.name())
                        && (apiVersion == null || Objects.equals(apiVersion, m.apiVersion())))
                .findFirst();
    }

    /** The namespace of the system: the one Namespace resource. */
    String namespace() {
        return ofKind("Namespace").stream().map(Manifest::name).findFirst().orElse("ticketing");
    }

    // ---- copies for tests that break one thing on purpose ----

    Manifests without(Predicate<Manifest> removed) {
        return new Manifests(resources.stream().filter(removed.negate()).toList(), kustomization, readProblems);
    }

    Manifests changing(Predicate<Manifest> which, UnaryOperator<Manifest> change) {
        return new Manifests(resources.stream().map(m -> which.test(m) ? change.apply(m.copy()) : m).toList(),
                kustomization, readProblems);
    }

    Manifests with(Manifest added) {
        List<Manifest> all = new ArrayList<>(resources);
        all.add(added);
        return new Manifests(List.copyOf(all), kustomization, readProblems);
    }
}
