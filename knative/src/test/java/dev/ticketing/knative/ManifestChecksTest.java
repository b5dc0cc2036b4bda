package dev.ticketing.knative;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each rule of {@link ManifestChecks} catches what it is for: the real manifests, broken on purpose. */
class ManifestChecksTest {

    private static Repository repo;
    private static Manifests manifests;
    private static CodeFacts code;

    @BeforeAll
    static void load() {
        repo = Repository.locate();
        manifests = Manifests.load(repo);
        code = CodeFacts.scan(repo);
    }

    private static ManifestChecks checks(Manifests changed) {
        return new ManifestChecks(repo, changed, code);
    }

    private static boolean named(Manifest m, String kind, String name) {
        return kind.equals(m.kind()) && name.equals(m.name());
    }

    @Test
    void reportsAFunctionModuleWithoutAKnativeService() {
        Manifests broken = manifests.without(m -> named(m, "Service", "signup"));

        assertThat(checks(broken).servicesMatchModules())
                .anyMatch(p -> p.contains("functions/signup has no Knative Service"));
    }

    @Test
    void reportsAServiceThatNamesNoModule() {
        Manifest signup = manifests.service("signup").orElseThrow().copy();
        metadata(signup).put("name", "refund");

        assertThat(checks(manifests.with(signup)).servicesMatchModules())
                .anyMatch(p -> p.contains("Service refund") && p.contains("names no function module"));
    }

    @Test
    void reportsAnEmittedTypeThatNoTriggerFiltersOn() {
        Manifests broken = manifests.without(m -> "Trigger".equals(m.kind())
                && "dev.ticketing.user.created".equals(m.string("spec", "filter", "attributes", "type")));

        assertThat(checks(broken).triggers())
                .anyMatch(p -> p.contains("dev.ticketing.user.created is emitted") && p.contains("no Trigger filters on it"));
    }

    @Test
    void reportsATriggerOnATypeNothingEmits() {
        Manifests broken = manifests.changing(m -> named(m, "Trigger", "archive-user-created"), m -> {
            Yaml.map(m.body(), "spec", "filter", "attributes").put("type", "dev.ticketing.ticket.deleted");
            return m;
        });

        assertThat(checks(broken).triggers())
                .anyMatch(p -> p.contains("dev.ticketing.ticket.deleted, which no code emits"));
    }

    @Test
    void reportsATriggerWhoseSubscriberPathIsNoFunction() {
        Manifest trigger = manifests.triggers().getFirst().copy();
        metadata(trigger).put("name", "to-nowhere");
        Map<String, Object> subscriber = Yaml.map(trigger.body(), "spec", "subscriber");
        subscriber.put("ref", new LinkedHashMap<>(Map.of("apiVersion", "serving.knative.dev/v1", "kind", "Service", "name", "signup")));
        subscriber.put("uri", "/noSuchFunction");

        assertThat(checks(manifests.with(trigger)).triggers())
                .anyMatch(p -> p.contains("to-nowhere") && p.contains("at path /noSuchFunction")
                        && p.contains("has no event function there"));
    }

    @Test
    void reportsATriggerToAServiceThatIsNoModule() {
        Manifest trigger = manifests.triggers().getFirst().copy();
        metadata(trigger).put("name", "to-no-module");
        Map<String, Object> subscriber = Yaml.map(trigger.body(), "spec", "subscriber");
        subscriber.put("ref", new LinkedHashMap<>(Map.of("apiVersion", "serving.knative.dev/v1", "kind", "Service", "name", "refunds")));
        subscriber.put("uri", "/refund");

        assertThat(checks(manifests.with(trigger)).triggers())
                .anyMatch(p -> p.contains("to-no-module") && p.contains("no deployed function module"));
    }

    @Test
    void reportsATickedFunctionWithoutPingSource() {
        Manifests broken = manifests.without(m -> "PingSource".equals(m.kind())
                && "signup".equals(m.string("spec", "sink", "ref", "name")));

        assertThat(checks(broken).pingSources())
                .anyMatch(p -> p.startsWith("signup/relayOutbox consumes PingSource ticks") && p.contains("exactly one PingSource"));
    }

