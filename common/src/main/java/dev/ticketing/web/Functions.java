package dev.ticketing.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.stereotype.Component;

/**
 * How a thin {@code @RestController} calls a function bean: looked up by name in Spring Cloud
 * Function's {@link FunctionCatalog} (so the route and the Knative/`func` invocation reach the same
 * bean) and invoked on its own types, with no message conversion in between. The bean is looked up
 * once per name (the catalog's lookup builds a wrapper each time: 5% of a read's CPU).
 */
@Component
public class Functions {

    private final FunctionCatalog catalog;
    private final Map<String, Object> targets = new ConcurrentHashMap<>();

    public Functions(FunctionCatalog catalog) {
        this.catalog = catalog;
    }

    /** Applies the {@code java.util.function.Function} bean {@code name} to {@code input}. */
    @SuppressWarnings("unchecked")
    public <I, O> O apply(String name, I input) {
        return ((java.util.function.Function<I, O>) target(name)).apply(input);
    }

    /** Calls the {@code java.util.function.Supplier} bean {@code name}. */
    @SuppressWarnings("unchecked")
    public <O> O get(String name) {
        return ((java.util.function.Supplier<O>) target(name)).get();
    }

    private Object target(String name) {
        return targets.computeIfAbsent(name, this::lookup);
    }

    private Object lookup(String name) {
        FunctionInvocationWrapper wrapper = catalog.lookup(name);
        if (wrapper == null || !name.equals(wrapper.getFunctionDefinition())) {
            throw new IllegalStateException("No function bean named " + name);
        }
        return wrapper.getTarget();
    }
}
