package dev.ticketing.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A function module (one Knative Service) and its built Spring Boot jar. */
record FunctionModule(String name, Path jar) {

    /**
     * The function modules the manifests deploy as Knative Services, each with its jar under
     * {@code functions/<name>/target/}. A Service with no module under {@code functions/} (the web client) is not one.
     */
    static List<FunctionModule> find(Path root, Manifests manifests) {
        return manifests.ofKind("Service", "serving.knative.dev").stream().map(Manifests.Resource::name).distinct()
                .filter(name -> Files.isRegularFile(root.resolve("functions").resolve(name).resolve("pom.xml")))
                .sorted().map(name -> new FunctionModule(name, jar(root, name))).toList();
    }

    /** Its Spring Boot jar ({@code <name>-<version>.jar}, not the sources, javadoc, tests or plain one). */
    private static Path jar(Path root, String name) {
        Path target = root.resolve("functions").resolve(name).resolve("target");
        try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(f -> f.getFileName().toString().matches(Pattern.quote(name)
                    + "-.*(?<!-sources|-javadoc|-tests|-plain)\\.jar")).max(Comparator.naturalOrder())
                    .orElse(target.resolve(name + ".jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean built() {
        return Files.isRegularFile(jar);
    }
}