    @Test
    void reportsAnHttpRouteOfTheCodeThatIsNotRoutedAndUnknownApiRoutesThatReachNoFunction() {
        Manifests broken = withoutRules("signin", "api-not-found", "client");

        assertThat(checks(broken).routing())
                .anyMatch(p -> p.startsWith("POST /api/users/signin (signin)") && p.contains("is not routed"))
                .anyMatch(p -> p.startsWith("An unknown /api/... route must reach a function") && p.contains("reaches nothing"));
    }

    @Test
    void reportsAnApiRouteWithoutItsRuleThatFallsToTheWebClient() {
        Manifests broken = withoutRules("signin", "api-not-found");

        assertThat(checks(broken).routing())
                .anyMatch(p -> p.startsWith("POST /api/users/signin (signin) is routed by ticketing-api rule client")
                        && p.contains("instead of signin"));
        assertThat(checks(broken).webClient())
                .anyMatch(p -> p.startsWith("POST /api/users/signin reaches the web client"))
                .anyMatch(p -> p.startsWith("GET /api/no-such-route reaches the web client"));
    }

    @Test
    void reportsAnApiRouteThatFallsToTheNotFoundRule() {
        Manifests broken = withoutRules("signup");

        assertThat(checks(broken).routing())
                .anyMatch(p -> p.startsWith("POST /api/users/signup (signup) is routed by ticketing-api rule api-not-found")
                        && p.contains("instead of signup"));
    }

    @Test
    void reportsUnknownApiRoutesThatFallToTheWebClient() {
        Manifests broken = withoutRules("api-not-found");

        assertThat(checks(broken).routing())
                .anyMatch(p -> p.startsWith("An unknown /api/... route must reach a function")
                        && p.contains("reaches ticketing-api rule client"));
    }

    @Test
    void reportsAWebClientWithoutServiceOrWithoutItsRule() {
        Manifests noService = manifests.without(m -> named(m, "Service", CodeFacts.WEB));
        Manifests noRule = withoutRules("client");

        assertThat(checks(noService).webClient()).anyMatch(p -> p.startsWith("The web client (client/) has no Knative Service"));
        assertThat(checks(noService).servicesMatchModules()).anyMatch(p -> p.startsWith("The web client client has no Knative Service"));
        assertThat(checks(noRule).webClient()).anyMatch(p -> p.startsWith("No HTTPRoute rule sends the web client's pages"));
        assertThat(checks(noRule).routing()).anyMatch(p -> p.startsWith("GET / (client)") && p.contains("is not routed"));
    }

    @Test
    void reportsAWebClientThatWouldGetKSinkOrADatabase() {
        Manifests broken = manifests.changing(m -> named(m, "Service", CodeFacts.WEB), m -> {
            m.labels().put(ManifestChecks.COMPONENT, "function");
            Map<String, Object> container = Yaml.map(Yaml.list(m.body(), "spec", "template", "spec", "containers").getFirst());
            List<Object> env = Yaml.list(container, "env");
            env.add(new LinkedHashMap<>(Map.of("name", "K_SINK", "value", "http://broker-ingress.knative-eventing.svc.cluster.local/ticketing/default")));
            env.add(new LinkedHashMap<>(Map.of("name", "MONGODB_URI", "valueFrom",
                    new LinkedHashMap<>(Map.of("secretKeyRef", new LinkedHashMap<>(Map.of("name", "mongodb", "key", "MONGODB_URI")))))));
            env.add(new LinkedHashMap<>(Map.of("name", "CACHE_DIR", "value", "/tmp/cache")));
            return m;
        });

        assertThat(checks(broken).webClient())
                .anyMatch(p -> p.contains("Service client") && p.contains("must be labelled app.kubernetes.io/component: web"))
                .anyMatch(p -> p.contains("is selected by SinkBinding") && p.contains("must get no K_SINK"))
                .anyMatch(p -> p.contains("sets K_SINK"))
                .anyMatch(p -> p.contains("gets MONGODB_URI from secret mongodb") && p.contains("no database"))
                .anyMatch(p -> p.contains("sets CACHE_DIR, which client/ never reads"));
    }

