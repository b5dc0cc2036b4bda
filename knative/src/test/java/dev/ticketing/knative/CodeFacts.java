package dev.ticketing.knative;

import dev.ticketing.event.Event;
import dev.ticketing.event.EventCatalog;
import dev.ticketing.event.PingTick;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the code says the manifests must provide, read from the sources (never from a hand-kept list):
 * <ul>
 * <li>function modules: the {@code <module>}s of {@code functions/pom.xml};</li>
 * <li>HTTP routes: {@code @Get/Post/Put/Delete/PatchMapping("/api/...")} in the {@code @RestController}s of a
 * module (with a class-level {@code @RequestMapping} prefix);</li>
 * <li>event consumers: {@code @Bean Function<Message<X>, Delivery> name(...)} in a module, served by the
 * CloudEvent endpoint at {@code POST /name}; X is a catalogued event record, a sealed group of them (every
 * catalogued type X is assignable from) or {@code PingTick}. Consumer beans declared in {@code common}
 * (such as {@code relayOutbox}) count for every module, or, under {@code @ConditionalOnBean(T.class)},
 * for the modules that declare a {@code @Bean} of type T;</li>
 * <li>emitted event types: the {@code TYPE} of every catalogued event record that main code of
 * {@code common} or of a function module constructs ({@code new OrderCreated(...)});</li>
 * <li>environment a module reads: {@code ${UPPER_CASE}} placeholders in its own sources and resources and
 * in the {@code common} packages it runs (the cross-cutting ones, and the feature packages it imports);</li>
 * <li>the web client ({@code client/}, a Next.js app with a {@code Dockerfile}): one more Service behind the same
 * host; its routes are the pages ({@code app/.../page.jsx}, GET) and route handlers ({@code app/.../route.js},
 * the methods they export) of its {@code app} directory, its environment the {@code process.env.X} it reads.</li>
 * </ul>
 */
final class CodeFacts {

    /** A route of the HTTP API: method and path pattern ({@code /api/tickets/{id}}). */
    record Route(String module, String method, String path, String declaredIn) {

        /** A concrete path for the pattern, every {@code {variable}} replaced by a sample id. */
        String samplePath() {
            return path.replaceAll("\\{[^}]+}", "65f1c0ffee00000000000001");
        }

        @Override
        public String toString() {
            return method + " " + path + " (" + module + ")";
        }
    }

    /** An event-consuming function bean and the CloudEvent types it accepts. */
    record Consumer(String module, String function, String payload, Set<String> types, String declaredIn) {

        boolean ticked() {
            return types.contains(PingTick.TYPE);
        }

        String path() {
            return "/" + function;
        }

        @Override
        public String toString() {
            return module + "/" + function + " " + types;
        }
    }

    /** The web client's directory and Service name. */
    static final String WEB = "client";

    /** Packages of {@code common} that every function runs (auto-configurations and shared types). */
    static final Set<String> CROSS_CUTTING = Set.of("auth", "cloudevent", "web", "domain", "event");

    private static final Pattern REST_CONTROLLER = Pattern.compile("@(?:org\\.springframework\\.web\\.bind\\.annotation\\.)?RestController\\b");
    private static final Pattern CLASS_DECL = Pattern.compile("\\b(?:class|record|interface)\\s+\\w+");
    private static final Pattern REQUEST_MAPPING = Pattern.compile("@RequestMapping\\s*\\(([^)]*)\\)");
    private static final Pattern VERB_MAPPING = Pattern.compile(
            "@(Get|Post|Put|Delete|Patch)Mapping\\b(?:\\s*\\(([^)]*)\\))?");
    private static final Pattern FIRST_STRING = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern REQUEST_METHOD = Pattern.compile("method\\s*=\\s*\\{?\\s*(?:RequestMethod\\.)?(\\w+)");
    private static final Pattern CONSUMER_BEAN = Pattern.compile(
            "@Bean\\b(?:\\s*\\(([^)]*)\\))?"
                    + "((?:\\s*@[\\w.]+(?:\\s*\\((?:[^()]|\\([^()]*\\))*\\))?)*)"
                    + "\\s*(?:(?:public|protected|private|static|final)\\s+)*"
                    + "(?:java\\.util\\.function\\.)?Function\\s*<\\s*(?:org\\.springframework\\.messaging\\.)?Message\\s*<\\s*([\\w.]+)\\s*>\\s*,"
                    + "\\s*(?:[\\w.]+\\.)?Delivery\\s*>\\s+(\\w+)\\s*\\(");
    private static final Pattern CONDITIONAL_ON_BEAN = Pattern.compile("@ConditionalOnBean\\s*\\(\\s*(?:value\\s*=\\s*)?\\{?\\s*([\\w.]+)\\.class");
    private static final Pattern NEW_OBJECT = Pattern.compile("\\bnew\\s+([\\w.]+)\\s*\\(");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern TICKETING_IMPORT = Pattern.compile("^dev\\.ticketing\\.(\\w+)\\.");
    private static final Pattern PROCESS_ENV = Pattern.compile("process\\.env\\.([A-Z][A-Z0-9_]*)");
    private static final Pattern EXPORTED_METHOD = Pattern.compile(
            "export\\s+(?:async\\s+)?(?:function\\s+|const\\s+)(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\\b");

