package dev.ticketing.knative;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the CRD schemas cannot catch but a real cluster does: the pod's user, which Gateway can reach Knative's
 * Services, who owns a Kafka topic, timeouts and memory against the code's own figures, immutable images in the
 * deploy overlays, the cluster domain, HSTS, and who may send events to whom (OIDC sender identity).
 */
final class ClusterChecks {

    /** The deploy overlays: one directory per supported setup, each rendered with {@link Kustomize}. */
    static final String OVERLAYS = "overlays";
    static final String ISTIO = "istio";
    static final String EVENTS_AUTH = "ticketing-events-auth";
    static final String ISSUER_ENV = "TICKETING_EVENTS_AUTH_ISSUER";
    static final String JWKS_URI_ENV = "TICKETING_EVENTS_AUTH_JWKS_URI";
    static final String SUBJECTS_ENV = "TICKETING_EVENTS_AUTH_SUBJECTS";
    static final String HSTS = "Strict-Transport-Security";
    static final long HSTS_MIN_AGE = 31_536_000;
    /** Resident memory of a function beyond its heap (metaspace, code, threads, buffers): the request must cover both. */
    static final long NON_HEAP_MIB = 128;
    /** stripe-java's longest pause between two tries of one call. */
    static final Duration STRIPE_MAX_RETRY_DELAY = Duration.ofSeconds(5);

    private static final Pattern USER = Pattern.compile("<container>(?:(?!</container>).)*?<user>\\s*([^<\\s]*)\\s*</user>", Pattern.DOTALL);
    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");

    private final Repository repo;
    private final Manifests manifests;
    private final CodeFacts code;
    private final String namespace;

    ClusterChecks(Repository repo, Manifests manifests, CodeFacts code) {
        this.repo = repo;
        this.manifests = manifests;
        this.code = code;
        this.namespace = manifests.namespace();
    }

    // ------------------------------------------------------------------ pod user

    /**
     * The images run as a numeric non-root user (func deploy sets {@code runAsNonRoot: true}, and the kubelet refuses
     * a root image, or a named user it cannot check), and every Service asks for it.
     */
    List<String> nonRootUser() {
        return nonRootUser(Repository.read(repo.functions().resolve("pom.xml")));
    }

