package dev.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class FunctionDefaultsTest {

    @Test
    void turnsOffTheMetricsNobodyReads() {
        StandardEnvironment environment = new StandardEnvironment();

        new FunctionDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.observations.enable.all")).isEqualTo("false");
        assertThat(environment.getProperty("management.metrics.mongodb.command.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("management.metrics.mongodb.connectionpool.enabled")).isEqualTo("false");
    }

    @Test
    void yieldsToEveryOtherPropertySource() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(
                new MapPropertySource("operator", Map.of("management.observations.enable.all", "true")));

        new FunctionDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.observations.enable.all")).isEqualTo("true");
        assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
                .isEqualTo(FunctionDefaults.NAME);
    }

    @Test
    void appliesToEverySpringApplication() {
        SpringApplication application = new SpringApplication(Empty.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        try (ConfigurableApplicationContext context = application.run()) {
            assertThat(context.getEnvironment().getPropertySources().contains(FunctionDefaults.NAME)).isTrue();
            assertThat(context.getEnvironment().getProperty("management.observations.enable.all")).isEqualTo("false");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }
}
