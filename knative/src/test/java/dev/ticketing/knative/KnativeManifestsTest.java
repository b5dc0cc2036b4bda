package dev.ticketing.knative;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests of {@code knative/} and each module's {@code func.yaml} against the code as it is now
 * (see {@link CodeFacts} for what is read from where) and against the published Knative and Gateway API types
 * ({@link StrictModels}).
 */
class KnativeManifestsTest {

    private static Repository repo;
    private static Manifests manifests;
    private static CodeFacts code;
    private static ManifestChecks checks;
    private static ClusterChecks cluster;

    @BeforeAll
    static void load() {
        repo = Repository.locate();
        manifests = Manifests.load(repo);
        code = CodeFacts.scan(repo);
        checks = new ManifestChecks(repo, manifests, code);
        cluster = new ClusterChecks(repo, manifests, code);
        System.out.println("Function modules: " + code.modules());
        System.out.println("HTTP routes: " + code.routes());
        System.out.println("Event consumers: " + code.consumers());
        System.out.println("Emitted types: " + code.emitters());
        code.modules().forEach(m -> System.out.println("Environment read by " + m + ": " + code.environment(m)));
        code.notes().forEach(n -> System.out.println("Note: " + n));
    }

    @Test
    void everyManifestIsOneResourceInTheNamespaceAndAppliedByTheKustomization() {
        assertNoProblems(checks.files());
        assertNoProblems(checks.kustomization());
    }

    @Test
    void everyFunctionModuleIsDeployedAsAKnativeServiceAndNothingElseIs() {
        assertThat(code.modules()).isNotEmpty();
        assertNoProblems(checks.servicesMatchModules());
    }

    @Test
    void everyServiceScalesToZeroWithHealthProbesAndResourceLimits() {
        assertNoProblems(checks.serviceShape());
    }

    @Test
    void everyServiceGetsTheSecretsItsCodeReadsFromTheNamedSecrets() {
        assertNoProblems(checks.serviceEnvironment());
    }

    @Test
    void noSecretValueAppearsInline() {
        assertNoProblems(checks.noInlineSecrets());
    }

    @Test
    void theBrokerIsKafkaWithItsConfigAndADeadLetterSink() {
        assertNoProblems(checks.broker());
    }

    @Test
    void everyFunctionGetsKSinkFromTheSinkBinding() {
        assertNoProblems(checks.sinkBinding());
    }

    @Test
    void everyEmittedTypeIsTriggeredAndEveryTriggerReachesAConsumerOfItsType() {
        assertThat(code.emittedTypes()).isNotEmpty();
        assertNoProblems(checks.triggers());
    }

    @Test
    void everyTickedFunctionHasAPingSourceAndEveryPingSourceTicksOne() {
        assertNoProblems(checks.pingSources());
    }

    @Test
    void theGatewayServesOneHostOverHttpsAndRedirectsPlainHttp() {
        assertNoProblems(checks.gateway());
    }

    @Test
    void everyHttpRouteOfTheCodeIsRoutedToItsFunctionAndEveryRoutedPathReachesOne() {
        assertThat(code.routes()).isNotEmpty();
        assertNoProblems(checks.routing());
    }

    @Test
    void theWebClientIsServedAtTheRootAfterTheApiAndGetsNoKSinkOrDatabase() {
        assertThat(code.hasWebClient()).as("client/ (a Next.js app with a Dockerfile)").isTrue();
        Manifest client = manifests.service(CodeFacts.WEB).orElseThrow(() -> new AssertionError("no Knative Service client"));
        GatewayRoutes routes = GatewayRoutes.of(manifests, "ticketing", "https", "ticketing.dev");
        List<Object> rules = Yaml.list(manifests.find(null, "HTTPRoute", "ticketing-api").orElseThrow().body(), "spec", "rules");

        assertThat(Yaml.string(rules.getLast(), "name")).isEqualTo("client");
        assertThat(routes.resolve("GET", "/").orElseThrow().backends()).containsExactly("client");
        assertThat(routes.resolve("GET", "/orders/65f1c0ffee00000000000001").orElseThrow().backends()).containsExactly("client");
        assertThat(routes.resolve("GET", "/api/tickets").orElseThrow().backends()).containsExactly("browse-tickets");
        assertThat(routes.resolve("GET", "/api/no-such-route").orElseThrow().backends()).containsExactly("signin");
        assertThat(client.labels()).containsEntry("app.kubernetes.io/component", "web");
        assertThat(Yaml.list(client.body(), "spec", "template", "spec", "containers").getFirst().toString())
                .doesNotContain("K_SINK", "MONGODB_URI", "REDIS_URL", "JWT_PUBLIC_KEY", "JWT_PRIVATE_KEY");
        assertNoProblems(checks.webClient());
    }

