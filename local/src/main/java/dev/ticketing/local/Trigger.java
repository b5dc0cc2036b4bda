package dev.ticketing.local;

import io.cloudevents.CloudEvent;
import java.util.List;
import java.util.Map;

/**
 * A Knative Trigger ({@code eventing.knative.dev/v1}): which events of the broker go to which
 * subscriber, with what retries. {@code spec.filter.attributes} are exact matches (an empty value
 * matches any); when {@code spec.filters} is given it is used instead ({@code exact}, {@code prefix},
 * {@code suffix}, {@code all}, {@code any}, {@code not}). An {@code ordered} Trigger (annotation
 * {@value #DELIVERY_ORDER}) gets the events of one partition key one after the other.
 */
record Trigger(String name, String broker, Yamls.Node filter, Yamls.Node filters, Destination subscriber,
        DeliverySpec delivery, boolean ordered) {

    /** Knative's Kafka broker: {@code ordered} delivers one partition's events one at a time, in order. */
    static final String DELIVERY_ORDER = "kafka.eventing.knative.dev/delivery.order";

    static Trigger of(Manifests.Resource resource, Yamls.Node brokerDelivery) {
        Yamls.Node spec = resource.spec();
        if (spec.get("subscriber").missing()) {
            throw new IllegalArgumentException("Trigger " + resource.name() + " in " + resource.file() + " has no subscriber");
        }
        return new Trigger(resource.name(), spec.get("broker").text("default"), spec.get("filter"),
                spec.get("filters"), Destination.of(spec.get("subscriber")),
                DeliverySpec.of(spec.get("delivery"), brokerDelivery),
                "ordered".equals(resource.root().get("metadata").get("annotations").get(DELIVERY_ORDER).text()));
    }

    boolean matches(CloudEvent event) {
        if (!filters.list().isEmpty()) {
            return filters.list().stream().allMatch(f -> dialect(f, event));
        }
        for (Map.Entry<String, Yamls.Node> entry : filter.get("attributes").map().entrySet()) {
            String wanted = entry.getValue().text("");
            if (!wanted.isEmpty() && !wanted.equals(CloudEvents.attribute(event, entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean dialect(Yamls.Node expression, CloudEvent event) {
        for (Map.Entry<String, Yamls.Node> clause : expression.map().entrySet()) {
            boolean ok = switch (clause.getKey()) {
                case "exact" -> compare(clause.getValue(), event, (actual, wanted) -> actual.equals(wanted));
                case "prefix" -> compare(clause.getValue(), event, String::startsWith);
                case "suffix" -> compare(clause.getValue(), event, String::endsWith);
                case "all" -> clause.getValue().list().stream().allMatch(f -> dialect(f, event));
                case "any" -> clause.getValue().list().stream().anyMatch(f -> dialect(f, event));
                case "not" -> !dialect(clause.getValue(), event);
                default -> throw new IllegalArgumentException("Filter dialect " + clause.getKey()
                        + " is not supported by the local broker");
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean compare(Yamls.Node attributes, CloudEvent event,
            java.util.function.BiPredicate<String, String> test) {
        for (Map.Entry<String, Yamls.Node> entry : attributes.map().entrySet()) {
            String actual = CloudEvents.attribute(event, entry.getKey());
            if (actual == null || !test.test(actual, entry.getValue().text(""))) {
                return false;
            }
        }
        return true;
    }

    /** The event types this Trigger's exact {@code type} filter names (empty when it does not filter on type). */
    List<String> types() {
        String type = filter.get("attributes").get("type").text("");
        return type.isEmpty() ? List.of() : List.of(type);
    }
}
