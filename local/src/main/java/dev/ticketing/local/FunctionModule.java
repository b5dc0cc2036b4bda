package dev.ticketing.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A function module (one Knative Service) and its built Spring Boot jar. */
record FunctionModule(String name, Path jar) {

    /**
     * The function modules the manifests deploy as Knative Services (else every {@code functions/*}
     * module), each with its jar under {@code functions/<name>/target/}. A Service with no module under
     * {@code functions/} (a web client, say) is not one.
     */
    static List<FunctionModule> find(Path root, Manifests manifests) {
        List<String> names = manifests.ofKind("Service", "serving.knative.dev").stream()
                .map(Manifests.Resource::name).distinct()
                .filter(name -> Files.isRegularFile(root.resolve("functions").resolve(name).resolve("pom.xml")))
                .sorted().toList();
        if (names.isEmpty()) {
            try (Stream<Path> dirs = Files.list(root.resolve("functions"))) {
                names = dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                        .map(d -> d.getFileName().toString()).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names.stream().map(name -> new FunctionModule(name, jar(root, name))).toList();
    }

    private static Path jar(Path root, String name) {
        Path target = root.resolve("functions").resolve(name).resolve("target");
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                List<Path> jars = files.filter(f -> {
                    String file = f.getFileName().toString();
                    return file.startsWith(name + "-") && file.endsWith(".jar") && !file.endsWith("-sources.jar")
                            && !file.endsWith("-javadoc.jar") && !file.endsWith("-tests.jar")
                            && !file.endsWith("-plain.jar");
                }).sorted().toList();
                if (!jars.isEmpty()) {
                    return jars.getLast();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target.resolve(name + ".jar");
    }

    boolean built() {
        return Files.isRegularFile(jar);
    }
}