    List<String> nonRootUser(String functionsPom) {
        List<String> problems = new ArrayList<>();
        String pom = functionsPom.replaceAll("(?s)<!--.*?-->", "");
        Matcher user = USER.matcher(pom);
        if (!user.find()) {
            problems.add("functions/pom.xml: the Jib <container> sets no <user>, so the images run as root and a pod with"
                    + " runAsNonRoot (func deploy sets it) is refused: set <user>65532:65532</user>");
        } else if (!user.group(1).matches("[1-9]\\d*(:\\d+)?")) {
            problems.add("functions/pom.xml: Jib <user> " + user.group(1) + " must be a numeric, non-zero uid[:gid]"
                    + " (the kubelet can verify runAsNonRoot only for a numeric user)");
        }
        for (Manifest s : manifests.services()) {
            Object c = container(s);
            if (!Boolean.TRUE.equals(Yaml.at(c, "securityContext", "runAsNonRoot"))) {
                problems.add(s.describe() + ": the container needs securityContext.runAsNonRoot: true");
            }
            if (!Boolean.FALSE.equals(Yaml.at(c, "securityContext", "allowPrivilegeEscalation"))) {
                problems.add(s.describe() + ": the container needs securityContext.allowPrivilegeEscalation: false");
            }
            if (!code.modules().contains(s.name()) && !(Yaml.at(c, "securityContext", "runAsUser") instanceof Integer uid && uid > 0)) {
                problems.add(s.describe() + ": its image names its user (USER node), which the kubelet cannot check against"
                        + " runAsNonRoot: set securityContext.runAsUser to that user's uid");
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------ overlays

    /** Every resource an overlay renders reads strictly into its published type, as the base's do. */
    List<String> overlaySchemas() {
        List<String> problems = new ArrayList<>();
        for (Path overlay : overlays()) {
            for (Manifest m : Kustomize.render(overlay).resources()) {
                Optional<List<String>> result = StrictModels.validate(m);
                String where = "knative/" + OVERLAYS + "/" + overlay.getFileName() + ": ";
                if (result.isEmpty()) {
                    problems.add(where + m.describe() + ": no published type for " + m.apiVersion() + " " + m.kind());
                } else {
                    result.get().forEach(p -> problems.add(where + p));
                }
            }
        }
        return problems;
    }

    /** The overlay directories, each a supported setup. */
    List<Path> overlays() {
        Path dir = repo.knative().resolve(OVERLAYS);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("kustomization.yaml"))).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * One overlay per supported Gateway, at least Istio and one that refuses ExternalName backends; each renders
     * cleanly, and only on Istio does the public route reach Knative's per-Service ExternalName Services (the Gateway
     * API says implementations should not support ExternalName; Envoy Gateway, NGINX Gateway Fabric and Traefik refuse
     * it). Elsewhere the route goes to the Knative ingress's own Service, allowed by a ReferenceGrant.
     */
    List<String> gatewayOverlays() {
        return gatewayOverlays(overlays());
    }

    List<String> gatewayOverlays(List<Path> overlays) {
        List<String> problems = new ArrayList<>();
        Set<String> classes = new TreeSet<>();
        Set<String> knativeServices = manifests.services().stream().map(Manifest::name).collect(Collectors.toSet());
        for (Path overlay : overlays) {
            String where = "knative/" + OVERLAYS + "/" + overlay.getFileName();
            Kustomize.Rendered r = Kustomize.render(overlay);
            r.problems().forEach(p -> problems.add(where + ": " + p));
            List<Manifest> gateways = r.ofKind("Gateway");
            if (gateways.size() != 1) {
                problems.add(where + " renders " + gateways.size() + " Gateways, not one");
                continue;
            }
            String gatewayClass = gateways.getFirst().string("spec", "gatewayClassName");
            classes.add(gatewayClass);
            for (Manifest route : r.ofKind("HTTPRoute")) {
                for (Object rule : Yaml.list(route.body(), "spec", "rules")) {
                    for (Object ref : Yaml.list(rule, "backendRefs")) {
                        String kind = Objects.requireNonNullElse(Yaml.string(ref, "kind"), "Service");
                        String ns = Objects.requireNonNullElse(Yaml.string(ref, "namespace"), namespace);
                        String name = Yaml.string(ref, "name");
                        if (!kind.equals("Service")) {
                            continue;
                        }
                        if (ns.equals(namespace) && knativeServices.contains(name) && !ISTIO.equals(gatewayClass)) {
                            problems.add(where + ": " + route.describe() + " routes to Service " + name + ", which Knative"
                                    + " makes an ExternalName Service; gateway class " + gatewayClass + " refuses"
                                    + " ExternalName backends: route to the Knative ingress's Service instead");
                        }
                        if (!ns.equals(namespace) && !granted(r, ns, name)) {
                            problems.add(where + ": " + route.describe() + " routes to Service " + ns + "/" + name
                                    + " with no ReferenceGrant in " + ns + " allowing HTTPRoutes of " + namespace);
                        }
                    }
                }
            }
        }
        if (!classes.contains(ISTIO)) {
            problems.add("knative/" + OVERLAYS + "/ needs an overlay for Istio (gatewayClassName: istio)");
        }
        if (classes.stream().noneMatch(c -> !ISTIO.equals(c))) {
            problems.add("knative/" + OVERLAYS + "/ needs an overlay for a Gateway that refuses ExternalName backends"
                    + " (for example Envoy Gateway)");
        }
        return problems;
    }

    private boolean granted(Kustomize.Rendered r, String ns, String service) {
        return r.ofKind("ReferenceGrant").stream().anyMatch(g -> ns.equals(g.namespace())
                && Yaml.list(g.body(), "spec", "from").stream().anyMatch(f -> "HTTPRoute".equals(Yaml.string(f, "kind"))
                        && namespace.equals(Yaml.string(f, "namespace")))
                && Yaml.list(g.body(), "spec", "to").stream().anyMatch(t -> "Service".equals(Yaml.string(t, "kind"))
                        && (Yaml.string(t, "name") == null || service.equals(Yaml.string(t, "name")))));
    }

    /**
     * Every image of every deploy overlay has an immutable reference: a digest, or a release tag (never latest or a
     * snapshot). Knative resolves a tag to a digest when it creates a revision, so re-applying {@code :latest} rolls
     * out nothing new.
     */
    List<String> releaseImages() {
        return releaseImages(overlays());
    }

    List<String> releaseImages(List<Path> overlays) {
        List<String> problems = new ArrayList<>();
        if (overlays.isEmpty()) {
            problems.add("knative/" + OVERLAYS + "/ has no deploy overlay");
        }
        for (Path overlay : overlays) {
            String where = "knative/" + OVERLAYS + "/" + overlay.getFileName();
            for (Manifest s : Kustomize.render(overlay).ofKind("Service")) {
                for (Object c : Yaml.list(s.body(), "spec", "template", "spec", "containers")) {
                    String image = Yaml.string(c, "image");
                    if (!immutable(image)) {
                        problems.add(where + ": " + s.describe() + " runs " + image + ", not an immutable image (a digest"
                                + " or a release tag; never latest or a snapshot)");
                    }
                }
            }
        }
        return problems;
    }

    static boolean immutable(String image) {
        if (image == null) {
            return false;
        }
        if (image.contains("@sha256:")) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon < slash) {
            return false;
        }
        String tag = image.substring(colon + 1);
        return !tag.isEmpty() && !tag.equals("latest") && !tag.toUpperCase(java.util.Locale.ROOT).endsWith("SNAPSHOT");
    }

