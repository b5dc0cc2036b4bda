package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local platform reads the repository's own {@code knative/} manifests, as the cluster applies them. */
class KnativeManifestsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Manifests MANIFESTS = Manifests.read(ROOT.resolve("knative"));

    @Test
    void routesEveryApiRouteToTheFunctionThatServesIt() {
        Routes routes = Routes.from(MANIFESTS);

        assertThat(service(routes, "POST", "/api/users/signup")).isEqualTo("signup");
        assertThat(service(routes, "PUT", "/api/users/currentuser")).isEqualTo("signup");
        assertThat(service(routes, "POST", "/api/users/signin")).isEqualTo("signin");
        assertThat(service(routes, "POST", "/api/users/signout")).isEqualTo("signin");
        assertThat(service(routes, "GET", "/api/users/currentuser")).isEqualTo("signin");
        assertThat(service(routes, "POST", "/api/tickets")).isEqualTo("create-ticket");
        assertThat(service(routes, "GET", "/api/tickets")).isEqualTo("browse-tickets");
        assertThat(service(routes, "GET", "/api/tickets/6b0c231ca8929866889233f4")).isEqualTo("browse-tickets");
        assertThat(service(routes, "PUT", "/api/tickets/6b0c231ca8929866889233f4")).isEqualTo("update-ticket");
        assertThat(service(routes, "POST", "/api/orders")).isEqualTo("place-order");
        assertThat(service(routes, "GET", "/api/orders")).isEqualTo("browse-orders");
        assertThat(service(routes, "GET", "/api/orders/6b0c231ca8929866889233f4")).isEqualTo("browse-orders");
        assertThat(service(routes, "DELETE", "/api/orders/6b0c231ca8929866889233f4")).isEqualTo("cancel-order");
        assertThat(service(routes, "POST", "/api/payments")).isEqualTo("charge");
    }

    @Test
    void matchesPathPrefixesByWholeSegments() {
        Routes routes = Routes.from(MANIFESTS);

        assertThat(routes.route("GET", "/api/ticketsx").map(Routes.Route::service)).isNotEqualTo(
                routes.route("GET", "/api/tickets").map(Routes.Route::service));
        assertThat(service(routes, "GET", "/api/ticketsx")).isEqualTo("signin");
    }

    @Test
    void routesEveryPathOutsideTheApiToTheWebClientAndNoApiPath() {
        Routes routes = Routes.from(MANIFESTS);

        assertThat(service(routes, "GET", "/")).isEqualTo(WebClient.SERVICE);
        assertThat(service(routes, "GET", "/tickets/6b0c231ca8929866889233f4")).isEqualTo(WebClient.SERVICE);
        assertThat(service(routes, "POST", "/auth/signin")).isEqualTo(WebClient.SERVICE);
        assertThat(service(routes, "GET", "/apix")).isEqualTo(WebClient.SERVICE);
        assertThat(service(routes, "GET", "/api")).isEqualTo("signin");
        assertThat(service(routes, "GET", "/api/no/such/route")).isEqualTo("signin");
        assertThat(service(routes, "DELETE", "/api/tickets/6b0c231ca8929866889233f4")).isEqualTo("signin");
    }

    @Test
    void startsNoFunctionForTheWebClientService() {
        List<String> services = MANIFESTS.ofKind("Service", "serving.knative.dev").stream()
                .map(Manifests.Resource::name).toList();
        Set<String> functions = FunctionModule.find(ROOT, MANIFESTS).stream().map(FunctionModule::name)
                .collect(Collectors.toSet());

        assertThat(services).contains(WebClient.SERVICE, "signup", "charge");
        assertThat(functions).doesNotContain(WebClient.SERVICE).contains("signup", "charge");
        assertThat(functions).hasSize(services.size() - 1);
    }

    @Test
    void subscribesEveryTriggerToADeployedFunctionOrASink() {
        Set<String> functions = FunctionModule.find(ROOT, MANIFESTS).stream().map(FunctionModule::name)
                .collect(Collectors.toSet());
        List<Trigger> triggers = MANIFESTS.triggers();

        assertThat(triggers).isNotEmpty();
        assertThat(functions).contains("update-ticket", "place-order", "expire-order", "charge", "complete-order");
        for (Trigger trigger : triggers) {
            assertThat(trigger.subscriber().kind().equals("KafkaSink")
                    || functions.contains(trigger.subscriber().service()))
                    .as("subscriber of %s", trigger.name()).isTrue();
            assertThat(trigger.attributes().get("type").text()).as("type filter of %s", trigger.name()).isNotBlank();
        }
        assertThat(triggers).anySatisfy(t -> {
            assertThat(t.attributes().get("type").text()).isEqualTo("dev.ticketing.order.created");
            assertThat(t.subscriber().service()).isEqualTo("update-ticket");
            assertThat(t.subscriber().path()).isEqualTo("/reserveTicket");
            assertThat(t.delivery().retry()).isPositive();
        });
    }

    @Test
    void ticksExpireOrdersEverySecond() {
        PingSourceSpec expiry = MANIFESTS.pingSources().stream()
                .filter(p -> "/expireOrders".equals(p.sink().path())).findFirst().orElseThrow();

        assertThat(expiry.sink().service()).isEqualTo("expire-order");
        assertThat(PingSources.interval(expiry.schedule(), 60)).isEqualTo(Duration.ofSeconds(1));
        assertThat(PingSources.interval("*/5 * * * *", 60)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void backsOffAsKnativeDoes() {
        DeliverySpec exponential = new DeliverySpec(3, Duration.ofMillis(500), Duration.ofSeconds(1));

        assertThat(List.of(exponential.backoff(1), exponential.backoff(2), exponential.backoff(3)))
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void refusesWhatNoManifestOfKnativeUsesRatherThanFollowItDifferently(@TempDir Path dir) throws IOException {
        String trigger = """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: t
                  annotations:
                    kafka.eventing.knative.dev/delivery.order: %s
                spec:
                  subscriber:
                    %s
                  delivery:
                    backoffPolicy: %s
                """;
        String ref = "ref: {kind: Service, name: s}";
        Files.writeString(dir.resolve("t.yaml"), trigger.formatted("unordered", ref, "exponential"));
        assertThat(Manifests.read(dir).triggers()).singleElement().satisfies(t -> {
            assertThat(t.subscriber().service()).isEqualTo("s");
            assertThat(t.delivery().retry()).isZero();
        });

        Files.writeString(dir.resolve("t.yaml"), trigger.formatted("ordered", ref, "exponential"));
        assertThatThrownBy(() -> Manifests.read(dir).triggers()).hasMessageContaining("ordered delivery");
        Files.writeString(dir.resolve("t.yaml"), trigger.formatted("unordered", ref, "linear"));
        assertThatThrownBy(() -> Manifests.read(dir).triggers()).hasMessageContaining("backoffPolicy linear");
        String absolute = "uri: http://s.ticketing.svc.cluster.local/";
        Files.writeString(dir.resolve("t.yaml"), trigger.formatted("unordered", absolute, "exponential"));
        assertThatThrownBy(() -> Manifests.read(dir).triggers()).hasMessageContaining("without a ref");
    }

    @Test
    void scalesToZeroAsMinScaleSaysAndRefusesAWindowItWouldNotFollow(@TempDir Path dir) throws IOException {
        assertThat(FunctionModule.find(ROOT, MANIFESTS)).allSatisfy(module -> assertThat(
                FunctionProcess.Scaling.of(MANIFESTS, module.name()).idleAfter()).isEqualTo(Duration.ofSeconds(60)));

        String service = """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: %s
                spec:
                  template:
                    metadata:
                      annotations:
                        %s
                ---
                """;
        Files.writeString(dir.resolve("services.yaml"), service.formatted("up", "autoscaling.knative.dev/min-scale: \"1\"")
                + service.formatted("slow", "autoscaling.knative.dev/window: 1m30s")
                + service.formatted("kept", "autoscaling.knative.dev/scale-to-zero-pod-retention-period: 5m"));
        Manifests manifests = Manifests.read(dir);

        assertThat(FunctionProcess.Scaling.of(manifests, "up")).isEqualTo(FunctionProcess.Scaling.ALWAYS_UP);
        assertThatThrownBy(() -> FunctionProcess.Scaling.of(manifests, "slow"))
                .hasMessageContaining("Service slow").hasMessageContaining("not supported locally");
        assertThatThrownBy(() -> FunctionProcess.Scaling.of(manifests, "kept"))
                .hasMessageContaining("Service kept").hasMessageContaining("not supported locally");
    }

    private static String service(Routes routes, String method, String path) {
        return routes.route(method, path).map(Routes.Route::service).orElse(null);
    }
}
