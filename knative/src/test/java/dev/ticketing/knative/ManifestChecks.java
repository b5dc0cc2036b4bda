package dev.ticketing.knative;

import dev.ticketing.knative.CodeFacts.Consumer;
import dev.ticketing.knative.CodeFacts.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
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

/**
 * The rules that keep {@code knative/} and every module's {@code func.yaml} true to the code. Each check returns
 * its problems (empty when all is well), phrased so that the fix is evident.
 */
final class ManifestChecks {

    /** Environment variables that carry secrets, and the Kubernetes secret (with a key of the same name) each comes from. */
    static final Map<String, String> SECRET_ENV = Map.of(
            "JWT_PUBLIC_KEY", "jwt-secret",
            "JWT_PRIVATE_KEY", "jwt-signing-secret",
            "STRIPE_KEY", "stripe-secret",
            "MONGODB_URI", "mongodb",
            "REDIS_URL", "redis");

    /** Other variable names that must never hold an inline value. */
    private static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(KEY|SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|_URI|_URL).*");

    /** Text that looks like a secret value, wherever it appears. */
    private static final Map<String, Pattern> SECRET_VALUES = Map.of(
            "a Stripe key", Pattern.compile("\\b[sr]k_(live|test)_[A-Za-z0-9]{8,}"),
            "a JWT", Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
            "credentials in a URL", Pattern.compile("[a-z+]+://[^/\\s:@'\"]*:[^@\\s/'\"]+@"),
            "a PEM key or certificate", Pattern.compile("-----BEGIN [A-Z ]+-----"));

    static final String PROBE_PREFIX = "/actuator/health";
    static final String ORDERED = "kafka.eventing.knative.dev/delivery.order";
    static final String CONSUMES = "ticketing.dev/consumes";
    static final String VISIBILITY = "networking.knative.dev/visibility";
    private static final Pattern ISO_DURATION = Pattern.compile("^P(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:\\.\\d+)?S)?)?$");
    private static final Pattern CRON_FIELD = Pattern.compile("^[0-9*/,\\-]+$");
    private static final Set<String> FUNC_TOP = Set.of("specVersion", "name", "runtime", "registry", "image", "namespace",
            "created", "invoke", "build", "run", "deploy", "domain");
    private static final Set<String> FUNC_BUILD = Set.of("builder", "buildEnvs", "buildpacks", "builderImages", "git",
            "pvcSize", "remoteStorageClass");
    private static final Set<String> FUNC_RUN = Set.of("envs", "volumes", "startTimeout", "podSecurityContext");
    private static final Set<String> FUNC_DEPLOY = Set.of("namespace", "image", "annotations", "options", "labels",
            "healthEndpoints", "serviceAccountName", "subscriptions");

    private final Repository repo;
    private final Manifests manifests;
    private final CodeFacts code;
    private final String namespace;

    ManifestChecks(Repository repo, Manifests manifests, CodeFacts code) {
        this.repo = repo;
        this.manifests = manifests;
        this.code = code;
        this.namespace = manifests.namespace();
    }

    // ------------------------------------------------------------------ files

    /** One resource per file, services/triggers/sources named after their resource, one namespace for all. */
    List<String> files() {
        List<String> problems = new ArrayList<>(manifests.readProblems());
        Set<String> seen = new HashSet<>();
        for (Manifest m : manifests.resources()) {
            if (m.apiVersion() == null || m.kind() == null || m.name() == null) {
                problems.add(m.file().getFileName() + " lacks apiVersion, kind or metadata.name");
                continue;
            }
            if (!seen.add(m.apiVersion() + " " + m.kind() + " " + m.name())) {
                problems.add("Two files define " + m.kind() + " " + m.name());
            }
            boolean named = m.is(Manifests.SERVING, "Service") || m.is(Manifests.EVENTING, "Trigger")
                    || m.is(Manifests.SOURCES, "PingSource");
            if (named && !m.file().getFileName().toString().equals(m.name() + ".yaml")) {
                problems.add(m.describe() + " belongs in a file named " + m.name() + ".yaml");
            }
            if (!m.kind().equals("Namespace") && !namespace.equals(m.namespace())) {
                problems.add(m.describe() + " is in namespace " + m.namespace() + ", not " + namespace);
            }
        }
        if (manifests.ofKind("Namespace").size() != 1) {
            problems.add("knative/ needs exactly one Namespace resource, found " + manifests.ofKind("Namespace").size());
        }
        return problems;
    }

    /** The kustomization applies every manifest exactly once, and names every function image. */
    List<String> kustomization() {
        List<String> problems = new ArrayList<>();
        Path dir = repo.knative();
        List<String> listed = Yaml.list(manifests.kustomization(), "resources").stream().map(String::valueOf).toList();
        Set<String> files = manifests.resources().stream()
                .map(m -> dir.relativize(m.file()).toString().replace('\\', '/'))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> unique = new HashSet<>();
        for (String r : listed) {
            if (!unique.add(r)) {
                problems.add("kustomization.yaml lists " + r + " twice");
            }
            if (!Files.isRegularFile(dir.resolve(r))) {
                problems.add("kustomization.yaml lists " + r + ", which does not exist");
            }
        }
        for (String f : files) {
            if (!unique.contains(f)) {
                problems.add("kustomization.yaml does not list " + f + " (kubectl apply -k would skip it)");
            }
        }
        Set<String> imageNames = Yaml.list(manifests.kustomization(), "images").stream()
                .map(i -> Yaml.string(i, "name")).collect(Collectors.toSet());
        for (Manifest s : manifests.services()) {
            String image = imageRepository(Yaml.string(container(s), "image"));
            if (image != null && !imageNames.contains(image)) {
                problems.add("kustomization.yaml has no images: entry for " + image + " (the registry of "
                        + s.name() + " could not be set)");
            }
        }
        return problems;
    }

    // --------------------------------------------------------------- services