    // ------------------------------------------------------------------ Kafka

    /**
     * No KafkaSink owns its topic: with numPartitions and replicationFactor set, the KafkaSink controller creates the
     * topic and marks itself its owner, and deleting the sink deletes the topic (eventing-kafka-broker,
     * control-plane/pkg/reconciler/sink/kafka_sink.go: TopicOwnerAnnotation = "kafkasink-controller", then
     * kafka.DeleteTopic in finalizeKind) — {@code kubectl delete -k} would wipe the dead letters.
     */
    List<String> topicOwnership() {
        List<String> problems = new ArrayList<>();
        for (Manifest sink : manifests.ofKind("KafkaSink")) {
            for (String field : List.of("numPartitions", "replicationFactor")) {
                if (Yaml.at(sink.body(), "spec", field) != null) {
                    problems.add(sink.describe() + " sets spec." + field + ", so the KafkaSink controller owns topic "
                            + sink.string("spec", "topic") + " and deletes it with the sink: create the topic outside"
                            + " (docs/deploy.md) and leave both fields out");
                }
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------ timeouts

    /**
     * A Service's timeoutSeconds covers its function's worst case (charge: every Stripe try with its connect and read
     * timeouts and the pauses between); each Trigger's delivery.timeout is within its subscriber's timeoutSeconds;
     * each HTTPS route rule lets the gateway wait as long as the Service may answer.
     */
    List<String> timeouts() {
        List<String> problems = new ArrayList<>();
        for (Manifest s : manifests.services()) {
            Optional<Duration> worst = worstCase(s.name());
            long timeout = timeoutSeconds(s);
            if (worst.isPresent() && timeout <= worst.get().toSeconds()) {
                problems.add(s.describe() + ": timeoutSeconds " + timeout + " is not above the function's worst case of "
                        + worst.get().toSeconds() + " s (" + describeWorstCase(s.name()) + "); the caller would get a"
                        + " non-JSON 504 while the work goes on");
            }
        }
        for (Manifest t : manifests.triggers()) {
            String service = "Service".equals(t.string("spec", "subscriber", "ref", "kind")) ? t.string("spec", "subscriber", "ref", "name") : null;
            String timeout = t.string("spec", "delivery", "timeout");
            if (timeout == null) {
                problems.add(t.describe() + " sets no spec.delivery.timeout (how long one delivery attempt may take)");
                continue;
            }
            Duration d;
            try {
                d = Duration.parse(timeout);
            } catch (RuntimeException e) {
                problems.add(t.describe() + ": delivery.timeout " + timeout + " is no ISO-8601 duration");
                continue;
            }
            Optional<Manifest> target = service == null ? Optional.empty() : manifests.service(service);
            if (target.isPresent() && d.toSeconds() > timeoutSeconds(target.get())) {
                problems.add(t.describe() + ": delivery.timeout " + timeout + " is longer than Service " + service
                        + "'s timeoutSeconds " + timeoutSeconds(target.get()));
            }
        }
        for (Manifest route : manifests.httpRoutes()) {
            if (Yaml.list(route.body(), "spec", "parentRefs").stream().noneMatch(p -> "https".equals(Yaml.string(p, "sectionName")))) {
                continue;
            }
            for (Object rule : Yaml.list(route.body(), "spec", "rules")) {
                for (Object ref : Yaml.list(rule, "backendRefs")) {
                    Optional<Manifest> target = manifests.service(Yaml.string(ref, "name"));
                    if (target.isEmpty()) {
                        continue;
                    }
                    long needed = timeoutSeconds(target.get());
                    Optional<Duration> request = gatewayDuration(Yaml.string(rule, "timeouts", "request"));
                    if (request.isEmpty() || request.get().toSeconds() < needed) {
                        problems.add(route.describe() + " rule " + Yaml.string(rule, "name") + ": timeouts.request must be"
                                + " at least Service " + target.get().name() + "'s timeoutSeconds (" + needed + "s), is "
                                + Yaml.string(rule, "timeouts", "request"));
                    }
                }
            }
        }
        return problems;
    }

    static long timeoutSeconds(Manifest service) {
        Object t = Yaml.at(service.body(), "spec", "template", "spec", "timeoutSeconds");
        return t instanceof Number n ? n.longValue() : 300;
    }

    /** The function's own worst case, from its configuration: a Stripe call's tries, timeouts and pauses. */
    Optional<Duration> worstCase(String module) {
        Map<String, Object> stripe = Yaml.map(applicationYaml(module), "ticketing", "stripe");
        if (stripe.isEmpty()) {
            return Optional.empty();
        }
        long retries = Long.parseLong(placeholderDefault(Yaml.string(stripe, "max-network-retries"), "0"));
        Duration connect = springDuration(placeholderDefault(Yaml.string(stripe, "connect-timeout"), "30s"));
        Duration read = springDuration(placeholderDefault(Yaml.string(stripe, "read-timeout"), "80s"));
        return Optional.of(connect.plus(read).multipliedBy(retries + 1).plus(STRIPE_MAX_RETRY_DELAY.multipliedBy(retries)));
    }

    private String describeWorstCase(String module) {
        Map<String, Object> stripe = Yaml.map(applicationYaml(module), "ticketing", "stripe");
        return "Stripe: 1 + " + placeholderDefault(Yaml.string(stripe, "max-network-retries"), "0") + " tries of "
                + Yaml.string(stripe, "connect-timeout") + " connect + " + Yaml.string(stripe, "read-timeout")
                + " read, up to " + STRIPE_MAX_RETRY_DELAY.toSeconds() + " s between tries";
    }

    private Object applicationYaml(String module) {
        Path file = repo.module(module).resolve("src/main/resources/application.yaml");
        return Files.isRegularFile(file) ? Yaml.documents(Repository.read(file)).stream().findFirst().orElse(Map.of()) : Map.of();
    }

    /** "${STRIPE_MAX_NETWORK_RETRIES:2}" -> "2"; a plain value as it is. */
    static String placeholderDefault(String value, String otherwise) {
        if (value == null) {
            return otherwise;
        }
        Matcher m = Pattern.compile("^\\$\\{[^:}]+:([^}]*)}$").matcher(value.trim());
        return m.matches() ? m.group(1) : value.trim();
    }

    /** Spring's simple duration form: 5s, 20s, 3m, 500ms. */
    static Duration springDuration(String value) {
        Matcher m = Pattern.compile("^(\\d+)(ms|s|m|h)$").matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a simple duration: " + value);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** The Gateway API's duration form (GEP-2257): 1h, 30s, 500ms, 1m30s. */
    static Optional<Duration> gatewayDuration(String value) {
        if (value == null || !value.matches("^([0-9]{1,5}(h|m|s|ms)){1,4}$")) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher m = Pattern.compile("([0-9]{1,5})(ms|h|m|s)").matcher(value);
        while (m.find()) {
            total = total.plus(springDuration(m.group(1) + m.group(2)));
        }
        return Optional.of(total);
    }

    // ------------------------------------------------------------------ memory

    /**
     * A function's memory request covers what its JVM may take: the heap the image's options allow (MaxRAM or the
     * limit, times MaxRAMPercentage; or -Xmx) plus {@value #NON_HEAP_MIB} MiB beyond the heap. A request below that
     * makes the pod an early eviction candidate once it is warm. The limit is at least the request.
     */
    List<String> memory() {
        List<String> problems = new ArrayList<>();
        List<String> imageOptions = imageJvmOptions();
        for (Manifest s : manifests.services()) {
            if (!code.modules().contains(s.name())) {
                continue;
            }
            Object c = container(s);
            long request = mebibytes(Yaml.string(c, "resources", "requests", "memory"));
            long limit = mebibytes(Yaml.string(c, "resources", "limits", "memory"));
            List<String> options = new ArrayList<>();
            Map<String, Object> env = envByName(s);
            if (env.containsKey("JAVA_TOOL_OPTIONS")) {
                options.addAll(List.of(String.valueOf(Yaml.string(env.get("JAVA_TOOL_OPTIONS"), "value")).split("\\s+")));
            }
            options.addAll(imageOptions);
            long heap = maxHeapMib(options, limit);
            if (request < heap + NON_HEAP_MIB) {
                problems.add(s.describe() + ": resources.requests.memory " + request + "Mi is below what the JVM may use: a"
                        + " heap of up to " + heap + "Mi (" + String.join(" ", options.stream().filter(o -> o.startsWith("-XX:MaxRAM") || o.startsWith("-Xmx")).toList())
                        + ") plus " + NON_HEAP_MIB + "Mi beyond the heap");
            }
            if (limit < request) {
                problems.add(s.describe() + ": the memory limit is below the request");
            }
        }
        return problems;
    }

    /** The JVM options of the function images (bench/cold-start/image.jvm-options, one per line). */
    List<String> imageJvmOptions() {
        Path file = repo.root().resolve("bench/cold-start/image.jvm-options");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return Repository.read(file).lines().map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty()).toList();
    }

    /** The JVM's maximum heap in MiB for these options (later options win) in a container with this limit. */
    static long maxHeapMib(List<String> options, long limitMib) {
        Long xmx = null;
        Long maxRam = null;
        double percentage = 25;
        for (String o : options) {
            if (o.startsWith("-Xmx")) {
                xmx = jvmSizeMib(o.substring(4));
            } else if (o.startsWith("-XX:MaxRAM=")) {
                maxRam = jvmSizeMib(o.substring("-XX:MaxRAM=".length()));
            } else if (o.startsWith("-XX:MaxRAMPercentage=")) {
                percentage = Double.parseDouble(o.substring("-XX:MaxRAMPercentage=".length()));
            }
        }
        if (xmx != null) {
            return xmx;
        }
        long ram = maxRam != null ? Math.min(maxRam, limitMib) : limitMib;
        return (long) Math.ceil(ram * percentage / 100);
    }

    static long jvmSizeMib(String size) {
        Matcher m = Pattern.compile("^(\\d+)([kKmMgG]?)$").matcher(size);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a JVM size: " + size);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "g" -> n * 1024;
            case "m" -> n;
            case "k" -> n / 1024;
            default -> n / (1024 * 1024);
        };
    }

    /** A Kubernetes memory quantity in MiB (Mi, Gi, M, G, or bytes). */
    static long mebibytes(String quantity) {
        if (quantity == null) {
            return 0;
        }
        Matcher m = Pattern.compile("^(\\d+)(Ki|Mi|Gi|k|M|G)?$").matcher(quantity.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a memory quantity: " + quantity);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "Gi" -> n * 1024;
            case "Mi" -> n;
            case "Ki" -> n / 1024;
            case "G" -> n * 1_000_000_000L / (1024 * 1024);
            case "M" -> n * 1_000_000L / (1024 * 1024);
            case "k" -> n * 1000 / (1024 * 1024);
            default -> n / (1024 * 1024);
        };
    }

    // ------------------------------------------------------------------ func.yaml

    /**
     * A module's func.yaml deploys what its Service manifest deploys: the same environment (names and values; a
     * secretKeyRef is '{{ secret:name:key }}', a configMapKeyRef '{{ configMap:name:key }}'), the same requests,
     * limits and concurrency, the same scale bounds and target.
     */
    List<String> funcYamlsAgreeWithServices(ManifestChecks checks) {
        List<String> problems = new ArrayList<>();
        for (String module : code.modules()) {
            Optional<Map<String, Object>> loaded = checks.funcYaml(module);
            Optional<Manifest> service = manifests.service(module);
            if (loaded.isEmpty() || service.isEmpty()) {
                continue;
            }
            String where = "functions/" + module + "/func.yaml";
            Map<String, Object> f = loaded.get();
            Map<String, String> funcEnv = new TreeMap<>();
            Yaml.list(f, "run", "envs").forEach(e -> funcEnv.put(Yaml.string(e, "name"), Yaml.string(e, "value")));
            Map<String, String> serviceEnv = new TreeMap<>();
            envByName(service.get()).forEach((name, e) -> serviceEnv.put(name, asFuncValue(e)));
            if (!funcEnv.equals(serviceEnv)) {
                Set<String> names = new TreeSet<>(funcEnv.keySet());
                names.addAll(serviceEnv.keySet());
                for (String name : names) {
                    if (!Objects.equals(funcEnv.get(name), serviceEnv.get(name))) {
                        problems.add(where + ": run.envs " + name + " is " + funcEnv.get(name) + ", the Service's is "
                                + serviceEnv.get(name) + " (in func.yaml form)");
                    }
                }
            }
            Object c = container(service.get());
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    String funcValue = Yaml.string(f, "deploy", "options", "resources", kind, resource);
                    String serviceValue = Yaml.string(c, "resources", kind, resource);
                    if (!Objects.equals(funcValue, serviceValue)) {
                        problems.add(where + ": deploy.options.resources." + kind + "." + resource + " is " + funcValue
                                + ", the Service's is " + serviceValue);
                    }
                }
            }
            Object concurrency = Yaml.at(service.get().body(), "spec", "template", "spec", "containerConcurrency");
            if (!Objects.equals(String.valueOf(concurrency), Yaml.string(f, "deploy", "options", "resources", "limits", "concurrency"))) {
                problems.add(where + ": deploy.options.resources.limits.concurrency must be the Service's containerConcurrency " + concurrency);
            }
            Map<String, Object> annotations = Yaml.map(service.get().body(), "spec", "template", "metadata", "annotations");
            for (String[] pair : List.of(new String[] {"max", "autoscaling.knative.dev/max-scale"},
                    new String[] {"target", "autoscaling.knative.dev/target"},
                    new String[] {"metric", "autoscaling.knative.dev/metric"})) {
                if (!Objects.equals(Yaml.string(f, "deploy", "options", "scale", pair[0]), Yaml.string(annotations, pair[1]))) {
                    problems.add(where + ": deploy.options.scale." + pair[0] + " is " + Yaml.string(f, "deploy", "options", "scale", pair[0])
                            + ", the Service's " + pair[1] + " is " + Yaml.string(annotations, pair[1]));
                }
            }
        }
        return problems;
    }

