package dev.ticketing.bench;

import dev.ticketing.bench.Http.Request;
import dev.ticketing.bench.Http.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cold-start benchmark: for every function module, the time from process start to the first
 * successful response on its main route (or CloudEvent) and the resident memory right after, for each
 * start-up variant, next to the floor (a plain JDK HttpServer). Runs are interleaved (run 1 of every
 * variant, then run 2, ...) so that a change in the machine's load hits every variant alike; figures
 * are medians, and ratios are taken within one invocation.
 *
 * <p>Arguments (all optional): {@code --repo DIR} (holds {@code functions/<m>/target/<m>-*.jar}),
 * {@code --work DIR}, {@code --runs N}, {@code --modules a,b}, {@code --variants v1,v2},
 * {@code --java PATH} (the java launcher under test; default this JVM's).
 */
public final class ColdStart {

    static final List<String> ALL_MODULES = List.of("signup", "signin", "create-ticket", "update-ticket",
            "browse-tickets", "place-order", "cancel-order", "browse-orders", "complete-order", "expire-order",
            "charge");

    /** How a variant archives classes: not at all, a dynamic CDS archive, or a JDK 25 AOT cache. */
    enum Archive { NONE, CDS, AOT }

    /**
     * How an archive is trained: {@code FIRST_REQUEST} starts the app, serves the module's
     * {@link TrainingWorkload} (so the classes and profiles of the web server, the request path, the
     * database driver and JSON are recorded too) and stops it with SIGTERM, as the image build does; {@code REFRESH} exits after the context refresh
     * ({@code -Dspring.context.exit=onRefresh}), before the web server starts.
     */
    enum Training { FIRST_REQUEST, REFRESH }

    /**
     * One way to start a function. {@code extracted}: run the extracted layout
     * ({@code java -Djarmode=tools -jar app.jar extract}) instead of the fat jar; {@code springAot}:
     * run the Spring AOT initialisers ({@code -Dspring.aot.enabled=true}, needs a {@code -Paot} build);
     * {@code flags}: JVM/system options used both to train the archive and to run.
     */
    record Variant(String name, String description, boolean extracted, Archive archive, boolean springAot,
            List<String> flags, String archiveOf, Training training) {

        Variant(String name, String description, boolean extracted, Archive archive, boolean springAot,
                List<String> flags) {
            this(name, description, extracted, archive, springAot, flags, name, Training.FIRST_REQUEST);
        }

        String archiveFile() {
            return archiveOf + (archive == Archive.CDS ? ".jsa" : ".aot");
        }
    }

    static final List<Variant> VARIANTS = List.of(
            new Variant("jar", "(a) plain java -jar app.jar", false, Archive.NONE, false, List.of()),
            new Variant("cds", "(b) extracted + Spring Boot CDS archive", true, Archive.CDS, false, List.of()),
            new Variant("aot", "(b) extracted + JDK AOT cache", true, Archive.AOT, false, List.of()),
            new Variant("aot-spring", "(c) AOT cache + Spring AOT", true, Archive.AOT, true, List.of()),
            new Variant("aot-spring-c1", "(c) AOT cache + Spring AOT + C1 only + Serial GC", true, Archive.AOT, true,
                    List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")),
            new Variant("image", "(c) the image's start: AOT cache + Spring AOT + C1 + Serial GC + small heap",
                    true, Archive.AOT, true, ImageFlags.FLAGS),
            new Variant("image-refresh", "(c) as image, its AOT cache trained only up to the context refresh",
                    true, Archive.AOT, true, ImageFlags.FLAGS, "image-refresh", Training.REFRESH),
            new Variant("lazy", "(c) the image's start + lazy initialisation (the image's AOT cache)", true,
                    Archive.AOT, true,
                    Stream.concat(ImageFlags.FLAGS.stream(), Stream.of("-Dspring.main.lazy-initialization=true"))
                            .toList(), "image", Training.FIRST_REQUEST));

    /** The floor: a plain Java main serving one request with the JDK's HttpServer. */
    static final String FLOOR = "floor";

    record Sample(String module, String variant, int run, double seconds, long rssKb) {
    }

    private final Path repo;
    private final Path work;
    private final int runs;
    private final List<String> modules;
    private final List<Variant> variants;
    private final String java;
    private final boolean reuseArchives;
    private final Path floorClasses;
    private final Servers servers;
    private final Seeds seeds;
    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();

    private ColdStart(Map<String, String> args) throws IOException {
        repo = Path.of(args.getOrDefault("repo", ".")).toAbsolutePath().normalize();
        work = Path.of(args.getOrDefault("work", "bench/cold-start/target/work")).toAbsolutePath().normalize();
        runs = Integer.parseInt(args.getOrDefault("runs", "5"));
        modules = split(args.get("modules"), ALL_MODULES);
        List<String> variantNames = split(args.get("variants"), VARIANTS.stream().map(Variant::name).toList());
        variants = VARIANTS.stream().filter(v -> variantNames.contains(v.name())).toList();
        java = args.getOrDefault("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        reuseArchives = Boolean.parseBoolean(args.getOrDefault("reuse-archives", "false"));
        floorClasses = Path.of(Floor.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Files.createDirectories(work.resolve("logs"));
        servers = new Servers(work.resolve("servers"));
        seeds = new Seeds(this, servers);
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        ColdStart bench = new ColdStart(args);
        // killing the driver must not leave functions or redis-server running
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .forEach(ProcessHandle::destroyForcibly)));
        try {
            bench.run();
        } finally {
            bench.servers.close();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        log("java " + java + " (" + Runtime.version() + "), " + Runtime.getRuntime().availableProcessors()
                + " cpus, " + runs + " runs, variants " + variants.stream().map(Variant::name).toList());
        log("servers: " + servers.env());
        Files.writeString(work.resolve("samples.csv"), "module,variant,run,seconds,rss_mb\n");
        for (String module : modules) {
            Optional<Path> jar = jar(module);
            if (jar.isEmpty()) {
                note(module, "skipped: no jar under functions/" + module + "/target (build it first)");
                continue;
            }
            try {
                bench(module, jar.get());
            } catch (Exception e) {
                note(module, "failed: " + e.getMessage());
                log(module + " FAILED: " + e);
            }
            writeSummary();
        }
        writeSummary();
        log("summary: " + work.resolve("summary.md"));
    }

    private void bench(String module, Path jar) throws Exception {
        log("== " + module + " (" + repo.relativize(jar) + ")");
        Probe probe = seeds.probeFor(module, runs * (variants.size()) + 20);
        Path dir = work.resolve(module);
        Path extracted = reuseArchives && Files.exists(dir.resolve("ext").resolve(jar.getFileName()))
                ? dir.resolve("ext").resolve(jar.getFileName()) : extract(jar, dir.resolve("ext"));
        boolean hasSpringAot = containsSpringAot(jar);
        List<Variant> usable = new ArrayList<>();
        for (Variant variant : variants) {
            if (variant.springAot() && !hasSpringAot) {
                note(module, variant.name() + " skipped: jar has no Spring AOT classes (build with -Paot)");
                continue;
            }
            if (variant.archive() != Archive.NONE && variant.archiveOf().equals(variant.name())
                    && !(reuseArchives && Files.exists(dir.resolve(variant.archiveFile())))) {
                train(module, variant, dir, extracted);
            }
            if (variant.archive() != Archive.NONE && !Files.exists(dir.resolve(variant.archiveFile()))) {
                note(module, variant.name() + " skipped: no archive " + variant.archiveFile()
                        + " (list the variant that trains it first)");
                continue;
            }
            usable.add(variant);
        }
        for (int run = 1; run <= runs; run++) {
            for (Variant variant : usable) {
                List<String> command = command(variant, jar, dir, extracted);
                Sample sample = measure(module, variant.name(), run, command, probe);
                record(sample);
            }
            record(measure(module, FLOOR, run,
                    List.of(java, "-cp", floorClasses.toString(), Floor.class.getName()),
                    attempt -> Request.get("/", Map.of())));
        }
    }

    private List<String> command(Variant variant, Path jar, Path dir, Path extracted) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(variant.flags());
        if (variant.springAot()) {
            command.add("-Dspring.aot.enabled=true");
        }
        switch (variant.archive()) {
            case CDS -> command.add("-XX:SharedArchiveFile=" + dir.resolve(variant.archiveFile()));
            case AOT -> command.add("-XX:AOTCache=" + dir.resolve(variant.archiveFile()));
            case NONE -> { }
        }
        command.add("-jar");
        command.add((variant.extracted() ? extracted : jar).toString());
        return command;
    }

    /**
     * Trains the variant's archive with the same flags it runs with: through the first request
     * (served, then SIGTERM: the JVM writes the archive as it exits) or up to the context refresh.
     */
    private void train(String module, Variant variant, Path dir, Path extracted) throws Exception {
        Path archive = dir.resolve(variant.archiveFile());
        Files.deleteIfExists(archive);
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(variant.flags());
        if (variant.springAot()) {
            command.add("-Dspring.aot.enabled=true");
        }
        command.add(variant.archive() == Archive.CDS ? "-XX:ArchiveClassesAtExit=" + archive
                : "-XX:AOTCacheOutput=" + archive);
        if (variant.training() == Training.REFRESH) {
            command.add("-Dspring.context.exit=onRefresh");
        }
        command.add("-jar");
        command.add(extracted.toString());
        Path logFile = work.resolve("logs").resolve(module + "-" + variant.name() + "-train.log");
        long start = System.nanoTime();
        int port = Servers.freePort();
        Process process = start(command, port, logFile);
        if (variant.training() == Training.FIRST_REQUEST) {
            try {
                TrainingWorkload.run(module, port, servers.mongoUri(), TimeUnit.SECONDS.toNanos(600), process);
            } catch (IOException e) {
                process.destroyForcibly();
                throw new IOException("training " + variant.name() + ": " + e.getMessage() + "; see " + logFile, e);
            }
            process.destroy();
        }
        if (!process.waitFor(1200, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("training " + variant.name() + " timed out; see " + logFile);
        }
        if (!Files.exists(archive)) {
            throw new IOException("training " + variant.name() + " wrote no archive (exit " + process.exitValue()
                    + "); see " + logFile);
        }
        log(String.format(Locale.ROOT, "  trained %-14s %5.1f s, %d MB (%s)", variant.name(),
                (System.nanoTime() - start) / 1e9, Files.size(archive) >> 20,
                variant.training() == Training.REFRESH ? "up to the context refresh" : "through the first request"));
    }

    /** Starts the command and polls its probe until the first expected answer; then reads VmRSS and kills it. */
    Sample measure(String module, String variant, int run, List<String> command, Probe probe) throws Exception {
        int port = Servers.freePort();
        Path logFile = work.resolve("logs").resolve(module + "-" + variant + ".log");
        long start = System.nanoTime();
        Process process = start(command, port, logFile);
        try {
            long deadline = start + TimeUnit.SECONDS.toNanos(600);
            int attempt = 0;
            Response last = null;
            Request request = probe.request(attempt);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException(variant + " exited with " + process.exitValue() + "; see " + logFile);
                }
                try {
                    Response response = Http.send(port, request, 60_000);
                    if (probe.accepts(response)) {
                        double seconds = (System.nanoTime() - start) / 1e9;
                        long rss = rssKb(process.pid());
                        checkArchiveWarnings(module, variant, logFile);
                        log(String.format(Locale.ROOT, "  %-14s run %d: %6.3f s  %4d MB  (%s -> %d)", variant, run,
                                seconds, rss >> 10, request, response.status()));
                        return new Sample(module, variant, run, seconds, rss);
                    }
                    last = response;
                    request = probe.request(++attempt);
                    Thread.sleep(50);
                } catch (ConnectException notYet) {
                    Thread.sleep(5);
                } catch (IOException early) {
                    Thread.sleep(20);
                }
            }
            throw new IOException(variant + ": no successful answer to " + request + " within 600 s; last "
                    + (last == null ? "none" : last.status() + " " + last.body()) + "; see " + logFile);
        } finally {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    Process start(List<String> command, int port, Path logFile) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        Map<String, String> env = builder.environment();
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        env.remove("_JAVA_OPTIONS");
        env.putAll(servers.env());
        env.put("PORT", Integer.toString(port));
        return builder.start();
    }

    private void checkArchiveWarnings(String module, String variant, Path logFile) throws IOException {
        try (Stream<String> lines = Files.lines(logFile)) {
            lines.filter(l -> l.contains("[warning][aot") || l.contains("[warning][cds") || l.contains("[error][aot")
                    || l.contains("[error][cds"))
                    .findFirst()
                    .ifPresent(l -> note(module, variant + ": " + l.trim()));
        }
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private Optional<Path> jar(String module) throws IOException {
        Path target = repo.resolve("functions").resolve(module).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(Pattern.quote(module) + "-[0-9].*\\.jar"))
                    .findFirst();
        }
    }

    Optional<Path> jarOf(String module) throws IOException {
        return jar(module);
    }

    String java() {
        return java;
    }

    Path logFile(String name) {
        return work.resolve("logs").resolve(name + ".log");
    }

    private Path extract(Path jar, Path destination) throws Exception {
        deleteRecursively(destination);
        Process process = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(), "extract",
                "--destination", destination.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("logs").resolve("extract.log").toFile())
                .start();
        if (process.waitFor() != 0) {
            throw new IOException("extracting " + jar + " failed");
        }
        return destination.resolve(jar.getFileName());
    }

    private static boolean containsSpringAot(Path jar) throws IOException {
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(e -> e.getName().endsWith("__ApplicationContextInitializer.class"));
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    private void record(Sample sample) throws IOException {
        samples.add(sample);
        Files.writeString(work.resolve("samples.csv"), String.format(Locale.ROOT, "%s,%s,%d,%.3f,%.1f%n",
                sample.module(), sample.variant(), sample.run(), sample.seconds(), sample.rssKb() / 1024.0),
                StandardOpenOption.APPEND);
    }

    void note(String module, String note) {
        List<String> list = notes.computeIfAbsent(module, m -> new ArrayList<>());
        if (!list.contains(note)) {
            list.add(note);
            log("  note: " + note);
        }
    }

    /** Median seconds / RSS per (module, variant), ratios to (a) and to the floor, and the targets. */
    private void writeSummary() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("| module | variant | median s | vs (a) | vs floor | RSS MB | runs |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        StringBuilder verdicts = new StringBuilder();
        verdicts.append("| module | (a) s | best variant | best s | best / (a) (≤ 0.20) | best / floor (≤ 8) "
                + "| RSS MB (≤ 180) | floor s |\n|---|---:|---|---:|---:|---:|---:|---:|\n");
        for (String module : modules) {
            List<Sample> mine = samples.stream().filter(s -> s.module().equals(module)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            double plain = median(mine, "jar", Sample::seconds);
            double floor = median(mine, FLOOR, Sample::seconds);
            List<String> names = new ArrayList<>(variants.stream().map(Variant::name).toList());
            names.add(FLOOR);
            String best = null;
            double bestSeconds = Double.MAX_VALUE;
            for (String variant : names) {
                List<Sample> of = mine.stream().filter(s -> s.variant().equals(variant)).toList();
                if (of.isEmpty()) {
                    continue;
                }
                double seconds = median(mine, variant, Sample::seconds);
                double rss = median(mine, variant, s -> s.rssKb() / 1024.0);
                md.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %s | %.1f× | %.0f | %d |%n", module, variant,
                        seconds, Double.isNaN(plain) ? "–" : String.format(Locale.ROOT, "%.2f", seconds / plain),
                        seconds / floor, rss, of.size()));
                if (!variant.equals(FLOOR) && seconds < bestSeconds) {
                    best = variant;
                    bestSeconds = seconds;
                }
            }
            if (best != null) {
                String bestVariant = best;
                double rss = median(mine, bestVariant, s -> s.rssKb() / 1024.0);
                verdicts.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %.2f | %.2f %s | %.1f× %s | %.0f %s | %.3f |%n",
                        module, plain, best, bestSeconds, bestSeconds / plain, bestSeconds / plain <= 0.20 ? "✅" : "❌",
                        bestSeconds / floor, bestSeconds / floor <= 8 ? "✅" : "❌", rss, rss <= 180 ? "✅" : "❌", floor));
            }
        }
        StringBuilder all = new StringBuilder();
        all.append("Generated ").append(Instant.now()).append(" by ColdStart (").append(runs)
                .append(" runs per variant, medians).\n\n## Targets\n\n").append(verdicts)
                .append("\n## Every variant\n\n").append(md).append("\n## Variants\n\n");
        for (Variant v : variants) {
            all.append("- `").append(v.name()).append("`: ").append(v.description()).append(": `java ")
                    .append(String.join(" ", v.flags())).append(v.springAot() ? " -Dspring.aot.enabled=true" : "")
                    .append(switch (v.archive()) {
                        case CDS -> " -XX:SharedArchiveFile=app.jsa";
                        case AOT -> " -XX:AOTCache=app.aot";
                        case NONE -> "";
                    }).append(v.extracted() ? " -jar extracted/app.jar" : " -jar app.jar").append("`\n");
        }
        all.append("- `floor`: `java -cp classes ").append(Floor.class.getName()).append("`\n");
        if (!notes.isEmpty()) {
            all.append("\n## Notes\n\n");
            notes.forEach((module, list) -> list.forEach(n -> all.append("- ").append(module).append(": ")
                    .append(n).append('\n')));
        }
        Files.writeString(work.resolve("summary.md"), all);
    }

    private static double median(List<Sample> samples, String variant,
            java.util.function.ToDoubleFunction<Sample> value) {
        double[] values = samples.stream().filter(s -> s.variant().equals(variant)).mapToDouble(value).sorted()
                .toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    static void log(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static List<String> split(String value, List<String> fallback) {
        return value == null || value.isBlank() ? fallback : Arrays.stream(value.split(",")).map(String::trim).toList();
    }

    // ---- requests ----

    /** The request a module's first user sends, and what counts as success. */
    interface Probe {
        Request request(int attempt);

        default boolean accepts(Response response) {
            return response.status() >= 200 && response.status() < 300;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh 24-hex-digit id (the shape of a MongoDB ObjectId). */
    static String objectId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String jsonString(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