    private final Repository repo;
    private final List<String> modules;
    private final Map<String, List<Route>> routes = new LinkedHashMap<>();
    private final Map<String, List<Consumer>> consumers = new LinkedHashMap<>();
    private final Map<String, Set<String>> environment = new LinkedHashMap<>();
    private final Map<String, Set<String>> emitters = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();
    private final boolean hasWeb;

    private CodeFacts(Repository repo) {
        this.repo = repo;
        this.modules = repo.functionModules();
        Path web = repo.root().resolve(WEB);
        this.hasWeb = Files.isRegularFile(web.resolve("Dockerfile")) && Files.isDirectory(web.resolve("app"));
    }

    static CodeFacts scan(Repository repo) {
        CodeFacts facts = new CodeFacts(repo);
        facts.scanAll();
        return facts;
    }

    /** The function modules. */
    List<String> modules() {
        return modules;
    }

    /** Whether the repository has the web client (deployed as Service {@value #WEB}). */
    boolean hasWebClient() {
        return hasWeb;
    }

    /** Everything deployed as a Knative Service: the function modules and the web client. */
    List<String> deployables() {
        List<String> all = new ArrayList<>(modules);
        if (hasWeb) {
            all.add(WEB);
        }
        return all;
    }

    List<Route> routes(String module) {
        return routes.getOrDefault(module, List.of());
    }

    List<Route> routes() {
        return routes.values().stream().flatMap(List::stream).toList();
    }

    List<Consumer> consumers(String module) {
        return consumers.getOrDefault(module, List.of());
    }

    List<Consumer> consumers() {
        return consumers.values().stream().flatMap(List::stream).toList();
    }

    Optional<Consumer> consumer(String module, String function) {
        return consumers(module).stream().filter(c -> c.function().equals(function)).findFirst();
    }

    /** Emitted CloudEvent type -> where the code constructs its record. */
    Map<String, Set<String>> emitters() {
        return emitters;
    }

    Set<String> emittedTypes() {
        return emitters.keySet();
    }

    /** The {@code ${VAR}} environment variables a module's code reads. */
    Set<String> environment(String module) {
        return environment.getOrDefault(module, Set.of());
    }

    /** Things worth knowing that are not failures (printed by the test). */
    List<String> notes() {
        return notes;
    }

    // ---------------------------------------------------------------- scanning

    private void scanAll() {
        List<JavaSource> common = Repository.files(repo.commonMain(), ".java").stream().map(JavaSource::read).toList();
        List<ConsumerBean> commonConsumers = new ArrayList<>();
        for (JavaSource src : common) {
            commonConsumers.addAll(consumerBeans(src, "common"));
            if (!src.pkg().equals("dev.ticketing.event")) {
                collectEmitted(src);
            }
        }
        for (String module : modules) {
            Path dir = repo.module(module);
            if (!Files.isDirectory(dir)) {
                notes.add("functions/pom.xml lists module " + module + " but functions/" + module + " does not exist");
                continue;
            }
            List<JavaSource> sources = Repository.files(dir.resolve("src/main/java"), ".java").stream()
                    .map(JavaSource::read).toList();
            List<Route> moduleRoutes = new ArrayList<>();
            List<Consumer> moduleConsumers = new ArrayList<>();
            Set<String> features = new TreeSet<>();
            Set<String> env = new TreeSet<>();
            for (JavaSource src : sources) {
                moduleRoutes.addAll(routesOf(src, module));
                consumerBeans(src, module).forEach(b -> moduleConsumers.add(b.consumer()));
                collectEmitted(src);
                for (String i : src.imports()) {
                    Matcher m = TICKETING_IMPORT.matcher(i);
                    if (m.find() && !CROSS_CUTTING.contains(m.group(1))) {
                        features.add(m.group(1));
                    }
                }
                env.addAll(placeholders(src.code()));
            }
            for (Path res : Repository.files(dir.resolve("src/main/resources"), ".yaml", ".yml", ".properties")) {
                env.addAll(placeholders(Repository.read(res)));
            }
            for (JavaSource src : common) {
                String feature = featureOf(src.pkg());
                if (CROSS_CUTTING.contains(feature) || features.contains(feature)) {
                    env.addAll(placeholders(src.code()));
                }
            }
            for (ConsumerBean bean : commonConsumers) {
                String condition = bean.conditionalOnBean();
                if (condition == null || declaresBeanOfType(sources, condition)) {
                    Consumer c = bean.consumer();
                    moduleConsumers.add(new Consumer(module, c.function(), c.payload(), c.types(), c.declaredIn()
                            + (condition == null ? "" : ", as the module declares a " + condition + " bean")));
                }
            }
            routes.put(module, List.copyOf(moduleRoutes));
            consumers.put(module, List.copyOf(moduleConsumers));
            environment.put(module, env);
        }
        if (hasWeb) {
            scanWebClient(repo.root().resolve(WEB));
        }
    }