    private static String asFuncValue(Object env) {
        if (Yaml.at(env, "valueFrom", "secretKeyRef") != null) {
            return "{{ secret:" + Yaml.string(env, "valueFrom", "secretKeyRef", "name") + ":"
                    + Yaml.string(env, "valueFrom", "secretKeyRef", "key") + " }}";
        }
        if (Yaml.at(env, "valueFrom", "configMapKeyRef") != null) {
            return "{{ configMap:" + Yaml.string(env, "valueFrom", "configMapKeyRef", "name") + ":"
                    + Yaml.string(env, "valueFrom", "configMapKeyRef", "key") + " }}";
        }
        return Yaml.string(env, "value");
    }

    // ------------------------------------------------------------------ cluster domain

    /**
     * Nothing assumes the cluster domain is cluster.local, except the one value that is the cluster's own (the
     * service-account issuer in ConfigMap {@value #EVENTS_AUTH}). Knative routes a Service's cluster-local host also
     * by its short forms {@code <name>.<namespace>.svc} and {@code <name>.<namespace>} (knative.dev/networking,
     * pkg/ingress: ExpandedHosts "sets up hosts for the short-names for cluster DNS names").
     */
    List<String> clusterDomain() {
        List<String> problems = new ArrayList<>();
        List<Manifest> all = new ArrayList<>(manifests.resources());
        for (Path overlay : overlays()) {
            all.addAll(Kustomize.render(overlay).resources());
        }
        Set<String> seen = new TreeSet<>();
        for (Manifest m : all) {
            if (m.is("v1", "ConfigMap") && EVENTS_AUTH.equals(m.name())) {
                continue;
            }
            strings(m.body(), "", (path, value) -> {
                if (value.contains(".cluster.local") && seen.add(m.describe() + path)) {
                    problems.add(m.describe() + ": " + path.substring(1) + " is " + value + ", which assumes the cluster"
                            + " domain cluster.local; use <name>.<namespace>.svc");
                }
            });
        }
        return problems;
    }