    /** Every function module (and the web client) has a Knative Service, and every Service is one of them. */
    List<String> servicesMatchModules() {
        List<String> problems = new ArrayList<>();
        Set<String> services = manifests.services().stream().map(Manifest::name).collect(Collectors.toSet());
        for (String module : deployed()) {
            if (!services.contains(module)) {
                problems.add((code.modules().contains(module) ? "Function module functions/" : "The web client ") + module
                        + " has no Knative Service: add knative/services/" + module + ".yaml (and list it in kustomization.yaml)");
            }
        }
        for (Manifest s : manifests.services()) {
            if (!code.modules().contains(s.name()) && !(s.name().equals(CodeFacts.WEB) && code.hasWebClient())) {
                problems.add(s.describe() + " names no function module (functions/pom.xml lists " + code.modules()
                        + ") and is not the web client");
            }
        }
        return problems;
    }

    /** Scale to zero, a sensible concurrency, health probes, requests and limits, the module's image. */
    List<String> serviceShape() {
        List<String> problems = new ArrayList<>();
        for (Manifest s : manifests.services()) {
            String name = s.describe();
            Map<String, Object> annotations = Yaml.map(s.body(), "spec", "template", "metadata", "annotations");
            if (!"0".equals(String.valueOf(annotations.get("autoscaling.knative.dev/min-scale")))) {
                problems.add(name + " does not scale to zero: set spec.template.metadata.annotations"
                        + " autoscaling.knative.dev/min-scale: \"0\"");
            }
            Object concurrency = Yaml.at(s.body(), "spec", "template", "spec", "containerConcurrency");
            Object target = annotations.get("autoscaling.knative.dev/target");
            if (!(concurrency instanceof Integer cc) || cc <= 0) {
                problems.add(name + " needs a positive spec.template.spec.containerConcurrency");
            } else if (target == null || !String.valueOf(target).matches("\\d+")
                    || Integer.parseInt(String.valueOf(target)) <= 0 || Integer.parseInt(String.valueOf(target)) > cc) {
                problems.add(name + " needs autoscaling.knative.dev/target between 1 and containerConcurrency (" + cc + ")");
            }
            List<Object> containers = Yaml.list(s.body(), "spec", "template", "spec", "containers");
            if (containers.size() != 1) {
                problems.add(name + " must have exactly one container, has " + containers.size());
                continue;
            }
            Object c = containers.getFirst();
            boolean function = code.modules().contains(s.name());
            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                String path = Yaml.string(c, probe, "httpGet", "path");
                boolean served = code.routes(s.name()).stream().anyMatch(r -> r.method().equals("GET") && r.path().equals(path));
                if (path == null || (function ? !path.startsWith(PROBE_PREFIX) : !served)) {
                    problems.add(name + " needs a " + probe + " with an httpGet.path "
                            + (function ? "on Actuator health (" + PROBE_PREFIX + "/...)" : "that the module serves"));
                }
            }
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    if (Yaml.at(c, "resources", kind, resource) == null) {
                        problems.add(name + " has no resources." + kind + "." + resource);
                    }
                }
            }
            if (code.modules().contains(s.name()) && code.routes(s.name()).isEmpty()
                    && !"cluster-local".equals(s.labels().get(VISIBILITY))) {
                problems.add(name + ": functions/" + s.name() + " serves no HTTP route, so label the Service " + VISIBILITY
                        + ": cluster-local (only the broker and PingSources call it; nobody outside may post it events)");
            }
            String image = imageRepository(Yaml.string(c, "image"));
            if (image == null || !image.endsWith("/" + s.name()) || image.equals("/" + s.name())) {
                problems.add(name + " must run image <registry>/" + s.name() + " (the image built from its module), not "
                        + Yaml.string(c, "image"));
            }
        }
        return problems;
    }

    /** Each Service gets exactly the secrets its code reads, from the named secrets, and SESSION_COOKIE_SECURE=true. */
    List<String> serviceEnvironment() {
        List<String> problems = new ArrayList<>();
        for (Manifest s : manifests.services()) {
            Map<String, Object> env = envByName(s);
            Set<String> reads = code.environment(s.name());
            String source = code.modules().contains(s.name()) ? "functions/" + s.name() : s.name() + "/";
            for (Map.Entry<String, String> secret : SECRET_ENV.entrySet()) {
                String var = secret.getKey();
                Object entry = env.get(var);
                if (reads.contains(var)) {
                    if (entry == null) {
                        problems.add(s.describe() + ": " + source + " reads ${" + var + "}; set env " + var
                                + " from secret " + secret.getValue() + " (secretKeyRef name " + secret.getValue()
                                + ", key " + var + ")");
                    } else if (!secret.getValue().equals(Yaml.string(entry, "valueFrom", "secretKeyRef", "name"))
                            || !var.equals(Yaml.string(entry, "valueFrom", "secretKeyRef", "key"))) {
                        problems.add(s.describe() + ": env " + var + " must come from secretKeyRef {name: "
                                + secret.getValue() + ", key: " + var + "}");
                    }
                } else if (entry != null) {
                    problems.add(s.describe() + " gets secret " + var + " that " + source
                            + " never reads (no ${" + var + "} in its code): remove it");
                }
            }
            Object cookie = env.get("SESSION_COOKIE_SECURE");
            if (reads.contains("SESSION_COOKIE_SECURE") && (cookie == null || !"true".equals(Yaml.string(cookie, "value")))) {
                problems.add(s.describe() + " must set SESSION_COOKIE_SECURE: \"true\" (session cookies only over HTTPS)");
            }
        }
        return problems;
    }

    /** No secret value in any manifest or func.yaml: no Secret resources, secret-like variables only by reference. */
    List<String> noInlineSecrets() {
        List<String> problems = new ArrayList<>();
        for (Manifest m : manifests.resources()) {
            if ("Secret".equals(m.kind())) {
                problems.add(m.describe() + ": secrets are created with kubectl create secret, never kept in the repository");
            }
            if ("ConfigMap".equals(m.kind())) {
                Yaml.map(m.body(), "data").forEach((k, v) -> {
                    if (k.matches("(?i).*(password|secret|token|sasl\\.jaas|ssl\\.key).*")) {
                        problems.add(m.describe() + ": data." + k + " looks like a secret; reference a Secret instead");
                    }
                });
            }
            for (Object c : Yaml.list(m.body(), "spec", "template", "spec", "containers")) {
                for (Object e : Yaml.list(c, "env")) {
                    String name = Yaml.string(e, "name");
                    if (name != null && !name.equals("K_SINK") && (SECRET_ENV.containsKey(name) || SECRET_LIKE.matcher(name).matches())
                            && Yaml.at(e, "value") != null) {
                        problems.add(m.describe() + ": env " + name + " has an inline value; take it from a secret (valueFrom.secretKeyRef)");
                    }
                }
            }
        }
        List<Path> files = new ArrayList<>(manifests.resources().stream().map(Manifest::file).toList());
        files.add(repo.knative().resolve("kustomization.yaml"));
        for (String module : code.modules()) {
            Path func = repo.module(module).resolve("func.yaml");
            if (Files.isRegularFile(func)) {
                files.add(func);
                for (Object e : Yaml.list(funcYaml(module).orElse(Map.of()), "run", "envs")) {
                    String name = Yaml.string(e, "name");
                    String value = Yaml.string(e, "value");
                    if (name != null && value != null && (SECRET_ENV.containsKey(name) || SECRET_LIKE.matcher(name).matches())
                            && !value.matches("\\{\\{\\s*(secret|env|configMap):[^}]+}}")) {
                        problems.add("functions/" + module + "/func.yaml: run.envs " + name
                                + " has an inline value; use '{{ secret:<secret>:<key> }}'");
                    }
                }
            }
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            String text = Repository.read(f);
            SECRET_VALUES.forEach((what, pattern) -> {
                Matcher matcher = pattern.matcher(text);
                if (matcher.find()) {
                    problems.add(repo.relative(f) + " contains what looks like " + what + ": " + matcher.group());
                }
            });
        }
        return problems;
    }

    // ---------------------------------------------------------------- eventing

    /** One Kafka-class broker with its config map and a dead-letter sink. */
    List<String> broker() {
        List<String> problems = new ArrayList<>();
        List<Manifest> brokers = manifests.brokers();
        if (brokers.size() != 1) {
            problems.add("knative/ needs exactly one Broker, found " + brokers.size());
            return problems;
        }
        Manifest b = brokers.getFirst();
        if (!"Kafka".equals(b.annotations().get("eventing.knative.dev/broker.class"))) {
            problems.add(b.describe() + " must be of class Kafka (annotation eventing.knative.dev/broker.class: Kafka)");
        }
        String config = b.string("spec", "config", "name");
        Optional<Manifest> cm = manifests.find("v1", "ConfigMap", config);
        if (!"ConfigMap".equals(b.string("spec", "config", "kind")) || cm.isEmpty()) {
            problems.add(b.describe() + ": spec.config must name a ConfigMap of knative/ (found " + config + ")");
        } else {
            for (String key : List.of("bootstrap.servers", "default.topic.partitions", "default.topic.replication.factor")) {
                if (Yaml.map(cm.get().body(), "data").get(key) == null) {
                    problems.add(cm.get().describe() + " lacks data." + key);
                }
            }
        }
        problems.addAll(delivery(b.describe(), Yaml.at(b.body(), "spec", "delivery")));
        return problems;
    }

    /** Every function gets K_SINK = the broker, through a SinkBinding that selects every Service. */
    List<String> sinkBinding() {
        List<String> problems = new ArrayList<>();
        List<Manifest> bindings = manifests.sinkBindings();
        if (bindings.isEmpty()) {
            problems.add("knative/ has no SinkBinding: functions would have no K_SINK to publish their events to");
            return problems;
        }
        for (Manifest b : bindings) {
            if (!"Broker".equals(b.string("spec", "sink", "ref", "kind"))
                    || manifests.find(null, "Broker", b.string("spec", "sink", "ref", "name")).isEmpty()) {
                problems.add(b.describe() + " must sink to the Broker of knative/");
            }
            if (!"serving.knative.dev/v1".equals(b.string("spec", "subject", "apiVersion"))
                    || !"Service".equals(b.string("spec", "subject", "kind"))) {
                problems.add(b.describe() + ": spec.subject must select Knative Services (serving.knative.dev/v1 Service)");
            }
            if (!Yaml.list(b.body(), "spec", "subject", "selector", "matchExpressions").isEmpty()) {
                problems.add(b.describe() + ": use selector.matchLabels (matchExpressions are not checked)");
            }
        }
        for (Manifest s : manifests.services()) {
            if (!code.modules().contains(s.name())) {
                continue;
            }
            boolean bound = bindings.stream().anyMatch(b -> selects(b, s));
            if (!bound) {
                problems.add(s.describe() + " is selected by no SinkBinding: it would get no K_SINK");
            }
        }
        return problems;
    }

    /** Whether a SinkBinding's subject is this Knative Service (by name, or by matchLabels). */
    private static boolean selects(Manifest binding, Manifest service) {
        if (!"Service".equals(binding.string("spec", "subject", "kind"))) {
            return false;
        }
        if (service.name().equals(binding.string("spec", "subject", "name"))) {
            return true;
        }
        Map<String, Object> selector = Yaml.map(binding.body(), "spec", "subject", "selector", "matchLabels");
        return !selector.isEmpty() && selector.entrySet().stream()
                .allMatch(e -> Objects.equals(String.valueOf(e.getValue()), String.valueOf(service.labels().get(e.getKey()))));
    }

    /**
     * Triggers and code agree: each filters on a type the code emits and reaches a function that consumes it
     * at its path (or an archive KafkaSink); every (consumer, type) has exactly one Trigger; every emitted type
     * has at least one; each retries with exponential backoff into a dead-letter sink.
     */
    List<String> triggers() {
        List<String> problems = new ArrayList<>();
        Set<String> emitted = code.emittedTypes();
        Set<String> brokers = manifests.brokers().stream().map(Manifest::name).collect(Collectors.toSet());
        Map<String, List<Manifest>> byConsumer = new TreeMap<>();
        Map<String, Set<String>> orderByFunction = new TreeMap<>();
        Set<String> triggeredTypes = new TreeSet<>();
        for (Manifest t : manifests.triggers()) {
            String name = t.describe();
            if (!brokers.contains(t.string("spec", "broker"))) {
                problems.add(name + " subscribes to broker " + t.string("spec", "broker") + ", which knative/ does not define");
            }
            String type = t.string("spec", "filter", "attributes", "type");
            if (type == null) {
                problems.add(name + " does not filter on the event type (spec.filter.attributes.type)");
                continue;
            }
            triggeredTypes.add(type);
            if (!emitted.contains(type)) {
                problems.add(name + " filters on type " + type + ", which no code emits (emitted: " + emitted + ")");
            }
            String order = String.valueOf(t.annotations().get(ORDERED));
            if (!Set.of("ordered", "unordered").contains(order)) {
                problems.add(name + " must say how the Kafka broker delivers: annotation " + ORDERED + ": ordered | unordered");
            } else if (order.equals("ordered")) {
                // each Trigger is its own consumer group, so order holds only among the events of one Trigger's type,
                // never across the types one function consumes; and an early event's retries stall its partition
                problems.add(name + " is ordered, which keeps order only within this Trigger (each Trigger is its own"
                        + " consumer group, so one aggregate's events of other types arrive independently) and stalls"
                        + " the partition while an event is retried: use unordered (the consumers tolerate reordering)");
            }
            String kind = t.string("spec", "subscriber", "ref", "kind");
            String target = t.string("spec", "subscriber", "ref", "name");
            String uri = t.string("spec", "subscriber", "uri");
            if ("Service".equals(kind) && "serving.knative.dev/v1".equals(t.string("spec", "subscriber", "ref", "apiVersion"))) {
                if (manifests.service(target).isEmpty() || !code.modules().contains(target)) {
                    problems.add(name + " delivers to Service " + target + ", which is no deployed function module");
                    continue;
                }
                String function = uri == null ? "" : uri.replaceFirst("^/", "");
                Optional<Consumer> consumer = code.consumer(target, function);
                if (consumer.isEmpty()) {
                    problems.add(name + " delivers to " + target + " at path " + uri + ", but functions/" + target
                            + " has no event function there (its consumers: "
                            + code.consumers(target).stream().map(Consumer::path).toList() + ")");
                    continue;
                }
                if (!consumer.get().types().contains(type)) {
                    problems.add(name + " delivers " + type + " to " + target + uri + ", which consumes only "
                            + consumer.get().types());
                    continue;
                }
                byConsumer.computeIfAbsent(target + uri + " " + type, k -> new ArrayList<>()).add(t);
                orderByFunction.computeIfAbsent(target + uri, k -> new TreeSet<>()).add(order);
            } else if ("KafkaSink".equals(kind)) {
                if (manifests.find(null, "KafkaSink", target).isEmpty()) {
                    problems.add(name + " archives to KafkaSink " + target + ", which knative/ does not define");
                }
            } else {
                problems.add(name + ": subscriber must be a function's Knative Service (with uri /<function>) or an"
                        + " archive KafkaSink, not " + kind + " " + target);
            }
            problems.addAll(delivery(name, Yaml.at(t.body(), "spec", "delivery")));
        }
        for (Consumer c : code.consumers()) {
            if (c.ticked()) {
                continue;
            }
            for (String type : c.types()) {
                List<Manifest> found = byConsumer.getOrDefault(c.module() + c.path() + " " + type, List.of());
                if (found.isEmpty()) {
                    problems.add(c.module() + "/" + c.function() + " consumes " + type + " (" + c.declaredIn()
                            + ") but no Trigger delivers it: add knative/triggers/<name>.yaml filtering on type " + type
                            + " with subscriber Service " + c.module() + " uri " + c.path());
                } else if (found.size() > 1) {
                    problems.add(found.size() + " Triggers deliver " + type + " to " + c.module() + c.path()
                            + " (each event would arrive " + found.size() + " times): "
                            + found.stream().map(Manifest::name).toList());
                }
            }
        }
        for (String type : emitted) {
            if (!triggeredTypes.contains(type)) {
                problems.add("Type " + type + " is emitted (" + code.emitters().get(type) + ") but no Trigger filters on it:"
                        + " route it to its consumer, or archive it to the analytics KafkaSink");
            }
        }
        orderByFunction.forEach((function, orders) -> {
            if (orders.size() > 1) {
                problems.add("Triggers to " + function + " disagree on " + ORDERED + ": " + orders);
            }
        });
        return problems;
    }

    /** Retries with exponential backoff into a dead-letter sink that knative/ defines. */
    private List<String> delivery(String owner, Object delivery) {
        List<String> problems = new ArrayList<>();
        if (delivery == null) {
            problems.add(owner + " has no spec.delivery (retry, backoffPolicy: exponential, backoffDelay, deadLetterSink)");
            return problems;
        }
        if (!(Yaml.at(delivery, "retry") instanceof Integer retry) || retry < 1) {
            problems.add(owner + ": delivery.retry must be at least 1");
        }
        if (!"exponential".equals(Yaml.string(delivery, "backoffPolicy"))) {
            problems.add(owner + ": delivery.backoffPolicy must be exponential");
        }
        String delay = Yaml.string(delivery, "backoffDelay");
        if (delay == null || !ISO_DURATION.matcher(delay).matches() || delay.equals("P") || delay.endsWith("T")) {
            problems.add(owner + ": delivery.backoffDelay must be an ISO-8601 duration such as PT0.5S, not " + delay);
        }
        String sinkKind = Yaml.string(delivery, "deadLetterSink", "ref", "kind");
        String sinkName = Yaml.string(delivery, "deadLetterSink", "ref", "name");
        if (sinkKind == null || manifests.find(null, sinkKind, sinkName).isEmpty()) {
            problems.add(owner + ": delivery.deadLetterSink must reference a sink of knative/ (found " + sinkKind + " "
                    + sinkName + ")");
        }
        return problems;
    }

    /** Each function that consumes PingSource ticks has one PingSource, expireOrders every minute; each source ticks such a function. */
    List<String> pingSources() {
        List<String> problems = new ArrayList<>();
        Map<String, List<Manifest>> byTarget = new TreeMap<>();
        for (Manifest p : manifests.pingSources()) {
            String module = p.string("spec", "sink", "ref", "name");
            String uri = p.string("spec", "sink", "uri");
            String schedule = p.string("spec", "schedule");
            String[] fields = schedule == null ? new String[0] : schedule.trim().split("\\s+");
            if (fields.length != 5 || !java.util.Arrays.stream(fields).allMatch(f -> CRON_FIELD.matcher(f).matches())) {
                problems.add(p.describe() + ": spec.schedule must be a five-field cron expression, not " + schedule);
            }
            if (!"Service".equals(p.string("spec", "sink", "ref", "kind")) || manifests.service(module).isEmpty()) {
                problems.add(p.describe() + " must tick a function's Knative Service, not " + module);
                continue;
            }
            String function = uri == null ? "" : uri.replaceFirst("^/", "");
            Optional<Consumer> consumer = code.consumer(module, function);
            if (consumer.isEmpty() || !consumer.get().ticked()) {
                problems.add(p.describe() + " ticks " + module + " at " + uri + ", where functions/" + module
                        + " has no function consuming PingSource ticks (its consumers: " + code.consumers(module) + ")");
                continue;
            }
            byTarget.computeIfAbsent(module + "/" + function, k -> new ArrayList<>()).add(p);
            if (function.equals("expireOrders") && !"* * * * *".equals(schedule.trim())) {
                problems.add(p.describe() + " must tick expireOrders every minute (\"* * * * *\", docs/architecture.md#order-expiry)");
            }
        }
        for (Consumer c : code.consumers()) {
            if (!c.ticked()) {
                continue;
            }
            List<Manifest> found = byTarget.getOrDefault(c.module() + "/" + c.function(), List.of());
            if (found.size() != 1) {
                problems.add(c.module() + "/" + c.function() + " consumes PingSource ticks (" + c.declaredIn() + ") and needs"
                        + " exactly one PingSource with sink Service " + c.module() + " uri " + c.path() + ", found "
                        + found.stream().map(Manifest::name).toList());
            }
        }
        return problems;
    }

    // ----------------------------------------------------------------- routing

    /** The Gateway serves one host over HTTPS (TLS terminated) and only redirects plain HTTP. */
    List<String> gateway() {
        List<String> problems = new ArrayList<>();
        if (manifests.gateways().size() != 1) {
            problems.add("knative/ needs exactly one Gateway (gateway.networking.k8s.io/v1), found " + manifests.gateways().size());
            return problems;
        }
        Manifest g = manifests.gateways().getFirst();
        Object https = httpsListener(g);
        if (https == null) {
            problems.add(g.describe() + " needs an HTTPS listener with a hostname, tls.mode Terminate and tls.certificateRefs");
        }
        for (Object l : Yaml.list(g.body(), "spec", "listeners")) {
            if (Yaml.string(l, "name") == null || !(Yaml.at(l, "port") instanceof Integer)
                    || !Set.of("HTTP", "HTTPS").contains(Yaml.string(l, "protocol"))) {
                problems.add(g.describe() + ": every listener needs a name, a port and protocol HTTP or HTTPS");
            }
        }
        for (Manifest r : manifests.httpRoutes()) {
            // the Gateway API's own rule (a CEL validation of HTTPPathMatch): a path (PathPrefix when no type is
            // given) must be an absolute path
            for (Object rule : Yaml.list(r.body(), "spec", "rules")) {
                for (Object match : Yaml.list(rule, "matches")) {
                    String value = Yaml.string(match, "path", "value");
                    String type = Yaml.string(match, "path", "type");
                    if (value != null && !"RegularExpression".equals(type) && !value.startsWith("/")) {
                        problems.add(r.describe() + ": path " + value + " must be an absolute path (start with /)");
                    }
                }
            }
            for (Object parent : Yaml.list(r.body(), "spec", "parentRefs")) {
                String section = Yaml.string(parent, "sectionName");
                Object listener = Yaml.list(g.body(), "spec", "listeners").stream()
                        .filter(l -> Objects.equals(section, Yaml.string(l, "name"))).findFirst().orElse(null);
                if (!g.name().equals(Yaml.string(parent, "name")) || (section != null && listener == null)) {
                    problems.add(r.describe() + " attaches to " + Yaml.string(parent, "name") + "/" + section
                            + ", which is no listener of " + g.describe());
                    continue;
                }
                if (listener != null && "HTTP".equals(Yaml.string(listener, "protocol"))) {
                    for (Object rule : Yaml.list(r.body(), "spec", "rules")) {
                        boolean redirectsToHttps = Yaml.list(rule, "filters").stream().anyMatch(f ->
                                "RequestRedirect".equals(Yaml.string(f, "type"))
                                        && "https".equals(Yaml.string(f, "requestRedirect", "scheme")));
                        if (!redirectsToHttps || !Yaml.list(rule, "backendRefs").isEmpty()) {
                            problems.add(r.describe() + " serves plain HTTP; on the HTTP listener only redirect to https");
                        }
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Every HTTP route of the code reaches its own function through the HTTPS listener, and every routed
     * path reaches at least one route of the function it names.
     */
    List<String> routing() {
        List<String> problems = new ArrayList<>();
        Optional<GatewayRoutes> served = httpsRoutes();
        if (served.isEmpty()) {
            problems.add("No Gateway with an HTTPS listener: no HTTP route can be served (see the gateway check)");
            return problems;
        }
        GatewayRoutes api = served.get();
        String host = Yaml.string(httpsListener(manifests.gateways().getFirst()), "hostname");
        Map<String, Route> owners = new LinkedHashMap<>();
        for (Route r : deployed().stream().flatMap(m -> code.routes(m).stream()).toList()) {
            Route other = owners.putIfAbsent(r.method() + " " + r.path(), r);
            if (other != null && !other.module().equals(r.module())) {
                problems.add(r.method() + " " + r.path() + " is served by both " + other.module() + " and " + r.module());
            }
            Optional<GatewayRoutes.Match> match = api.resolve(r.method(), r.samplePath());
            if (match.isEmpty()) {
                problems.add(r + " (" + r.declaredIn() + ") is not routed: no HTTPRoute rule on https://" + host
                        + " matches " + r.method() + " " + r.samplePath());
            } else if (!match.get().backends().equals(List.of(r.module()))) {
                problems.add(r + " is routed by " + match.get().describe() + " to " + match.get().backends()
                        + " instead of " + r.module());
            }
        }
        for (GatewayRoutes.Match m : api.matches()) {
            if (m.redirect() || m.backends().isEmpty()) {
                problems.add(m.describe() + " on the HTTPS listener has no function backend");
                continue;
            }
            if (m.backends().size() != 1) {
                problems.add(m.describe() + " splits traffic over " + m.backends() + "; a route belongs to one function");
                continue;
            }
            String module = m.backends().getFirst();
            if (manifests.service(module).isEmpty() || !deployed().contains(module)) {
                problems.add(m.describe() + " routes to " + module + ", which has no Knative Service");
                continue;
            }
            // <name>.<namespace>.svc: Knative routes the short forms of a Service's cluster-local host, so no
            // cluster domain is assumed (see ClusterChecks.clusterDomain)
            String expectedHost = module + "." + namespace + ".svc";
            if (!m.rewriteHostnames().equals(List.of(expectedHost))) {
                problems.add(m.describe() + " must rewrite the Host to " + expectedHost + " (Knative routes by Host), has "
                        + m.rewriteHostnames());
            }
            boolean reachesARoute = code.routes(module).stream().anyMatch(r -> m.matches(r.method(), r.samplePath()));
            if (!reachesARoute) {
                problems.add(m.describe() + " reaches no function: " + module + " serves no route it matches"
                        + " (its routes: " + code.routes(module) + ")");
            }
        }
        Optional<GatewayRoutes.Match> unknown = api.resolve("GET", "/api/no-such-route");
        if (unknown.isEmpty() || unknown.get().backends().size() != 1 || !code.modules().contains(unknown.get().backends().getFirst())) {
            problems.add("An unknown /api/... route must reach a function, which answers 404 {\"errors\":[{\"message\":\"Not Found\"}]}"
                    + " (docs/architecture.md#http-api); it reaches " + unknown.map(GatewayRoutes.Match::describe).orElse("nothing"));
        }
        return problems;
    }

    /** The HTTPRoutes attached to the one Gateway's HTTPS listener; empty without such a Gateway. */
    private Optional<GatewayRoutes> httpsRoutes() {
        if (manifests.gateways().size() != 1 || httpsListener(manifests.gateways().getFirst()) == null) {
            return Optional.empty();
        }
        Manifest g = manifests.gateways().getFirst();
        Object listener = httpsListener(g);
        return Optional.of(GatewayRoutes.of(manifests, g.name(), Yaml.string(listener, "name"),
                Yaml.string(listener, "hostname")));
    }

    /**
     * What is deployed: every function module, and the web client ({@code client/}, served at {@code /}, so its
     * pages must be routed to it).
     */
    List<String> deployed() {
        return code.deployables();
    }

    /** Environment variables of the web client's Service that its code does not read: Next.js's standalone server reads them. */
    static final Set<String> WEB_SERVER_ENV = Set.of("HOSTNAME", "PORT", "NODE_ENV");

    /** Label that tells the web client from the functions (the SinkBinding selects component=function). */
    static final String COMPONENT = "app.kubernetes.io/component";

    /** Secrets the web client must never get: it has no database and publishes no event. */
    static final Set<String> BACKEND_SECRETS = Set.of("jwt-secret", "jwt-signing-secret", "mongodb", "redis");

    /**
     * The web client ({@code client/}) is one more Knative Service behind the same host and nothing more: labelled
     * {@value #COMPONENT}=web, so no SinkBinding gives it K_SINK; no database, Redis, JWT key or Stripe secret key;
     * only the environment its code (or Next.js's server) reads. It is served by one catch-all rule (any method,
     * PathPrefix /) placed after every API rule of the API's HTTPRoute, and no /api/... path, routed or not, reaches it.
     */
    List<String> webClient() {
        List<String> problems = new ArrayList<>();
        if (!code.hasWebClient()) {
            return problems;
        }
        String web = CodeFacts.WEB;
        Optional<Manifest> found = manifests.service(web);
        if (found.isEmpty()) {
            problems.add("The web client (client/) has no Knative Service: add knative/services/" + web
                    + ".yaml (and list it in kustomization.yaml)");
            return problems;
        }
        Manifest s = found.get();
        if (!"web".equals(String.valueOf(s.labels().get(COMPONENT)))) {
            problems.add(s.describe() + " must be labelled " + COMPONENT + ": web (it is no function), not "
                    + s.labels().get(COMPONENT));
        }
        for (Manifest b : manifests.sinkBindings()) {
            if (selects(b, s)) {
                problems.add(s.describe() + " is selected by " + b.describe()
                        + ": the web client publishes no event and must get no K_SINK");
            }
        }
        Object c = container(s);
        if (!Yaml.list(c, "envFrom").isEmpty()) {
            problems.add(s.describe() + " takes envFrom " + Yaml.list(c, "envFrom")
                    + "; set each variable the client reads by name");
        }
        Set<String> reads = code.environment(web);
        for (Map.Entry<String, Object> e : envByName(s).entrySet()) {
            String var = e.getKey();
            String secret = Yaml.string(e.getValue(), "valueFrom", "secretKeyRef", "name");
            if (var.equals("K_SINK")) {
                problems.add(s.describe() + " sets K_SINK: the web client publishes no event; remove it");
            } else if (SECRET_ENV.containsKey(var) || (secret != null && BACKEND_SECRETS.contains(secret))) {
                problems.add(s.describe() + " gets " + var + (secret == null ? "" : " from secret " + secret)
                        + ": the web client has no database and holds no server secret (it calls the API); remove it");
            } else if (!reads.contains(var) && !WEB_SERVER_ENV.contains(var)) {
                problems.add(s.describe() + " sets " + var + ", which client/ never reads (it reads " + reads + ")");
            }
        }
        Optional<GatewayRoutes> served = httpsRoutes();
        if (served.isEmpty()) {
            problems.add("No Gateway with an HTTPS listener: the web client cannot be served (see the gateway check)");
            return problems;
        }
        GatewayRoutes routes = served.get();
        List<GatewayRoutes.Match> toWeb = routes.matches().stream().filter(m -> m.backends().contains(web)).toList();
        if (toWeb.isEmpty()) {
            problems.add("No HTTPRoute rule sends the web client's pages to Service " + web
                    + ": add a last rule {matches: [{path: {type: PathPrefix, value: /}}], backendRefs: [{name: " + web + "}]}");
        }
        for (GatewayRoutes.Match m : toWeb) {
            if (!m.pathType().equals("PathPrefix") || !m.pathValue().equals("/") || m.method() != null || m.headerCount() > 0) {
                problems.add(m.describe() + ": the web client takes every path outside /api with one catch-all"
                        + " match (PathPrefix /, any method, no header), not this one");
            }
            int rules = Yaml.list(m.route().body(), "spec", "rules").size();
            boolean apiRulesInRoute = routes.matches().stream()
                    .anyMatch(o -> o.route() == m.route() && !o.backends().contains(web));
            if (m.ruleIndex() != rules - 1 || !apiRulesInRoute) {
                problems.add(m.describe() + " must be the last rule of the HTTPRoute that holds the API rules, after"
                        + " every /api rule (it is the lowest-priority fallback)");
            }
        }
        if (!toWeb.isEmpty()) {
            Optional<GatewayRoutes.Match> root = routes.resolve("GET", "/");
            if (root.isEmpty() || !root.get().backends().equals(List.of(web))) {
                problems.add("GET / must reach the web client, it reaches "
                        + root.map(GatewayRoutes.Match::describe).orElse("nothing"));
            }
        }
        List<String> apiPaths = new ArrayList<>(List.of("/api", "/api/", "/api/no-such-route", "/api/tickets/x/y"));
        code.modules().forEach(module -> code.routes(module).forEach(r -> apiPaths.add(r.samplePath())));
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            for (String path : new TreeSet<>(apiPaths)) {
                routes.resolve(method, path).filter(m -> m.backends().contains(web)).ifPresent(m ->
                        problems.add(method + " " + path + " reaches the web client by " + m.describe()
                                + ": every /api path must reach a function (the API's JSON, 404 included)"));
            }
        }
        return problems;
    }

    private static Object httpsListener(Manifest gateway) {
        return Yaml.list(gateway.body(), "spec", "listeners").stream()
                .filter(l -> "HTTPS".equals(Yaml.string(l, "protocol")) && Yaml.string(l, "hostname") != null
                        && "Terminate".equals(Yaml.string(l, "tls", "mode"))
                        && !Yaml.list(l, "tls", "certificateRefs").isEmpty())
                .findFirst().orElse(null);
    }

    // -------------------------------------------------------------- func.yaml

    /** Each module's func.yaml names the module, the springboot runtime, its image, env, health and consumed types. */
    List<String> funcYamls() {
        List<String> problems = new ArrayList<>();
        String javaVersion = javaVersion();
        for (String module : code.modules()) {
            String where = "functions/" + module + "/func.yaml";
            Optional<Map<String, Object>> loaded = funcYaml(module);
            if (loaded.isEmpty()) {
                problems.add(where + " is missing (or not one YAML mapping): func build/deploy/run/invoke need it");
                continue;
            }
            Map<String, Object> f = loaded.get();
            unknownKeys(where, "", f, FUNC_TOP, problems);
            unknownKeys(where, "build.", Yaml.map(f, "build"), FUNC_BUILD, problems);
            unknownKeys(where, "run.", Yaml.map(f, "run"), FUNC_RUN, problems);
            unknownKeys(where, "deploy.", Yaml.map(f, "deploy"), FUNC_DEPLOY, problems);
            expect(problems, where, "name", module, Yaml.string(f, "name"));
            expect(problems, where, "runtime", "springboot", Yaml.string(f, "runtime"));
            if (Yaml.at(f, "specVersion") == null || Yaml.at(f, "created") == null) {
                problems.add(where + " needs specVersion and created");
            }
            expect(problems, where, "deploy.namespace", namespace, Yaml.string(f, "deploy", "namespace"));
            expect(problems, where, "invoke", code.routes(module).isEmpty() ? "cloudevent" : "http", Yaml.string(f, "invoke"));
            expect(problems, where, "build.builder", "pack", Yaml.string(f, "build", "builder"));
            expect(problems, where, "build.buildEnvs BP_JVM_VERSION", javaVersion, envValue(Yaml.list(f, "build", "buildEnvs"), "BP_JVM_VERSION"));
            Optional<Manifest> service = manifests.service(module);
            if (service.isPresent()) {
                Object c = container(service.get());
                String image = Yaml.string(f, "image");
                expect(problems, where, "image repository", imageRepository(Yaml.string(c, "image")), imageRepository(image));
                String registry = Yaml.string(f, "registry");
                if (registry == null || image == null || !image.startsWith(registry + "/")) {
                    problems.add(where + ": image " + image + " must be in registry " + registry);
                }
                expect(problems, where, "deploy.healthEndpoints.liveness", Yaml.string(c, "livenessProbe", "httpGet", "path"),
                        Yaml.string(f, "deploy", "healthEndpoints", "liveness"));
                expect(problems, where, "deploy.healthEndpoints.readiness", Yaml.string(c, "readinessProbe", "httpGet", "path"),
                        Yaml.string(f, "deploy", "healthEndpoints", "readiness"));
                Map<String, Object> serviceEnv = envByName(service.get());
                for (Map.Entry<String, String> secret : SECRET_ENV.entrySet()) {
                    String value = envValue(Yaml.list(f, "run", "envs"), secret.getKey());
                    String expected = "{{ secret:" + secret.getValue() + ":" + secret.getKey() + " }}";
                    if (serviceEnv.containsKey(secret.getKey()) && !expected.equals(value)) {
                        problems.add(where + ": run.envs " + secret.getKey() + " must be '" + expected + "' like the Service, not " + value);
                    } else if (!serviceEnv.containsKey(secret.getKey()) && value != null) {
                        problems.add(where + ": run.envs " + secret.getKey() + " is not set on the Service; remove it");
                    }
                }
            }
            if (service.isPresent()) {
                Map<String, String> labels = new TreeMap<>();
                Yaml.list(f, "deploy", "labels").forEach(l -> labels.put(Yaml.string(l, "key"), Yaml.string(l, "value")));
                Map<String, String> serviceLabels = new TreeMap<>();
                service.get().labels().forEach((k, v) -> serviceLabels.put(k, String.valueOf(v)));
                serviceLabels.remove("app.kubernetes.io/name");
                if (!labels.equals(serviceLabels)) {
                    problems.add(where + ": deploy.labels " + labels + " must match the Service's labels " + serviceLabels
                            + " (the SinkBinding selects on them)");
                }
            }
            if (!Objects.equals(0, Yaml.at(f, "deploy", "options", "scale", "min"))) {
                problems.add(where + ": deploy.options.scale.min must be 0 (scale to zero)");
            }
            expect(problems, where, "deploy.annotations." + CONSUMES, consumes(module), Yaml.string(f, "deploy", "annotations", CONSUMES));
        }
        return problems;
    }

    /** The {@value #CONSUMES} annotation for a module: "function=type,type function=type", sorted; "" when none. */
    String consumes(String module) {
        return code.consumers(module).stream()
                .sorted(java.util.Comparator.comparing(Consumer::function))
                .map(c -> c.function() + "=" + String.join(",", c.types()))
                .collect(Collectors.joining(" "));
    }

    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> funcYaml(String module) {
        Path file = repo.module(module).resolve("func.yaml");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<Object> docs = Yaml.documents(Repository.read(file));
        return docs.size() == 1 && docs.getFirst() instanceof Map<?, ?> m ? Optional.of((Map<String, Object>) m) : Optional.empty();
    }

    private String javaVersion() {
        Matcher m = Pattern.compile("<java\\.version>\\s*([^<\\s]+)\\s*</java\\.version>").matcher(Repository.read(repo.root().resolve("pom.xml")));
        return m.find() ? m.group(1) : "?";
    }

    private static void unknownKeys(String where, String prefix, Map<String, Object> map, Set<String> allowed, List<String> problems) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                problems.add(where + ": unknown field " + prefix + key + " (func's schema rejects it)");
            }
        }
    }

    private static void expect(List<String> problems, String where, String field, String expected, String actual) {
        if (!Objects.equals(expected, actual)) {
            problems.add(where + ": " + field + " must be " + (expected == null ? "absent" : "'" + expected + "'")
                    + ", is " + (actual == null ? "absent" : "'" + actual + "'"));
        }
    }

    private static String envValue(List<Object> envs, String name) {
        return envs.stream().filter(e -> name.equals(Yaml.string(e, "name"))).map(e -> Yaml.string(e, "value"))
                .findFirst().orElse(null);
    }

    // ----------------------------------------------------------------- schemas

    /**
     * Every manifest reads strictly into the published type of its kind ({@link StrictModels}): no unknown or
     * mistyped field. A kind with no published type is a problem, not a skip.
     */
    List<String> schemas() {
        List<String> problems = new ArrayList<>();
        for (Manifest m : manifests.resources()) {
            Optional<List<String>> result = StrictModels.validate(m);
            if (result.isPresent()) {
                problems.addAll(result.get());
            } else {
                problems.add(m.describe() + ": no published type for " + m.apiVersion() + " " + m.kind()
                        + " (covered: " + StrictModels.covered() + ")");
            }
        }
        return problems;
    }

    // ----------------------------------------------------------------- helpers

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

    /** The image without tag or digest ("ghcr.io/ticketing/signup:1.0" -> "ghcr.io/ticketing/signup"). */
    static String imageRepository(String image) {
        if (image == null) {
            return null;
        }
        String noDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = noDigest.lastIndexOf('/');
        int colon = noDigest.lastIndexOf(':');
        return colon > slash ? noDigest.substring(0, colon) : noDigest;
    }
}
