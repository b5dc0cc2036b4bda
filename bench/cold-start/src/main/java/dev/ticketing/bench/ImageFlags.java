package dev.ticketing.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM options of the container images, read from {@code bench/cold-start/image.jvm-options} (or the
 * file named by {@code -Dbench.image-options}): the same file train-image.sh trains the image's AOT
 * cache with, so the benchmark's {@code image} variant is what the cluster runs.
 */
final class ImageFlags {

    static final List<String> FLAGS = load(Path.of(System.getProperty("bench.image-options",
            "bench/cold-start/image.jvm-options")));

    private ImageFlags() {
    }

    private static List<String> load(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .map(line -> line.replaceFirst("#.*", "").strip())
                    .filter(line -> !line.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image's JVM options from " + file.toAbsolutePath(), e);
        }
    }
}
