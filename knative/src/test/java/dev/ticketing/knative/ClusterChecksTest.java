package dev.ticketing.knative;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule of {@link ClusterChecks} catches what it is for: the real manifests and overlays, broken on purpose. */
class ClusterChecksTest {

    private static Repository repo;
    private static Manifests manifests;
    private static CodeFacts code;

    @TempDir
    Path temp;

    @BeforeAll
    static void load() {
        repo = Repository.locate();
        manifests = Manifests.load(repo);
        code = CodeFacts.scan(repo);
    }

    private static ClusterChecks checks(Manifests changed) {
        return new ClusterChecks(repo, changed, code);
    }

    private static boolean named(Manifest m, String kind, String name) {
        return kind.equals(m.kind()) && name.equals(m.name());
    }

    private static Map<String, Object> container(Manifest service) {
        return Yaml.map(Yaml.list(service.body(), "spec", "template", "spec", "containers").getFirst());
    }

    /** An overlay of the real base in a temporary directory, with these extra kustomization lines. */
    private Path overlay(String name, String extra) throws IOException {
        Path dir = temp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                %s""".formatted(repo.knative(), extra));
        return dir;
    }

    @Test
    void reportsJibImagesWithoutANumericNonRootUser() {
        String pom = Repository.read(repo.functions().resolve("pom.xml"));

        assertThat(checks(manifests).nonRootUser(pom.replaceAll("<user>[^<]*</user>", "")))
                .anyMatch(p -> p.contains("sets no <user>"));
        assertThat(checks(manifests).nonRootUser(pom.replaceAll("<user>[^<]*</user>", "<user>nonroot</user>")))
                .anyMatch(p -> p.contains("must be a numeric, non-zero uid"));
        assertThat(checks(manifests).nonRootUser(pom.replaceAll("<user>[^<]*</user>", "<user>0</user>")))
                .anyMatch(p -> p.contains("must be a numeric, non-zero uid"));
    }

    @Test
    void reportsAServiceThatDoesNotAskForANonRootUser() {
        Manifests broken = manifests
                .changing(m -> named(m, "Service", "signup"), m -> {
                    Yaml.map(container(m), "securityContext").remove("runAsNonRoot");
                    return m;
                })
                .changing(m -> named(m, "Service", "client"), m -> {
                    Yaml.map(container(m), "securityContext").remove("runAsUser");
                    return m;
                });

        assertThat(checks(broken).nonRootUser())
                .anyMatch(p -> p.contains("Service signup") && p.contains("runAsNonRoot: true"))
                .anyMatch(p -> p.contains("Service client") && p.contains("set securityContext.runAsUser"));
    }

    @Test
    void reportsARouteToKnativesExternalNameServicesOnAGatewayThatRefusesThem() throws IOException {
        Path nginx = overlay("nginx", """
                patches:
                  - path: class.yaml
                    target:
                      kind: Gateway
                      name: ticketing
                """);
        Files.writeString(nginx.resolve("class.yaml"), "- op: replace\n  path: /spec/gatewayClassName\n  value: nginx\n");
        Path istio = repo.knative().resolve("overlays/istio");

        assertThat(checks(manifests).gatewayOverlays(List.of(istio, nginx)))
                .anyMatch(p -> p.contains("nginx") && p.contains("routes to Service signup")
                        && p.contains("gateway class nginx refuses ExternalName backends"));
        assertThat(checks(manifests).gatewayOverlays(List.of(istio)))
                .anyMatch(p -> p.contains("needs an overlay for a Gateway that refuses ExternalName"));
    }

    @Test
    void reportsACrossNamespaceBackendWithoutAReferenceGrant() throws IOException {
        Path envoy = repo.knative().resolve("overlays/envoy-gateway");
        Path ungranted = overlay("ungranted", """
                patches:
                  - path: %s
                    target:
                      kind: Gateway
                      name: ticketing
                  - path: %s
                    target:
                      kind: HTTPRoute
                      name: ticketing-api
                """.formatted(envoy.resolve("gateway-class.yaml"), envoy.resolve("route-to-kourier.yaml")));

        assertThat(checks(manifests).gatewayOverlays(List.of(ungranted)))
                .anyMatch(p -> p.contains("kourier-system/kourier-internal") && p.contains("no ReferenceGrant"));
    }

    @Test
    void reportsAnOverlayFieldTheRendererDoesNotKnow() throws IOException {
        Path odd = overlay("odd", "namePrefix: x-\n");

        assertThat(checks(manifests).gatewayOverlays(List.of(odd)))
                .anyMatch(p -> p.contains("field namePrefix is not rendered"));
    }

    @Test
    void reportsAnOverlayThatDeploysLatestImages() throws IOException {
        Path unpinned = overlay("unpinned", "");

        assertThat(checks(manifests).releaseImages(List.of(unpinned)))
                .anyMatch(p -> p.contains("Service signup") && p.contains("ghcr.io/ticketing/signup:latest")
                        && p.contains("not an immutable image"));
        assertThat(ClusterChecks.immutable("ghcr.io/ticketing/signup:0.1.0-SNAPSHOT")).isFalse();
        assertThat(ClusterChecks.immutable("localhost:5000/signup")).isFalse();
        assertThat(ClusterChecks.immutable("ghcr.io/ticketing/signup@sha256:0123")).isTrue();
    }

    @Test
    void reportsAKafkaSinkThatOwnsItsTopic() {
        Manifests broken = manifests.changing(m -> named(m, "KafkaSink", "ticketing-dead-letters"), m -> {
            Yaml.map(m.body(), "spec").put("numPartitions", 10);
            Yaml.map(m.body(), "spec").put("replicationFactor", 3);
            return m;
        });

        assertThat(checks(broken).topicOwnership())
                .anyMatch(p -> p.contains("ticketing-dead-letters") && p.contains("spec.numPartitions"))
                .anyMatch(p -> p.contains("ticketing-dead-letters") && p.contains("spec.replicationFactor"));
    }

    @Test
    void reportsTimeoutsBelowTheFunctionsWorstCase() {
        Manifests broken = manifests
                .changing(m -> named(m, "Service", "charge"), m -> {
                    Yaml.map(m.body(), "spec", "template", "spec").put("timeoutSeconds", 30);
                    return m;
                })
                .changing(m -> named(m, "Trigger", "sync-order-on-order-created"), m -> {
                    Yaml.map(m.body(), "spec", "delivery").remove("timeout");
                    return m;
                })
                .changing(m -> named(m, "Trigger", "reserve-ticket-on-order-created"), m -> {
                    Yaml.map(m.body(), "spec", "delivery").put("timeout", "PT5M");
                    return m;
                })
                .changing(m -> named(m, "HTTPRoute", "ticketing-api"), m -> {
                    Yaml.list(m.body(), "spec", "rules").forEach(r -> Yaml.map(r).remove("timeouts"));
                    return m;
                });

        assertThat(checks(broken).timeouts())
                .anyMatch(p -> p.contains("Service charge") && p.contains("worst case of 85 s"))
                .anyMatch(p -> p.contains("sync-order-on-order-created") && p.contains("no spec.delivery.timeout"))
                .anyMatch(p -> p.contains("reserve-ticket-on-order-created") && p.contains("longer than Service update-ticket"))
                .anyMatch(p -> p.contains("rule charge") && p.contains("timeouts.request"));
    }

    @Test
    void reportsAMemoryRequestBelowWhatTheJvmMayUse() {
        Manifests broken = manifests.changing(m -> named(m, "Service", "signin"), m -> {
            Yaml.map(container(m), "resources", "requests").put("memory", "384Mi");
            return m;
        });

        assertThat(checks(broken).memory())
                .anyMatch(p -> p.contains("Service signin") && p.contains("384Mi is below") && p.contains("384Mi"));
        assertThat(ClusterChecks.maxHeapMib(List.of("-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=75"), 768)).isEqualTo(384);
        assertThat(ClusterChecks.maxHeapMib(List.of("-XX:MaxRAMPercentage=50"), 768)).isEqualTo(384);
        assertThat(ClusterChecks.maxHeapMib(List.of("-Xmx1g"), 768)).isEqualTo(1024);
    }

    @Test
    void reportsAFuncYamlThatDeploysOtherwiseThanItsService() {
        ManifestChecks manifestChecks = new ManifestChecks(repo, manifests, code);
        Manifests broken = manifests.changing(m -> named(m, "Service", "signup"), m -> {
            List<Object> env = Yaml.list(container(m), "env");
            env.add(new LinkedHashMap<>(Map.of("name", "JAVA_TOOL_OPTIONS", "value", "-XX:MaxRAMPercentage=60")));
            Yaml.map(container(m), "resources", "limits").put("memory", "1Gi");
            Yaml.map(m.body(), "spec", "template", "metadata", "annotations").put("autoscaling.knative.dev/max-scale", "20");
            return m;
        });

        assertThat(checks(broken).funcYamlsAgreeWithServices(manifestChecks))
                .anyMatch(p -> p.contains("functions/signup/func.yaml") && p.contains("run.envs JAVA_TOOL_OPTIONS"))
                .anyMatch(p -> p.contains("functions/signup/func.yaml") && p.contains("resources.limits.memory"))
                .anyMatch(p -> p.contains("functions/signup/func.yaml") && p.contains("scale.max"));
    }

    @Test
    void reportsAHostThatAssumesTheClusterDomain() {
        Manifests broken = manifests.changing(m -> named(m, "HTTPRoute", "ticketing-api"), m -> {
            Object rewrite = Yaml.list(Yaml.list(m.body(), "spec", "rules").getFirst(), "filters").getFirst();
            Yaml.map(rewrite, "urlRewrite").put("hostname", "signup.ticketing.svc.cluster.local");
            return m;
        });

        assertThat(checks(broken).clusterDomain())
                .anyMatch(p -> p.contains("ticketing-api") && p.contains("signup.ticketing.svc.cluster.local"));
    }

    @Test
    void reportsAnHttpsRuleWithoutHsts() {
        Manifests broken = manifests.changing(m -> named(m, "HTTPRoute", "ticketing-api"), m -> {
            Object rule = Yaml.list(m.body(), "spec", "rules").getLast();
            Yaml.list(rule, "filters").removeIf(f -> "ResponseHeaderModifier".equals(Yaml.string(f, "type")));
            return m;
        });
        Manifests short_ = manifests.changing(m -> named(m, "HTTPRoute", "ticketing-api"), m -> {
            Object rule = Yaml.list(m.body(), "spec", "rules").getFirst();
            Object filter = Yaml.list(rule, "filters").stream()
                    .filter(f -> "ResponseHeaderModifier".equals(Yaml.string(f, "type"))).findFirst().orElseThrow();
            Yaml.map(Yaml.list(filter, "responseHeaderModifier", "set").getFirst()).put("value", "max-age=300");
            return m;
        });

        assertThat(checks(broken).hsts()).anyMatch(p -> p.contains("rule client") && p.contains("Strict-Transport-Security"));
        assertThat(checks(short_).hsts()).anyMatch(p -> p.contains("rule signup") && p.contains("max-age=300"));
    }

    @Test
    void reportsASubscriberOrSinkWithoutItsAudience() {
        Manifests broken = manifests
                .changing(m -> named(m, "Trigger", "complete-order-on-charge-created"), m -> {
                    Yaml.map(m.body(), "spec", "subscriber").remove("audience");
                    return m;
                })
                .changing(m -> named(m, "PingSource", "expire-orders-every-minute"), m -> {
                    Yaml.map(m.body(), "spec", "sink").put("audience", "charge");
                    return m;
                });

        assertThat(checks(broken).eventSenders())
                .anyMatch(p -> p.contains("complete-order-on-charge-created") && p.contains("audience must be complete-order"))
                .anyMatch(p -> p.contains("expire-orders-every-minute") && p.contains("audience must be expire-order"));
    }

    @Test
    void reportsAPolicyOrSubjectListThatDisagreesWithWhoDelivers() {
        Manifests extraTrigger;
        Manifest trigger = manifests.find(null, "Trigger", "complete-order-on-charge-created").orElseThrow().copy();
        Yaml.map(trigger.body(), "metadata").put("name", "complete-order-again");
        extraTrigger = manifests.with(trigger);
        Manifests wildcard = manifests.changing(m -> named(m, "EventPolicy", "broker-publishers"), m -> {
            Yaml.list(m.body(), "spec", "from").add(new LinkedHashMap<>(Map.of("sub", "system:serviceaccount:ticketing:*")));
            return m;
        });
        Manifests noConfig = manifests.without(m -> named(m, "ConfigMap", ClusterChecks.EVENTS_AUTH));

        assertThat(checks(extraTrigger).eventSenders())
                .anyMatch(p -> p.contains("Service complete-order") && p.contains(ClusterChecks.SUBJECTS_ENV)
                        && p.contains("complete-order-again-oidc-eventing.knative.dev-trigger"))
                .anyMatch(p -> p.contains("EventPolicy complete-order-senders") && p.contains("must admit exactly"));
        assertThat(checks(wildcard).eventSenders())
                .anyMatch(p -> p.contains("broker-publishers") && p.contains("not by sub"));
        assertThat(checks(noConfig).eventSenders())
                .anyMatch(p -> p.contains("needs ConfigMap " + ClusterChecks.EVENTS_AUTH));
    }

    @Test
    void reportsAnEventConsumingFunctionWithoutAPolicyOrTheIssuer() {
        Manifests broken = manifests
                .without(m -> named(m, "EventPolicy", "charge-senders"))
                .changing(m -> named(m, "Service", "signup"), m -> {
                    Yaml.list(container(m), "env").removeIf(e -> ClusterChecks.ISSUER_ENV.equals(Yaml.string(e, "name")));
                    return m;
                });

        assertThat(checks(broken).eventSenders())
                .anyMatch(p -> p.contains("Service charge") && p.contains("exactly one EventPolicy"))
                .anyMatch(p -> p.contains("Service signup") && p.contains(ClusterChecks.ISSUER_ENV));
    }

    @Test
    void namesOidcServiceAccountsAsKnativeDoes() {
        // short enough: name + suffix, lower-cased
        assertThat(ClusterChecks.oidcServiceAccount("eventing.knative.dev", "Trigger", "sync-order-on-order-created"))
                .isEqualTo("sync-order-on-order-created-oidc-eventing.knative.dev-trigger");
        // too long with a suffix of more than 31 characters: the name's first 31 characters and an md5 of the whole
        String hashed = ClusterChecks.oidcServiceAccount("eventing.knative.dev", "Trigger", "release-ticket-on-order-cancelled");
        assertThat(hashed).hasSize(63).startsWith("release-ticket-on-order-cancell").matches("[a-z0-9.-]+");
    }

    @Test
    void rendersJson6902OperationsOnListsAndMaps() {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("spec", new LinkedHashMap<>(Map.of("rules",
                new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("a/b", 1))))))));

        Kustomize.apply(body, Map.of("op", "replace", "path", "/spec/rules/0/a~1b", "value", 2));
        Kustomize.apply(body, Map.of("op", "add", "path", "/spec/rules/-", "value", 3));

        assertThat(Yaml.list(body, "spec", "rules")).containsExactly(Map.of("a/b", 2), 3);
    }
}
