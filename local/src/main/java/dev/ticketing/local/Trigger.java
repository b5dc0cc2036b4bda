package dev.ticketing.local;

import io.cloudevents.CloudEvent;
import java.util.List;
import java.util.Map;

/**
 * A Knative Trigger ({@code eventing.knative.dev/v1}): which events of the broker go to which
 * subscriber, with what retries. {@code spec.filter.attributes} are exact matches (an empty value
 * matches any), the only filter the Triggers in {@code knative/triggers/} use: a Trigger with
 * {@code spec.filters} (the SQL-like dialects) is refused. An {@code ordered} Trigger (annotation
 * {@value #DELIVERY_ORDER}) gets the events of one partition key one after the other.
 */
record Trigger(String name, YamlNode attributes, Destination subscriber, DeliverySpec delivery, boolean ordered) {

    /** Knative's Kafka broker: {@code ordered} delivers one partition's events one at a time, in order. */
    static final String DELIVERY_ORDER = "kafka.eventing.knative.dev/delivery.order";

    static Trigger of(Manifests.Resource resource, YamlNode brokerDelivery) {
        YamlNode spec = resource.spec();
        if (spec.get("subscriber").missing() || !spec.get("filters").missing()) {
            throw new IllegalArgumentException("Trigger " + resource.name() + " in " + resource.file()
                    + (spec.get("filters").missing() ? " has no subscriber" : ": spec.filters is not supported locally"));
        }
        return new Trigger(resource.name(), spec.get("filter").get("attributes"),
                Destination.of(spec.get("subscriber")), DeliverySpec.of(spec.get("delivery"), brokerDelivery),
                "ordered".equals(resource.root().get("metadata").get("annotations").get(DELIVERY_ORDER).text()));
    }

    boolean matches(CloudEvent event) {
        return !(attributes.value() instanceof Map<?, ?> map) || map.entrySet().stream().allMatch(attribute -> {
            String wanted = new YamlNode(attribute.getValue()).text("");
            return wanted.isEmpty() || wanted.equals(CloudEvents.attribute(event, attribute.getKey().toString()));
        });
    }

    /** The event types this Trigger's exact {@code type} filter names (empty when it does not filter on type). */
    List<String> types() {
        String type = attributes.get("type").text("");
        return type.isEmpty() ? List.of() : List.of(type);
    }
}
