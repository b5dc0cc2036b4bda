package dev.ticketing.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every event type of docs/architecture.md#catalog and the record that carries it. */
public final class EventCatalog {

    private static final Map<String, Class<? extends Event>> BY_TYPE = new LinkedHashMap<>();

    static {
        BY_TYPE.put(UserCreated.TYPE, UserCreated.class);
        BY_TYPE.put(UserUpdated.TYPE, UserUpdated.class);
        BY_TYPE.put(TicketCreated.TYPE, TicketCreated.class);
        BY_TYPE.put(TicketUpdated.TYPE, TicketUpdated.class);
        BY_TYPE.put(OrderCreated.TYPE, OrderCreated.class);
        BY_TYPE.put(OrderCancelled.TYPE, OrderCancelled.class);
        BY_TYPE.put(OrderExpired.TYPE, OrderExpired.class);
        BY_TYPE.put(OrderCompleted.TYPE, OrderCompleted.class);
        BY_TYPE.put(ChargeCreated.TYPE, ChargeCreated.class);
        BY_TYPE.put(ChargeRefunded.TYPE, ChargeRefunded.class);
    }

    private EventCatalog() {
    }

    public static Set<String> types() {
        return BY_TYPE.keySet();
    }

    public static Optional<Class<? extends Event>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static String typeOf(Class<?> eventClass) {
        return BY_TYPE.entrySet().stream()
                .filter(e -> e.getValue().equals(eventClass))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a catalogued event: " + eventClass));
    }

    /** The JSON Schema of a type, on the classpath. */
    public static String schemaPath(String type) {
        return "schemas/" + type + ".json";
    }
}