    private void scanWebClient(Path web) {
        Path app = web.resolve("app");
        List<Route> webRoutes = new ArrayList<>();
        for (Path file : Repository.files(app, ".js", ".jsx", ".ts", ".tsx", ".mjs")) {
            String name = file.getFileName().toString();
            String base = name.substring(0, name.lastIndexOf('.'));
            if (!base.equals("page") && !base.equals("route")) {
                continue;
            }
            String path = pagePath(app.relativize(file.getParent()));
            if (base.equals("page")) {
                webRoutes.add(new Route(WEB, "GET", path, repo.relative(file)));
            } else {
                Matcher m = EXPORTED_METHOD.matcher(JavaSource.stripComments(Repository.read(file)));
                while (m.find()) {
                    webRoutes.add(new Route(WEB, m.group(1), path, repo.relative(file)));
                }
            }
        }
        Set<String> env = new TreeSet<>();
        for (String dir : List.of("app", "lib", "components")) {
            for (Path file : Repository.files(web.resolve(dir), ".js", ".jsx", ".ts", ".tsx", ".mjs")) {
                PROCESS_ENV.matcher(Repository.read(file)).results().forEach(r -> env.add(r.group(1)));
            }
        }
        routes.put(WEB, List.copyOf(webRoutes));
        consumers.put(WEB, List.of());
        environment.put(WEB, env);
    }

