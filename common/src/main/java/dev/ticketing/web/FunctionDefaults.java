package dev.ticketing.web;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings every function shares, added as the property source of lowest precedence (a module's
 * {@code application.yaml}, system properties and the environment all override them).
 *
 * <p>No metrics are recorded: the functions expose only the health probes, and Knative's
 * queue-proxy already measures every request (count, latency, concurrency) for the autoscaler and
 * the cluster's monitoring. Micrometer's per-request observations and the MongoDB driver's command
 * and pool listeners cost about 8% of the CPU of a read (bench/RESULTS.md, throughput); an operator
 * who exports metrics turns them back on with {@code MANAGEMENT_OBSERVATIONS_ENABLE_ALL=true},
 * {@code MANAGEMENT_METRICS_MONGODB_COMMAND_ENABLED=true}.
 */
class FunctionDefaults implements EnvironmentPostProcessor {

    static final String NAME = "ticketingFunctionDefaults";

    static final Map<String, Object> DEFAULTS = Map.of(
            "management.observations.enable.all", "false",
            "management.metrics.mongodb.command.enabled", "false",
            "management.metrics.mongodb.connectionpool.enabled", "false");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(NAME, DEFAULTS));
    }
}
