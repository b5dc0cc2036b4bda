package dev.ticketing.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A function's Spring Boot application: {@link SpringBootApplication} without the auto-configurations
 * no function uses, so a cold start creates none of their beans (with Spring AOT the exclusions are
 * applied at build time). Each excluded group, and why it is not needed:
 * <ul>
 * <li>HTTP clients ({@code RestClient}, {@code RestTemplate}, Boot's HTTP client factories): events go
 * out through the JDK's {@code HttpClient} or Kafka, Stripe through stripe-java's own client;
 * <li>Spring Data repositories and Spring Data's web support: the stores use {@code MongoTemplate};
 * <li>transactions and AOP proxies: every change is one atomic document write (docs/architecture.md#outbox);
 * <li>exception translation proxies for {@code @Repository} beans: there are none, and
 * {@code MongoTemplate} translates its own exceptions (its post-processor alone took ~25 ms of a
 * cold start);
 * <li>multipart uploads: the API takes JSON only;
 * <li>build/git info, the info contributors and Spring Cloud Function's {@code functions} endpoint:
 * Actuator exposes only the health probes;
 * <li>Spring Cloud Function web's reactive (WebFlux) variant and its supplier exporter: functions are
 * served by Spring MVC and export nothing;
 * <li>the disk space and SSL certificate health contributors: a container's disk and the cluster's
 * TLS (terminated at the gateway) are the platform's to watch.
 * </ul>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootApplication(excludeName = {
        "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
        "org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration",
        "org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
        "org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration",
        "org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration",
        "org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration",
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration",
        "org.springframework.boot.data.autoconfigure.web.DataWebAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration",
        "org.springframework.boot.autoconfigure.aop.AopAutoConfiguration",
        "org.springframework.boot.persistence.autoconfigure.PersistenceExceptionTranslationAutoConfiguration",
        "org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration",
        "org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.info.InfoContributorAutoConfiguration",
        "org.springframework.cloud.function.context.config.FunctionsEndpointAutoConfiguration",
        "org.springframework.cloud.function.web.flux.ReactorAutoConfiguration",
        "org.springframework.cloud.function.web.source.FunctionExporterAutoConfiguration",
        "org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthContributorAutoConfiguration",
        "org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration"})
public @interface FunctionApplication {
}
