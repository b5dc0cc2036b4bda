package dev.ticketing.cloudevent;

import dev.ticketing.event.Delivery;
import dev.ticketing.event.PingTick;
import dev.ticketing.web.HttpProperties;
import java.net.URI;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionProperties;
import org.springframework.cloud.function.web.mvc.FunctionController;
import org.springframework.cloud.function.web.mvc.FunctionHandlerMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * CloudEvents in and out for every function. In: Spring Cloud Function web serves each event function
 * at {@code POST /<function>} and routes {@code POST /}, with the sender check in front
 * ({@link SenderAuthenticationFilter}), cloudevents-spring's converter reading the event
 * ({@link CloudEventInput}), and the guards its web layer needs on Boot 4 ({@link EventFunctionMapping},
 * {@link EventResponses}, {@link ServiceRootFilter}). Out: the publisher
 * ({@code K_SINK} first, else Kafka when {@code KAFKA_BOOTSTRAP_SERVERS} is set, else none: events stay owed),
 * the outbox and its {@code relayOutbox} function.
 */
@AutoConfiguration
@Import(EventResponses.class)
@EnableConfigurationProperties({EventAuthProperties.class, EventProperties.class, HttpProperties.class})
public class EventsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EventsAutoConfiguration.class);
    /** The name of the handler mapping bean of Spring Cloud Function web's {@code ReactorAutoConfiguration}. */
    private static final String LIBRARY_FUNCTION_MAPPING = "functionHandlerMapping";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventEnvelopes eventEnvelopes(JsonMapper json, Clock clock, EventProperties events,
            @Value("${spring.application.name:unknown}") String name) {
        String source = events.source() == null || events.source().isBlank() ? "/functions/" + name : events.source();
        return new EventEnvelopes(json, source, clock);
    }

    /** Verifies the sender of every CloudEvent before any of it is read (see {@link SenderAuthenticationFilter}). */
    @Bean
    FilterRegistrationBean<SenderAuthenticationFilter> senderAuthenticationFilter(EventAuthProperties settings,
            @Value("${spring.application.name:}") String name) {
        FilterRegistrationBean<SenderAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new SenderAuthenticationFilter(new SenderVerifier(settings.withDefaultAudience(name))));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /** Reads every CloudEvent an event function takes (tried first of Spring Cloud Function's converters). */
    @Bean
    CloudEventInput cloudEventInput(JsonMapper json) {
        return new CloudEventInput(json);
    }

    /** Routes {@code POST /} (Spring Cloud Function's RoutingFunction) by the CloudEvent's type. */
    @Bean
    EventFunctions eventFunctions(FunctionCatalog catalog) {
        return new EventFunctions(catalog);
    }

    /** Serves the event functions in place of Spring Cloud Function web's own mapping (removed below). */
    @Bean
    FunctionHandlerMapping eventFunctionMapping(FunctionProperties properties, FunctionCatalog catalog,
            FunctionController controller, EventFunctions functions) {
        return new EventFunctionMapping(properties, catalog, controller, functions);
    }

    /** Spring Cloud Function web registers its handler mapping unconditionally: its definition is removed. */
    @Bean
    static BeanDefinitionRegistryPostProcessor withoutTheLibrarysFunctionMapping() {
        return registry -> {
            if (registry.containsBeanDefinition(LIBRARY_FUNCTION_MAPPING)) {
                registry.removeBeanDefinition(LIBRARY_FUNCTION_MAPPING);
            }
        };
    }

    @Bean
    FilterRegistrationBean<ServiceRootFilter> serviceRootFilter(HttpProperties http) {
        FilterRegistrationBean<ServiceRootFilter> registration =
                new FilterRegistrationBean<>(new ServiceRootFilter(http.rootRoute()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(EventAuthProperties settings, EventProperties events,
            @Value("${K_SINK:}") String sink, @Value("${K_CA_CERTS:}") String caCerts,
            @Value("${KAFKA_BOOTSTRAP_SERVERS:}") String kafka) {
        EventPublisher publisher;
        if (!sink.isBlank()) {
            publisher = new HttpSinkPublisher(URI.create(sink), events.timeout(), settings.sinkTokenFile(), caCerts);
        } else if (!kafka.isBlank()) {
            publisher = new KafkaEventPublisher(kafka, events.kafkaTopic());
        } else {
            publisher = new DiscardingPublisher();
        }
        log.info("Publishing events to {}", publisher.describe());
        return publisher;
    }

    @Bean
    Outbox outbox(MongoTemplate mongo, EventPublisher publisher, ObjectProvider<OutboxCollections> collections) {
        return new Outbox(mongo, publisher, collections.getIfAvailable());
    }

    /** Consumes {@code dev.knative.sources.ping}: publishes every event still owed after a failed publish. */
    @Bean
    @ConditionalOnBean(OutboxCollections.class)
    Function<Message<PingTick>, Delivery> relayOutbox(Outbox outbox) {
        return tick -> {
            int relayed = outbox.relayPending();
            if (relayed > 0) {
                log.info("Relayed {} owed events", relayed);
            }
            return Delivery.APPLIED;
        };
    }
}
