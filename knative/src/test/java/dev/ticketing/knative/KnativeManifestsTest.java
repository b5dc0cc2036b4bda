package dev.ticketing.knative;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests of {@code knative/} and each module's {@code func.yaml} against the code as it is now
 * (see {@link CodeFacts} for what is read from where) and against the Knative and Gateway API CRD schemas.
 */
class KnativeManifestsTest {

    private static Repository repo;
    private static Manifests manifests;
    private static CodeFacts code;
    private static ManifestChecks checks;

    @BeforeAll
    static void load() {
        repo = Repository.locate();
        manifests = Manifests.load(repo);
        code = CodeFacts.scan(repo);
        checks = new ManifestChecks(repo, manifests, code);
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
    void everyModuleHasAFuncYamlThatAgreesWithItsService() {
        assertNoProblems(checks.funcYamls());
    }

    @Test
    void everyManifestValidatesAgainstItsCrdSchema() {
        CrdSchemas schemas = CrdSchemas.load(repo.schemas());
        List<String> unvalidated = new ArrayList<>();
        assertNoProblems(checks.schemas(schemas, unvalidated));
        unvalidated.forEach(u -> System.out.println("Not schema-validated: " + u));
    }

    static void assertNoProblems(List<String> problems) {
        assertThat(problems)
                .withFailMessage(() -> problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems))
                .isEmpty();
    }
}
