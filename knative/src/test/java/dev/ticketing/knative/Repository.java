package dev.ticketing.knative;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where things are: the repository root (parent of this {@code knative} module), the manifests,
 * the function modules and {@code common}: nothing outside the repository.
 */
record Repository(Path root) {

    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");

    static Repository locate() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("functions/pom.xml")) && Files.isDirectory(p.resolve("knative"))) {
                return new Repository(p);
            }
        }
        throw new IllegalStateException("No repository root (a directory with functions/pom.xml and knative/) above " + dir);
    }

    Path knative() {
        return root.resolve("knative");
    }

    Path functions() {
        return root.resolve("functions");
    }

    Path module(String name) {
        return functions().resolve(name);
    }

    Path commonMain() {
        return root.resolve("common/src/main/java");
    }

    /** The function modules: every {@code <module>} of {@code functions/pom.xml}. */
    List<String> functionModules() {
        return modulesOf(functions().resolve("pom.xml"));
    }

    static List<String> modulesOf(Path pom) {
        Matcher m = MODULE.matcher(read(pom).replaceAll("(?s)<!--.*?-->", ""));
        return m.results().map(r -> r.group(1)).toList();
    }

    String relative(Path p) {
        return root.relativize(p.toAbsolutePath().normalize()).toString();
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> files(Path dir, String... suffixes) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        for (String suffix : suffixes) {
                            if (n.endsWith(suffix)) {
                                return true;
                            }
                        }
                        return false;
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
