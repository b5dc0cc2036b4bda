package dev.ticketing.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.List;

/**
 * Database per service (docs/architecture.md#layout): a function module uses only its own context's package
 * of {@code common}. Call from one test per module:
 * {@code ContextBoundary.check("dev.ticketing.createticket", "ticket")}.
 */
public final class ContextBoundary {

    private static final List<String> CONTEXTS = List.of("account", "ticket", "order", "payment");

    private ContextBoundary() {
    }

    public static void check(String modulePackage, String ownContext) {
        if (!CONTEXTS.contains(ownContext)) {
            throw new IllegalArgumentException("Unknown context " + ownContext);
        }
        // the module's own main classes (surefire runs in the module's directory)
        JavaClasses classes = new ClassFileImporter()
                .importPath(Path.of("target", "classes", modulePackage.replace('.', '/')));
        if (classes.isEmpty()) {
            throw new AssertionError("No classes found in " + modulePackage);
        }
        String[] others = CONTEXTS.stream().filter(c -> !c.equals(ownContext))
                .map(c -> "dev.ticketing." + c + "..").toArray(String[]::new);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(others)
                .because(modulePackage + " belongs to the " + ownContext + " context: one database per service")
                .check(classes);
    }
}
