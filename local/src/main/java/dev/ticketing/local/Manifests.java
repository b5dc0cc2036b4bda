package dev.ticketing.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    record Resource(String kind, String apiVersion, String name, YamlNode root, Path file) {

        YamlNode spec() {
            return root.get("spec");
        }
    }

    static Manifests read(Path directory) {
        List<Resource> resources = new ArrayList<>();
        try (Stream<Path> walk = Files.isDirectory(directory) ? Files.walk(directory) : Stream.empty()) {
            for (Path file : walk.filter(p -> Files.isRegularFile(p) && p.toString().matches(".*\\.ya?ml")).sorted()
                    .toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                        YamlNode node = new YamlNode(document);
                        if (node.get("kind").value() instanceof String kind) {
                            resources.add(new Resource(kind, node.get("apiVersion").text(""),
                                    node.get("metadata").get("name").text(""), node, file));
                        }
                    }
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifests(resources);
    }

    List<Resource> ofKind(String kind, String apiGroup) {
        return resources.stream()
                .filter(r -> r.kind().equals(kind) && r.apiVersion().startsWith(apiGroup + "/"))
                .toList();
    }

    List<Trigger> triggers() {
        YamlNode brokerDelivery = ofKind("Broker", "eventing.knative.dev").stream().findFirst()
                .map(b -> b.spec().get("delivery")).orElse(YamlNode.MISSING);
        return ofKind("Trigger", "eventing.knative.dev").stream()
                .map(r -> Trigger.of(r, brokerDelivery)).toList();
    }

    List<PingSourceSpec> pingSources() {
        return ofKind("PingSource", "sources.knative.dev").stream().map(PingSourceSpec::of).toList();
    }
}
