package dev.ticketing.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes resources in {@code knative/}, the same files the cluster applies: every
 * {@code *.yaml}/{@code *.yml} (multi-document files too), read generically as maps. The local
 * platform takes its Triggers, PingSources, Broker delivery defaults and HTTP routing from them.
 */
record Manifests(List<Resource> resources) {

    /** One resource: its {@code kind}, {@code apiVersion}, {@code metadata.name}, and the whole document. */
    record Resource(String kind, String apiVersion, String name, Map<String, Object> body, Path file) {

        Yamls.Node spec() {
            return Yamls.node(body).get("spec");
        }

        Yamls.Node root() {
            return Yamls.node(body);
        }
    }

    static Manifests read(Path directory) {
        List<Resource> resources = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return new Manifests(resources);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            try (Reader reader = Files.newBufferedReader(file)) {
                for (Object document : yaml.loadAll(reader)) {
                    if (document instanceof Map<?, ?> map && map.get("kind") instanceof String kind) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> body = (Map<String, Object>) map;
                        Yamls.Node node = Yamls.node(body);
                        resources.add(new Resource(kind, node.get("apiVersion").text(""),
                                node.get("metadata").get("name").text(""), body, file));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return new Manifests(resources);
    }

    List<Resource> ofKind(String kind, String apiGroup) {
        return resources.stream()
                .filter(r -> r.kind().equals(kind) && r.apiVersion().startsWith(apiGroup + "/"))
                .toList();
    }

    List<Trigger> triggers() {
        Yamls.Node brokerDelivery = ofKind("Broker", "eventing.knative.dev").stream().findFirst()
                .map(b -> b.spec().get("delivery")).orElse(Yamls.Node.MISSING);
        return ofKind("Trigger", "eventing.knative.dev").stream()
                .map(r -> Trigger.of(r, brokerDelivery)).toList();
    }

    List<PingSourceSpec> pingSources() {
        return ofKind("PingSource", "sources.knative.dev").stream().map(PingSourceSpec::of).toList();
    }
}
