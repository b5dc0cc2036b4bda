package dev.ticketing.local;

import io.cloudevents.CloudEvent;
import java.util.Map;

/**
 * A Knative Trigger ({@code eventing.knative.dev/v1}): which events of the broker go to which
 * subscriber, with what retries. {@code spec.filter.attributes} are exact matches (an empty value
 * matches any), the only filter the Triggers in {@code knative/triggers/} use, and every one of them is
 * {@code unordered} (annotation {@value #DELIVERY_ORDER}): a Trigger with {@code spec.filters} (the
 * SQL-like dialects) or {@code ordered} delivery is refused rather than followed differently.
 */
record Trigger(String name, YamlNode attributes, Destination subscriber, DeliverySpec delivery) {

    /** Knative's Kafka broker: {@code ordered} would deliver one partition's events one at a time. */
    static final String DELIVERY_ORDER = "kafka.eventing.knative.dev/delivery.order";

    static Trigger of(Manifests.Resource resource, YamlNode brokerDelivery) {
        YamlNode spec = resource.spec();
        String refused = spec.get("subscriber").missing() ? " has no subscriber"
                : !spec.get("filters").missing() ? ": spec.filters is not supported locally"
                : "ordered".equals(resource.root().get("metadata").get("annotations").get(DELIVERY_ORDER).text())
                ? ": ordered delivery is not supported locally" : null;
        if (refused != null) {
            throw new IllegalArgumentException("Trigger " + resource.name() + " in " + resource.file() + refused);
        }
        return new Trigger(resource.name(), spec.get("filter").get("attributes"),
                Destination.of(spec.get("subscriber")), DeliverySpec.of(spec.get("delivery"), brokerDelivery));
    }

    boolean matches(CloudEvent event) {
        return !(attributes.value() instanceof Map<?, ?> map) || map.entrySet().stream().allMatch(attribute -> {
            String wanted = new YamlNode(attribute.getValue()).text("");
            return wanted.isEmpty() || wanted.equals(CloudEvents.attribute(event, attribute.getKey().toString()));
        });
    }
}
