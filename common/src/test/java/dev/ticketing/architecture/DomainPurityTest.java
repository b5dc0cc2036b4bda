package dev.ticketing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Domain code is plain Java (docs/architecture.md#layout): the feature packages and the shared kernel import no
 * Spring, no CloudEvents, no Jackson databind, no database or payment client. Adapters live in
 * subpackages named {@code store}, {@code stripe} or {@code redis}.
 */
class DomainPurityTest {

    static final JavaClasses COMMON = new ClassFileImporter().importPath(Path.of("target", "classes"));

    static final String[] DOMAIN = {"dev.ticketing.domain..", "dev.ticketing.event..", "dev.ticketing.account..",
        "dev.ticketing.ticket..", "dev.ticketing.order..", "dev.ticketing.payment.."};
    static final String[] ADAPTERS = {"..store..", "..stripe..", "..redis.."};
    static final String[] FRAMEWORKS = {"org.springframework..", "io.cloudevents..", "tools.jackson..",
        "com.fasterxml.jackson.databind..", "org.bson..", "com.mongodb..", "com.stripe..", "io.lettuce..",
        "jakarta.servlet.."};

    @Test
    void domainCodeDependsOnNoFramework() {
        ArchRule rule = noClasses().that().resideInAnyPackage(DOMAIN)
                .and().resideOutsideOfPackages(ADAPTERS)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("rules are unit-tested without Spring; adapters live in store/stripe/redis subpackages");
        rule.check(COMMON);
    }

    @Test
    void domainCodeDoesNotReachIntoAdapters() {
        noClasses().that().resideInAnyPackage(DOMAIN).and().resideOutsideOfPackages(ADAPTERS)
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .because("ports point inwards: adapters implement domain interfaces, never the reverse")
                .check(COMMON);
    }

    @Test
    void contextsDoNotUseEachOther() {
        String[] contexts = {"account", "ticket", "order", "payment"};
        for (String context : contexts) {
            for (String other : contexts) {
                if (!context.equals(other)) {
                    noClasses().that().resideInAPackage("dev.ticketing." + context + "..")
                            .should().dependOnClassesThat().resideInAPackage("dev.ticketing." + other + "..")
                            .because("contexts talk through events only (database per service)")
                            .allowEmptyShould(true)
                            .check(COMMON);
                }
            }
        }
    }
}
