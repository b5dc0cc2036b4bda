package dev.ticketing.cloudevent;

import dev.ticketing.event.EventCatalog;
import dev.ticketing.event.PingTick;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.MessageRoutingCallback;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.context.config.RoutingFunction;
import org.springframework.messaging.Message;

/**
 * The event functions of this application and the routing of the service root: Spring Cloud
 * Function's {@link RoutingFunction} ({@code POST /}, forwarded by {@link ServiceRootFilter}) asks this
 * callback where a message goes, and it answers the event function that consumes the CloudEvent's
 * {@code type} ({@code relayOutbox} only when no other function consumes it). It never answers
 * nothing: a {@code null} would let the router follow a {@code spring.cloud.function.definition}
 * header, i.e. let a caller pick any function. The functions are found on first use, not at start-up.
 */
final class EventFunctions implements MessageRoutingCallback {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");
    private static final String RELAY = "relayOutbox";

    private final FunctionCatalog catalog;
    private volatile Map<String, Class<?>> consumers;

    EventFunctions(FunctionCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String routingResult(Message<?> message) {
        String type = CloudEventInput.read(message).getType();
        return consumers().entrySet().stream()
                .filter(e -> consumes(e.getValue(), type))
                .map(Map.Entry::getKey)
                .min(Comparator.comparing((String name) -> name.equals(RELAY)).thenComparing(Comparator.naturalOrder()))
                .orElseThrow(() -> new MalformedEvent("No function of this service consumes " + type));
    }

    /** Whether Spring Cloud Function web serves {@code POST /<name>}: an event function, or the router. */
    boolean serves(String name) {
        return NAME.matcher(name).matches() && (RoutingFunction.FUNCTION_NAME.equals(name) || consumers().containsKey(name));
    }

    private static boolean consumes(Class<?> payload, String type) {
        return payload == PingTick.class ? PingTick.TYPE.equals(type)
                : EventCatalog.classOf(type).filter(payload::isAssignableFrom).isPresent();
    }

    private Map<String, Class<?>> consumers() {
        Map<String, Class<?>> known = consumers;
        if (known == null) {
            Map<String, Class<?>> found = new TreeMap<>();
            for (String name : catalog.getNames(null)) {
                if (NAME.matcher(name).matches()) {
                    Optional.ofNullable(eventPayload(name)).ifPresent(payload -> found.put(name, payload));
                }
            }
            consumers = found;
            known = found;
        }
        return known;
    }

    /** The payload an event function {@code name} consumes, or null when it is no event function. */
    private Class<?> eventPayload(String name) {
        FunctionInvocationWrapper wrapper = catalog.lookup(name);
        if (wrapper == null || !wrapper.isFunction() || !name.equals(wrapper.getFunctionDefinition())) {
            return null;
        }
        Type input = wrapper.getInputType();
        if (input instanceof ParameterizedType p && p.getRawType() == Message.class
                && p.getActualTypeArguments()[0] instanceof Class<?> payload && CloudEventInput.isEventPayload(payload)) {
            return payload;
        }
        return null;
    }
}