    @Test
    void reportsAWebClientRuleThatComesBeforeTheApiOrIsNoCatchAll() {
        Manifests first = manifests.changing(m -> named(m, "HTTPRoute", "ticketing-api"), m -> {
            List<Object> rules = Yaml.list(m.body(), "spec", "rules");
            Object client = rules.stream().filter(rule -> "client".equals(Yaml.string(rule, "name"))).findFirst().orElseThrow();
            rules.remove(client);
            rules.addFirst(client);
            return m;
        });
        Manifests getOnly = manifests.changing(m -> named(m, "HTTPRoute", "ticketing-api"), m -> {
            Object client = Yaml.list(m.body(), "spec", "rules").stream()
                    .filter(rule -> "client".equals(Yaml.string(rule, "name"))).findFirst().orElseThrow();
            Yaml.map(Yaml.list(client, "matches").getFirst()).put("method", "GET");
            return m;
        });
        Manifests shadowing = manifests.changing(m -> named(m, "HTTPRoute", "ticketing-api"), m -> {
            Object client = Yaml.list(m.body(), "spec", "rules").stream()
                    .filter(rule -> "client".equals(Yaml.string(rule, "name"))).findFirst().orElseThrow();
            Yaml.list(client, "matches").add(new LinkedHashMap<>(Map.of("path",
                    new LinkedHashMap<>(Map.of("type", "Exact", "value", "/api/orders")))));
            return m;
        });

        assertThat(checks(first).webClient()).anyMatch(p -> p.contains("rule client") && p.contains("must be the last rule"));
        assertThat(checks(getOnly).webClient()).anyMatch(p -> p.contains("rule client (GET PathPrefix /)") && p.contains("one catch-all"));
        assertThat(checks(shadowing).webClient())
                .anyMatch(p -> p.startsWith("GET /api/orders reaches the web client"))
                .anyMatch(p -> p.contains("Exact /api/orders") && p.contains("one catch-all"));
    }

    @Test
    void reportsARouteThatReachesAnotherFunction() {
        Manifests broken = manifests.changing(m -> named(m, "HTTPRoute", "ticketing-api"), m -> {
            Object signin = Yaml.list(m.body(), "spec", "rules").stream()
                    .filter(rule -> "signin".equals(Yaml.string(rule, "name"))).findFirst().orElseThrow();
            Yaml.map(Yaml.list(signin, "backendRefs").getFirst()).put("name", "signup");
            return m;
        });

        assertThat(checks(broken).routing())
                .anyMatch(p -> p.startsWith("POST /api/users/signin (signin) is routed by") && p.contains("instead of signin"));
    }

    @Test
    void reportsARoutedPathThatReachesNoFunction() {
        Manifests broken = manifests.changing(m -> named(m, "HTTPRoute", "ticketing-api"), m -> {
            Object signup = Yaml.list(m.body(), "spec", "rules").stream()
                    .filter(rule -> "signup".equals(Yaml.string(rule, "name"))).findFirst().orElseThrow();
            Map<String, Object> match = new LinkedHashMap<>();
            match.put("method", "GET");
            match.put("path", new LinkedHashMap<>(Map.of("type", "Exact", "value", "/api/users/nobody")));
            Yaml.list(signup, "matches").add(match);
            return m;
        });

        assertThat(checks(broken).routing())
                .anyMatch(p -> p.contains("GET Exact /api/users/nobody") && p.contains("reaches no function"));
    }