    /** The URL path of a Next.js app directory: route groups and parallel slots dropped, [x] and [...x] as {x}. */
    static String pagePath(Path dir) {
        StringBuilder out = new StringBuilder();
        for (Path segment : dir) {
            String s = segment.toString();
            if (s.isEmpty() || (s.startsWith("(") && s.endsWith(")")) || s.startsWith("@")) {
                continue;
            }
            out.append('/').append(s.replaceAll("^\\[+(?:\\.\\.\\.)?([^\\]]+)]+$", "{$1}"));
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    /** A consumer bean as declared, with the bean type of its {@code @ConditionalOnBean}, if any. */
    private record ConsumerBean(Consumer consumer, String conditionalOnBean) {
    }

    private static String featureOf(String pkg) {
        String rest = pkg.startsWith("dev.ticketing.") ? pkg.substring("dev.ticketing.".length()) : pkg;
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static Set<String> placeholders(String text) {
        Set<String> out = new LinkedHashSet<>();
        PLACEHOLDER.matcher(text).results().forEach(r -> out.add(r.group(1)));
        return out;
    }

    private static boolean declaresBeanOfType(List<JavaSource> sources, String type) {
        Pattern bean = Pattern.compile("@Bean\\b[^;{}]*?\\b(?:[\\w.]+\\.)?" + Pattern.quote(type) + "\\s+\\w+\\s*\\(");
        return sources.stream().anyMatch(s -> bean.matcher(s.code()).find());
    }

    private List<Route> routesOf(JavaSource src, String module) {
        String code = src.code();
        if (!REST_CONTROLLER.matcher(code).find()) {
            return List.of();
        }
        Matcher decl = CLASS_DECL.matcher(code);
        int bodyStart = decl.find() ? decl.start() : 0;
        String prefix = "";
        Matcher classMapping = REQUEST_MAPPING.matcher(code.substring(0, bodyStart));
        if (classMapping.find()) {
            Matcher s = FIRST_STRING.matcher(classMapping.group(1));
            prefix = s.find() ? s.group(1) : "";
        }
        List<Route> out = new ArrayList<>();
        String body = code.substring(bodyStart);
        Matcher verb = VERB_MAPPING.matcher(body);
        while (verb.find()) {
            String args = verb.group(2) == null ? "" : verb.group(2);
            Matcher s = FIRST_STRING.matcher(args);
            out.add(new Route(module, verb.group(1).toUpperCase(), join(prefix, s.find() ? s.group(1) : ""),
                    repo.relative(src.file())));
        }
        Matcher generic = REQUEST_MAPPING.matcher(body);
        while (generic.find()) {
            Matcher method = REQUEST_METHOD.matcher(generic.group(1));
            Matcher s = FIRST_STRING.matcher(generic.group(1));
            String path = join(prefix, s.find() ? s.group(1) : "");
            if (method.find()) {
                out.add(new Route(module, method.group(1).toUpperCase(), path, repo.relative(src.file())));
            } else {
                notes.add(src.file().getFileName() + ": @RequestMapping(\"" + path + "\") without a method is not checked");
            }
        }
        return out.stream().filter(r -> r.path().startsWith("/api/")).toList();
    }

    private static String join(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path;
        }
        if (path.isEmpty()) {
            return prefix;
        }
        return prefix.replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
    }

    private List<ConsumerBean> consumerBeans(JavaSource src, String module) {
        List<ConsumerBean> out = new ArrayList<>();
        Matcher m = CONSUMER_BEAN.matcher(src.code());
        while (m.find()) {
            String beanArgs = m.group(1);
            String annotations = m.group(2) == null ? "" : m.group(2);
            String payload = m.group(3);
            String function = m.group(4);
            if (beanArgs != null) {
                Matcher name = FIRST_STRING.matcher(beanArgs);
                if (name.find()) {
                    function = name.group(1);
                }
            }
            Optional<Set<String>> types = typesConsumed(src, payload)
                    .map(accepted -> narrowedBySwitch(src, body(src.code(), m.end()), accepted));
            if (types.isEmpty()) {
                notes.add(repo.relative(src.file()) + ": bean " + function + " takes Message<" + payload
                        + ">, which is no catalogued event, sealed group of events or PingTick; the CloudEvent endpoint does not serve it");
                continue;
            }
            Matcher condition = CONDITIONAL_ON_BEAN.matcher(annotations);
            out.add(new ConsumerBean(new Consumer(module, function, payload, types.get(), repo.relative(src.file())),
                    condition.find() ? simpleName(condition.group(1)) : null));
        }
        return out;
    }

    /**
     * A bean that takes a broad type ({@code Message<Event>}) and dispatches on the payload's class
     * ({@code case TicketCreated c ->}, {@code instanceof TicketUpdated}) consumes only the types it dispatches to;
     * the others it refuses.
     */
    private static Set<String> narrowedBySwitch(JavaSource src, String body, Set<String> accepted) {
        Set<String> handled = new TreeSet<>();
        Matcher m = DISPATCH.matcher(body);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            typesConsumed(src, name).ifPresent(handled::addAll);
        }
        handled.retainAll(accepted);
        return handled.isEmpty() ? accepted : handled;
    }

    private static final Pattern DISPATCH = Pattern.compile("\\bcase\\s+([\\w.]+)\\s+\\w+\\s*(?:->|:|when)|\\binstanceof\\s+([\\w.]+)");

    /** The body of the method whose parameter list starts at {@code from}: from its first brace to the matching one. */
    private static String body(String code, int from) {
        int open = code.indexOf('{', from);
        if (open < 0) {
            return "";
        }
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (j < code.length() && code.charAt(j) != '"') {
                    j += code.charAt(j) == '\\' ? 2 : 1;
                }
                i = j;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return code.substring(open, i + 1);
            }
        }
        return code.substring(open);
    }

    private static Optional<Set<String>> typesConsumed(JavaSource src, String payload) {
        Class<?> type = load(src.resolve(payload)).or(() -> load("dev.ticketing.event." + simpleName(payload))).orElse(null);
        if (type == null) {
            return Optional.empty();
        }
        if (type == PingTick.class) {
            return Optional.of(Set.of(PingTick.TYPE));
        }
        if (!Event.class.isAssignableFrom(type)) {
            return Optional.empty();
        }
        Set<String> types = new TreeSet<>();
        for (String t : EventCatalog.types()) {
            if (type.isAssignableFrom(EventCatalog.classOf(t).orElseThrow())) {
                types.add(t);
            }
        }
        return types.isEmpty() ? Optional.empty() : Optional.of(types);
    }

    private void collectEmitted(JavaSource src) {
        Matcher m = NEW_OBJECT.matcher(src.withoutLiterals());
        while (m.find()) {
            String simple = simpleName(m.group(1));
            for (String t : EventCatalog.types()) {
                Class<? extends Event> c = EventCatalog.classOf(t).orElseThrow();
                if (c.getSimpleName().equals(simple)
                        && (m.group(1).equals(simple) || m.group(1).equals(c.getName()))
                        && src.resolve(simple).equals(c.getName())) {
                    emitters.computeIfAbsent(t, k -> new TreeSet<>()).add(repo.relative(src.file()));
                }
            }
        }
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name, false, CodeFacts.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
