package dev.ticketing.knative;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every manifest read into the published type of its kind (fabric8's Knative and Gateway API models, from Maven
 * Central), strictly, so that what the API server would reject or silently prune fails here:
 * <ul>
 * <li>a field the type does not have: fabric8's models keep unknown fields in {@code additionalProperties} instead of
 * failing, so every {@code additionalProperties} of the read object graph must be empty;</li>
 * <li>a value of the wrong type: no scalar coercion ({@code "30"} is no integer, {@code true} no string, a single
 * value no list), so a label or annotation value that YAML reads as a number or boolean fails too.</li>
 * </ul>
 * What the typed models do not carry (required fields, enums, patterns, the CRDs' CEL rules) the other checks of
 * {@link ManifestChecks} state for the fields this project uses.
 */
final class StrictModels {

    /** "apiVersion kind" -> the published type of that kind. */
    static final Map<String, Class<?>> TYPES = types();

    private static final ObjectMapper MAPPER = mapper();

    private StrictModels() {
    }

    private static Map<String, Class<?>> types() {
        Map<String, Class<?>> t = new LinkedHashMap<>();
        t.put("v1 Namespace", Namespace.class);
        t.put("v1 ConfigMap", ConfigMap.class);
        t.put("serving.knative.dev/v1 Service", io.fabric8.knative.serving.v1.Service.class);
        t.put("eventing.knative.dev/v1 Broker", io.fabric8.knative.eventing.v1.Broker.class);
        t.put("eventing.knative.dev/v1 Trigger", io.fabric8.knative.eventing.v1.Trigger.class);
        t.put("eventing.knative.dev/v1alpha1 KafkaSink", io.fabric8.knative.eventing.v1alpha1.KafkaSink.class);
        t.put("eventing.knative.dev/v1alpha1 EventPolicy", io.fabric8.knative.eventing.v1alpha1.EventPolicy.class);
        t.put("sources.knative.dev/v1 PingSource", io.fabric8.knative.sources.v1.PingSource.class);
        t.put("sources.knative.dev/v1 SinkBinding", io.fabric8.knative.sources.v1.SinkBinding.class);
        t.put("sources.knative.dev/v1 KafkaSource", io.fabric8.knative.sources.v1.KafkaSource.class);
        t.put("gateway.networking.k8s.io/v1 Gateway", Gateway.class);
        t.put("gateway.networking.k8s.io/v1 HTTPRoute", HTTPRoute.class);
        t.put("gateway.networking.k8s.io/v1beta1 ReferenceGrant",
                io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant.class);
        return Map.copyOf(t);
    }

    private static ObjectMapper mapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
        for (LogicalType textual : List.of(LogicalType.Textual)) {
            mapper.coercionConfigFor(textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        return mapper;
    }

    /** Problems of a manifest read into its type; empty when it reads cleanly. Absent when no type covers its kind. */
    static Optional<List<String>> validate(Manifest manifest) {
        Class<?> type = TYPES.get(manifest.apiVersion() + " " + manifest.kind());
        if (type == null) {
            return Optional.empty();
        }
        Object model;
        try {
            model = MAPPER.convertValue(manifest.body(), type);
        } catch (IllegalArgumentException e) {
            String at = "";
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e.getCause() instanceof JsonMappingException mapping) {
                at = " at " + where(mapping.getPath());
                message = mapping.getOriginalMessage();
            }
            return Optional.of(List.of(manifest.describe() + ": does not read as " + type.getName() + at + ": "
                    + message.lines().findFirst().orElse(message)));
        }
        List<String> problems = new ArrayList<>();
        unknownFields(model, "", problems, new IdentityHashMap<>());
        return Optional.of(problems.stream().map(p -> manifest.describe() + ": " + p).toList());
    }

    /** "spec.template.spec.containers[0].image" from Jackson's path. */
    private static String where(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    static Set<String> covered() {
        return TYPES.keySet();
    }

    /** Walks a fabric8 object graph and reports every non-empty {@code additionalProperties} with its path. */
    private static void unknownFields(Object node, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                || node instanceof IntOrString || node instanceof Quantity || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.") || seen.put(node, true) != null) {
            return;
        }
        for (Class<?> c = node.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object value;
                try {
                    value = f.get(node);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (f.getName().equals("additionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        for (Object key : extra.keySet()) {
                            problems.add("unknown field " + (path.isEmpty() ? "" : path.substring(1) + ".") + key
                                    + " (no such field in " + c.getSimpleName() + "; the API server would reject or drop it)");
                        }
                    }
                    continue;
                }
                com.fasterxml.jackson.annotation.JsonProperty named = f.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                String name = named != null && !named.value().isEmpty() ? named.value() : f.getName();
                unknownFields(value, path + "." + name, problems, seen);
            }
        }
    }
}