    @Test
    void reportsAServiceWithoutScaleToZeroProbesOrLimits() {
        Manifests broken = manifests.changing(m -> named(m, "Service", "signup"), m -> {
            Yaml.map(m.body(), "spec", "template", "metadata", "annotations").remove("autoscaling.knative.dev/min-scale");
            Map<String, Object> container = Yaml.map(Yaml.list(m.body(), "spec", "template", "spec", "containers").getFirst());
            container.remove("readinessProbe");
            Yaml.map(container, "resources").remove("limits");
            return m;
        });

        assertThat(checks(broken).serviceShape())
                .anyMatch(p -> p.contains("signup") && p.contains("does not scale to zero"))
                .anyMatch(p -> p.contains("signup") && p.contains("readinessProbe"))
                .anyMatch(p -> p.contains("signup") && p.contains("resources.limits.memory"));
    }

    @Test
    void reportsASecretValueInline() {
        Manifests broken = manifests.changing(m -> named(m, "Service", "signup"), m -> {
            Map<String, Object> container = Yaml.map(Yaml.list(m.body(), "spec", "template", "spec", "containers").getFirst());
            for (Object e : Yaml.list(container, "env")) {
                if ("JWT_PUBLIC_KEY".equals(Yaml.string(e, "name"))) {
                    Yaml.map(e).remove("valueFrom");
                    Yaml.map(e).put("value", "a-key-that-should-never-be-here");
                }
            }
            return m;
        });

        assertThat(checks(broken).noInlineSecrets())
                .anyMatch(p -> p.contains("signup") && p.contains("env JWT_PUBLIC_KEY has an inline value"));
        assertThat(checks(broken).serviceEnvironment())
                .anyMatch(p -> p.contains("env JWT_PUBLIC_KEY must come from secretKeyRef {name: jwt-secret, key: JWT_PUBLIC_KEY}"));
    }

    @Test
    void reportsAFieldTheApiServerWouldDropAndANonStringLabel() {
        Manifests broken = manifests.changing(m -> named(m, "Service", "signup"), m -> {
            Map<String, Object> container = Yaml.map(Yaml.list(m.body(), "spec", "template", "spec", "containers").getFirst());
            container.put("readinesProbe", container.get("readinessProbe"));
            return m;
        });
        Manifests badLabel = manifests.changing(m -> named(m, "Service", "signin"), m -> {
            Yaml.map(m.body(), "metadata", "labels").put("ticketing.dev/public", true);
            return m;
        });

        assertThat(checks(broken).schemas())
                .anyMatch(p -> p.contains("Service signup") && p.contains("unknown field spec.template.spec.containers[0].readinesProbe"));
        assertThat(checks(badLabel).schemas())
                .anyMatch(p -> p.contains("Service signin") && p.contains("at metadata.labels.ticketing.dev/public"));
    }

    @Test
    void reportsAMistypedFieldOfEveryKnativeAndGatewayApiKind() {
        Manifests broken = manifests
                .changing(m -> "Trigger".equals(m.kind()), m -> {
                    Yaml.map(m.body(), "spec", "subscriber").put("urii", "/typo");
                    return m;
                })
                .changing(m -> "PingSource".equals(m.kind()), m -> {
                    Yaml.map(m.body(), "spec").put("schedual", "* * * * *");
                    return m;
                })
                .changing(m -> named(m, "HTTPRoute", "ticketing-api"), m -> {
                    Yaml.map(Yaml.list(m.body(), "spec", "rules").getFirst()).put("timeout", Map.of("request", "10s"));
                    return m;
                })
                .changing(m -> "KafkaSink".equals(m.kind()), m -> {
                    Yaml.map(m.body(), "spec").put("numPartitions", "ten");
                    return m;
                })
                .changing(m -> "Broker".equals(m.kind()), m -> {
                    Yaml.map(m.body(), "spec", "delivery").put("retry", List.of(3));
                    return m;
                });

        List<String> problems = checks(broken).schemas();

        assertThat(problems)
                .anyMatch(p -> p.startsWith("Trigger ") && p.contains("unknown field spec.subscriber.urii"))
                .anyMatch(p -> p.startsWith("PingSource ") && p.contains("unknown field spec.schedual"))
                .anyMatch(p -> p.contains("HTTPRoute ticketing-api") && p.contains("unknown field spec.rules[0].timeout"))
                .anyMatch(p -> p.startsWith("KafkaSink ") && p.contains("does not read as") && p.contains(" at spec.numPartitions"))
                .anyMatch(p -> p.startsWith("Broker ") && p.contains("does not read as") && p.contains(" at spec.delivery.retry"));
    }