    private static void strings(Object node, String path, java.util.function.BiConsumer<String, String> visit) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> strings(v, path + "." + k, visit));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                strings(list.get(i), path + "[" + i + "]", visit);
            }
        } else if (node instanceof String s) {
            visit.accept(path, s);
        }
    }

    // ------------------------------------------------------------------ HSTS

    /** Every rule served on the HTTPS listener sets Strict-Transport-Security with a max-age of a year or more. */
    List<String> hsts() {
        List<String> problems = new ArrayList<>();
        for (Manifest route : manifests.httpRoutes()) {
            if (Yaml.list(route.body(), "spec", "parentRefs").stream().noneMatch(p -> "https".equals(Yaml.string(p, "sectionName")))) {
                continue;
            }
            for (Object rule : Yaml.list(route.body(), "spec", "rules")) {
                Optional<String> value = Yaml.list(rule, "filters").stream()
                        .filter(f -> "ResponseHeaderModifier".equals(Yaml.string(f, "type")))
                        .flatMap(f -> Stream.concat(Yaml.list(f, "responseHeaderModifier", "set").stream(),
                                Yaml.list(f, "responseHeaderModifier", "add").stream()))
                        .filter(h -> HSTS.equalsIgnoreCase(Yaml.string(h, "name")))
                        .map(h -> Yaml.string(h, "value")).findFirst();
                Matcher age = MAX_AGE.matcher(value.orElse(""));
                if (value.isEmpty() || !age.find() || Long.parseLong(age.group(1)) < HSTS_MIN_AGE) {
                    problems.add(route.describe() + " rule " + Yaml.string(rule, "name") + " must set " + HSTS
                            + " (ResponseHeaderModifier) with max-age of at least " + HSTS_MIN_AGE + ", has " + value.orElse("none"));
                }
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------ event senders

    /** A sender of events to a function: a Trigger or a PingSource of knative/. */
    record Sender(String apiVersion, String kind, String name) {

        String group() {
            return apiVersion.substring(0, apiVersion.indexOf('/'));
        }
    }

    /**
     * Who may send events, said once in each place that enforces it: every Trigger subscriber and PingSource sink
     * asks for a token with audience = its Service's name; an EventPolicy to the broker admits exactly the
     * SinkBindings that publish to it, and one to each event-consuming function exactly the Triggers and
     * PingSources that deliver to it; that function's {@value #SUBJECTS_ENV} lists exactly their OIDC service
     * accounts (the names Knative gives them), and it takes the issuer and JWKS URI from ConfigMap
     * {@value #EVENTS_AUTH}.
     */
    List<String> eventSenders() {
        List<String> problems = new ArrayList<>();
        Map<String, Set<Sender>> senders = senders();
        for (Manifest t : manifests.triggers()) {
            if ("Service".equals(t.string("spec", "subscriber", "ref", "kind"))
                    && !Objects.equals(t.string("spec", "subscriber", "ref", "name"), t.string("spec", "subscriber", "audience"))) {
                problems.add(t.describe() + ": spec.subscriber.audience must be " + t.string("spec", "subscriber", "ref", "name")
                        + " (the function verifies the token's audience), is " + t.string("spec", "subscriber", "audience"));
            }
        }
        for (Manifest p : manifests.pingSources()) {
            if (!Objects.equals(p.string("spec", "sink", "ref", "name"), p.string("spec", "sink", "audience"))) {
                problems.add(p.describe() + ": spec.sink.audience must be " + p.string("spec", "sink", "ref", "name")
                        + ", is " + p.string("spec", "sink", "audience"));
            }
        }
        Optional<Manifest> config = manifests.find("v1", "ConfigMap", EVENTS_AUTH);
        if (config.isEmpty() || Yaml.string(config.get().body(), "data", "issuer") == null
                || Yaml.string(config.get().body(), "data", "jwks-uri") == null) {
            problems.add("knative/ needs ConfigMap " + EVENTS_AUTH + " with data.issuer (the cluster's service-account"
                    + " issuer) and data.jwks-uri");
        }
        List<Manifest> policies = manifests.ofKind("EventPolicy");
        for (Map.Entry<String, Set<Sender>> e : senders.entrySet()) {
            String module = e.getKey();
            Optional<Manifest> service = manifests.service(module);
            if (service.isEmpty()) {
                continue;
            }
            Map<String, Object> env = envByName(service.get());
            for (String[] ref : List.of(new String[] {ISSUER_ENV, "issuer"}, new String[] {JWKS_URI_ENV, "jwks-uri"})) {
                Object entry = env.get(ref[0]);
                if (!EVENTS_AUTH.equals(Yaml.string(entry, "valueFrom", "configMapKeyRef", "name"))
                        || !ref[1].equals(Yaml.string(entry, "valueFrom", "configMapKeyRef", "key"))) {
                    problems.add(service.get().describe() + " consumes events: set env " + ref[0] + " from configMapKeyRef {name: "
                            + EVENTS_AUTH + ", key: " + ref[1] + "}");
                }
            }
            String expected = e.getValue().stream().map(this::subject).sorted().collect(Collectors.joining(","));
            String actual = Yaml.string(env.get(SUBJECTS_ENV), "value");
            if (!expected.equals(actual)) {
                problems.add(service.get().describe() + ": env " + SUBJECTS_ENV + " must list the OIDC subjects of exactly"
                        + " the Triggers and PingSources that deliver to it: " + expected + " (is " + actual + ")");
            }
            List<Manifest> toService = policies.stream().filter(p -> targets(p, "serving.knative.dev/v1", "Service", module)).toList();
            if (toService.size() != 1) {
                problems.add(service.get().describe() + " receives events, so it needs exactly one EventPolicy to it"
                        + " (to: ref Service " + module + "), found " + toService.stream().map(Manifest::name).toList());
            } else if (!from(toService.getFirst()).equals(e.getValue())) {
                problems.add(toService.getFirst().describe() + " must admit exactly the senders of " + module + ": "
                        + e.getValue() + " (admits " + from(toService.getFirst()) + ")");
            }
        }
        for (Manifest broker : manifests.brokers()) {
            Set<Sender> publishers = manifests.sinkBindings().stream()
                    .filter(b -> broker.name().equals(b.string("spec", "sink", "ref", "name")))
                    .map(b -> new Sender(b.apiVersion(), b.kind(), b.name()))
                    .collect(Collectors.toCollection(java.util.HashSet::new));
            // and, while it is applied, the dead-letter redelivery source (operations/, outside the kustomization)
            publishers.add(new Sender("sources.knative.dev/v1", "KafkaSource", "redeliver-dead-letters"));
            List<Manifest> toBroker = policies.stream().filter(p -> targets(p, "eventing.knative.dev/v1", "Broker", broker.name())).toList();
            if (toBroker.size() != 1 || !from(toBroker.getFirst()).equals(publishers)) {
                problems.add(broker.describe() + " needs exactly one EventPolicy to it admitting exactly its publishers "
                        + publishers + ", found " + toBroker.stream().map(p -> p.name() + " " + from(p)).toList());
            }
        }
        for (Manifest p : policies) {
            for (Object f : Yaml.list(p.body(), "spec", "from")) {
                if (Yaml.at(f, "sub") != null) {
                    problems.add(p.describe() + ": admit senders by ref, not by sub (a pattern can admit anyone in the namespace)");
                }
            }
        }
        return problems;
    }

    /** Each event-consuming function and who delivers to it (Triggers by subscriber, PingSources by sink). */
    Map<String, Set<Sender>> senders() {
        Map<String, Set<Sender>> out = new TreeMap<>();
        for (CodeFacts.Consumer c : code.consumers()) {
            out.computeIfAbsent(c.module(), k -> new TreeSet<>(java.util.Comparator.comparing(Sender::kind).thenComparing(Sender::name)));
        }
        for (Manifest t : manifests.triggers()) {
            String target = t.string("spec", "subscriber", "ref", "name");
            if ("Service".equals(t.string("spec", "subscriber", "ref", "kind")) && out.containsKey(target)) {
                out.get(target).add(new Sender(t.apiVersion(), t.kind(), t.name()));
            }
        }
        for (Manifest p : manifests.pingSources()) {
            String target = p.string("spec", "sink", "ref", "name");
            if (out.containsKey(target)) {
                out.get(target).add(new Sender(p.apiVersion(), p.kind(), p.name()));
            }
        }
        return out;
    }

    private static boolean targets(Manifest policy, String apiVersion, String kind, String name) {
        return Yaml.list(policy.body(), "spec", "to").stream().anyMatch(t -> kind.equals(Yaml.string(t, "ref", "kind"))
                && apiVersion.equals(Yaml.string(t, "ref", "apiVersion")) && name.equals(Yaml.string(t, "ref", "name")));
    }

    private static Set<Sender> from(Manifest policy) {
        return Yaml.list(policy.body(), "spec", "from").stream()
                .filter(f -> Yaml.at(f, "ref") != null)
                .map(f -> new Sender(Yaml.string(f, "ref", "apiVersion"), Yaml.string(f, "ref", "kind"), Yaml.string(f, "ref", "name")))
                .collect(Collectors.toCollection(() -> new TreeSet<>(java.util.Comparator.comparing(Sender::kind).thenComparing(Sender::name))));
    }

    /** The token subject of a sender: its OIDC service account in the namespace. */
    String subject(Sender sender) {
        return "system:serviceaccount:" + namespace + ":" + oidcServiceAccount(sender.group(), sender.kind(), sender.name());
    }

    /**
     * The name Knative Eventing gives the OIDC service account of a resource (knative/eventing 1.22, pkg/auth/
     * serviceaccount.go, GetOIDCServiceAccountNameForResource: {@code kmeta.ChildName(name, "-oidc-<group>-<Kind>")}
     * lower-cased; knative.dev/pkg kmeta.ChildName: a suffix longer than 31 characters and a name that does not fit
     * in 63 make {@code name[:31] + md5hex(name + suffix)}). The Kafka broker's Triggers get theirs the same way
     * (eventing-kafka-broker 1.23, control-plane/pkg/reconciler/trigger/trigger.go: auth.SetupOIDCServiceAccount
     * with Kind "Trigger"), the PingSources too (eventing, pkg/reconciler/pingsource: Kind "PingSource"); the
     * cluster shows the name in each resource's status.auth.serviceAccountName.
     */
    static String oidcServiceAccount(String group, String kind, String name) {
        String suffix = "-oidc-" + group + "-" + kind;
        int longest = 63;
        int head = longest - 32;
        String n = name;
        if (name.length() > longest - suffix.length()) {
            if (head - suffix.length() <= 0) {
                String parent = head < name.length() ? name.substring(0, head) : name;
                String ret = parent + md5Hex(name + suffix);
                if (longest - ret.length() > 0) {
                    ret += suffix.substring(0, longest - ret.length());
                }
                while (!ret.isEmpty() && !Character.isLetterOrDigit(ret.charAt(ret.length() - 1))) {
                    ret = ret.substring(0, ret.length() - 1);
                }
                return ret.toLowerCase(java.util.Locale.ROOT);
            }
            n = name.substring(0, head - suffix.length()) + md5Hex(name);
        }
        return (n + suffix).toLowerCase(java.util.Locale.ROOT);
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Object container(Manifest service) {
        List<Object> containers = Yaml.list(service.body(), "spec", "template", "spec", "containers");
        return containers.isEmpty() ? Map.of() : containers.getFirst();
    }

    private static Map<String, Object> envByName(Manifest service) {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Object e : Yaml.list(container(service), "env")) {
            env.put(Yaml.string(e, "name"), e);
        }
        return env;
    }
}