    @Test
    void everyModuleHasAFuncYamlThatAgreesWithItsService() {
        assertNoProblems(checks.funcYamls());
    }

    @Test
    void everyManifestValidatesAgainstItsPublishedSchema() {
        assertNoProblems(checks.schemas());
        assertNoProblems(cluster.overlaySchemas());
    }

    @Test
    void theImagesRunAsANumericNonRootUserAndEveryServiceAsksForIt() {
        assertNoProblems(cluster.nonRootUser());
    }

    @Test
    void thereIsAnOverlayPerGatewayAndOnlyIstioRoutesToKnativesExternalNameServices() {
        assertNoProblems(cluster.gatewayOverlays());
    }

    @Test
    void everyDeployOverlayRunsImmutableImages() {
        assertNoProblems(cluster.releaseImages());
    }

    @Test
    void noKafkaSinkOwnsItsTopic() {
        assertNoProblems(cluster.topicOwnership());
    }

    @Test
    void timeoutsCoverTheFunctionsWorstCaseAtEveryHop() {
        assertNoProblems(cluster.timeouts());
    }

    @Test
    void memoryRequestsCoverWhatTheJvmMayUse() {
        assertNoProblems(cluster.memory());
    }

    @Test
    void everyFuncYamlDeploysWhatItsServiceDeploys() {
        assertNoProblems(cluster.funcYamlsAgreeWithServices(checks));
    }

    @Test
    void nothingAssumesTheClusterDomain() {
        assertNoProblems(cluster.clusterDomain());
    }

    @Test
    void thePublicHttpsRouteSendsHsts() {
        assertNoProblems(cluster.hsts());
    }

    @Test
    void onlyTheirOwnTriggersAndPingSourcesMaySendEventsToAFunctionAndOnlyTheFunctionsToTheBroker() {
        assertNoProblems(cluster.eventSenders());
    }

    static void assertNoProblems(List<String> problems) {
        assertThat(problems)
                .withFailMessage(() -> problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems))
                .isEmpty();
    }

    /** The redelivery source reads the dead-letter sink's topic into the broker, and reads strictly as its type. */
    @Test
    void theDeadLetterRedeliveryFeedsTheDeadLetterTopicBackToTheBroker() {
        java.nio.file.Path file = repo.knative().resolve(Manifests.OPERATIONS).resolve("redeliver-dead-letters.yaml");
        @SuppressWarnings("unchecked")
        Manifest source = new Manifest(file, (java.util.Map<String, Object>) Yaml.documents(Repository.read(file))
                .getFirst());
        Manifest deadLetters = manifests.ofKind("KafkaSink").stream()
                .filter(m -> "ticketing-dead-letters".equals(m.name())).findFirst().orElseThrow();

        assertThat(StrictModels.validate(source)).hasValue(java.util.List.of());
        assertThat(Yaml.at(source.body(), "spec", "topics")).isEqualTo(java.util.List.of(
                Yaml.at(deadLetters.body(), "spec", "topic")));
        assertThat(Yaml.at(source.body(), "spec", "bootstrapServers"))
                .isEqualTo(Yaml.at(deadLetters.body(), "spec", "bootstrapServers"));
        assertThat(Yaml.at(source.body(), "spec", "sink", "ref", "kind")).isEqualTo("Broker");
        assertThat(Yaml.at(source.body(), "spec", "initialOffset")).isEqualTo("earliest");
    }
}