    @Test
    void reportsAKindWithNoPublishedType() {
        Manifest alien = manifests.triggers().getFirst().copy();
        alien.body().put("apiVersion", "eventing.knative.dev/v9");

        assertThat(checks(manifests.with(alien)).schemas())
                .anyMatch(p -> p.contains("no published type for eventing.knative.dev/v9 Trigger"));
    }

    @Test
    void reportsARedirectRuleThatAlsoHasBackends() {
        Manifests broken = manifests.changing(m -> named(m, "HTTPRoute", "ticketing-https-redirect"), m -> {
            Object rule = Yaml.list(m.body(), "spec", "rules").getFirst();
            Yaml.map(rule).put("backendRefs", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("name", "signup", "port", 80)))));
            return m;
        });

        assertThat(checks(broken).gateway())
                .anyMatch(p -> p.contains("ticketing-https-redirect") && p.contains("only redirect to https"));
    }

    @Test
    void reportsAPathThatDefaultsToPrefixButIsNotAbsolute() {
        Manifests broken = manifests.changing(m -> named(m, "HTTPRoute", "ticketing-api"), m -> {
            Object rule = Yaml.list(m.body(), "spec", "rules").getFirst();
            Object path = Yaml.at(Yaml.list(rule, "matches").getFirst(), "path");
            Yaml.map(path).remove("type");
            Yaml.map(path).put("value", "api/users/signup");
            return m;
        });

        assertThat(checks(broken).gateway())
                .anyMatch(p -> p.contains("ticketing-api") && p.contains("must be an absolute path"));
    }

    @Test
    void reportsAnOrderedTrigger() {
        Manifests broken = manifests.changing(m -> named(m, "Trigger", "sync-order-on-order-created"), m -> {
            m.annotations().put(ManifestChecks.ORDERED, "ordered");
            return m;
        });

        assertThat(checks(broken).triggers())
                .anyMatch(p -> p.contains("Trigger sync-order-on-order-created") && p.contains("is ordered") && p.contains("use unordered"));
    }

    @Test
    void reportsATriggerWithoutExponentialBackoffOrDeadLetterSink() {
        Manifests broken = manifests.changing(m -> named(m, "Trigger", "archive-user-created"), m -> {
            Map<String, Object> delivery = Yaml.map(m.body(), "spec", "delivery");
            delivery.put("backoffPolicy", "linear");
            delivery.remove("deadLetterSink");
            return m;
        });

        assertThat(checks(broken).triggers())
                .anyMatch(p -> p.contains("archive-user-created") && p.contains("backoffPolicy must be exponential"))
                .anyMatch(p -> p.contains("archive-user-created") && p.contains("deadLetterSink"));
    }

    @Test
    void reportsAServiceTheSinkBindingDoesNotSelect() {
        Manifests broken = manifests.changing(m -> named(m, "Service", "signin"), m -> {
            m.labels().remove("app.kubernetes.io/component");
            return m;
        });

        assertThat(checks(broken).sinkBinding()).anyMatch(p -> p.contains("signin") && p.contains("no K_SINK"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Manifest m) {
        return (Map<String, Object>) m.body().get("metadata");
    }

    /** The manifests with the API's HTTPRoute ({@code ticketing-api}) lacking the rules {@code names}. */
    private Manifests withoutRules(String... names) {
        Set<String> removed = Set.of(names);
        return manifests.changing(m -> named(m, "HTTPRoute", "ticketing-api"), m -> {
            Yaml.list(m.body(), "spec", "rules").removeIf(rule -> removed.contains(Yaml.string(rule, "name")));
            return m;
        });
    }
}
