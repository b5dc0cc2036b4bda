package dev.ticketing.knative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code openAPIV3Schema} of every CRD version in the schema directory, made into JSON Schemas that check
 * a manifest as the API server would keep it:
 * <ul>
 * <li>{@code x-kubernetes-int-or-string} becomes {@code anyOf: [integer, string]}, {@code nullable} allows null;</li>
 * <li>an object schema with {@code properties} and no {@code x-kubernetes-preserve-unknown-fields} rejects
 * other fields ({@code additionalProperties: false}): the API server would silently prune them, so a
 * misspelt field would be lost without a word;</li>
 * <li>{@code apiVersion}, {@code kind} and {@code metadata} (name, namespace, string-valued labels and
 * annotations) are added at the top, as the API server does;</li>
 * <li>the CEL rules ({@code x-kubernetes-validations}) are evaluated by {@link CelRules}; formats are not checked.</li>
 * </ul>
 * Core kinds with no CRD (Namespace, ConfigMap) get a small schema of the same kind.
 */
final class CrdSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    private static final Set<String> DROPPED = Set.of("description", "format", "x-kubernetes-validations",
            "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type",
            "x-kubernetes-embedded-resource", "example", "externalDocs");

    /** Key "apiVersion kind" -> schema, and where it came from. */
    private final Map<String, JsonSchema> schemas = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, Object> celSchemas = new LinkedHashMap<>();

    private static final Map<Path, CrdSchemas> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The schemas of a directory (read once per test run: the Gateway API CRD alone is 400 KB). */
    static CrdSchemas load(Path dir) {
        return LOADED.computeIfAbsent(dir.toAbsolutePath().normalize(), CrdSchemas::read);
    }

    private static CrdSchemas read(Path dir) {
        CrdSchemas out = new CrdSchemas();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        List<Path> files = Repository.files(dir, ".yaml", ".yml");
        if (files.isEmpty()) {
            throw new IllegalStateException("No CRD files in " + dir);
        }
        for (Path file : files) {
            for (Object doc : Yaml.documents(Repository.read(file))) {
                if (!"CustomResourceDefinition".equals(Yaml.string(doc, "kind"))) {
                    continue;
                }
                String group = Yaml.string(doc, "spec", "group");
                String kind = Yaml.string(doc, "spec", "names", "kind");
                for (Object version : Yaml.list(doc, "spec", "versions")) {
                    Object schema = Yaml.at(version, "schema", "openAPIV3Schema");
                    if (schema == null || Boolean.FALSE.equals(Yaml.at(version, "served"))) {
                        continue;
                    }
                    String apiVersion = group + "/" + Yaml.string(version, "name");
                    ObjectNode strict = strict((ObjectNode) JSON.valueToTree(schema));
                    addTopLevel(strict, apiVersion, kind);
                    out.schemas.put(apiVersion + " " + kind, factory.getSchema(strict));
                    out.sources.put(apiVersion + " " + kind, dir.relativize(file).toString());
                    out.celSchemas.put(apiVersion + " " + kind, schema);
                }
            }
        }
        out.addCore(factory, "v1", "Namespace", NODES.objectNode());
        ObjectNode configMap = NODES.objectNode();
        configMap.set("data", stringMap());
        configMap.set("binaryData", stringMap());
        configMap.set("immutable", NODES.objectNode().put("type", "boolean"));
        out.addCore(factory, "v1", "ConfigMap", configMap);
        return out;
    }

    private void addCore(JsonSchemaFactory factory, String apiVersion, String kind, ObjectNode properties) {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.set("properties", properties);
        schema.put("additionalProperties", false);
        addTopLevel(schema, apiVersion, kind);
        schemas.put(apiVersion + " " + kind, factory.getSchema(schema));
        sources.put(apiVersion + " " + kind, "built-in core schema");
    }

    /** Schema-validation problems of a manifest; empty when it validates. Absent when no schema covers its kind. */
    Optional<List<String>> validate(Manifest manifest) {
        JsonSchema schema = schemas.get(manifest.apiVersion() + " " + manifest.kind());
        if (schema == null) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : schema.validate(JSON.valueToTree(manifest.body()))) {
            problems.add(manifest.describe() + ": " + m.getMessage());
        }
        Object cel = celSchemas.get(manifest.apiVersion() + " " + manifest.kind());
        if (cel != null && problems.isEmpty()) {
            CelRules.check(cel, manifest.body()).forEach(p -> problems.add(manifest.describe() + ": " + p));
        }
        return Optional.of(problems);
    }

    String source(Manifest manifest) {
        return sources.get(manifest.apiVersion() + " " + manifest.kind());
    }

    Set<String> covered() {
        return schemas.keySet();
    }

    // ------------------------------------------------------------- schema rewriting

    private static ObjectNode strict(ObjectNode schema) {
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        boolean intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false);
        boolean nullable = schema.path("nullable").asBoolean(false);
        Iterator<String> names = schema.fieldNames();
        List<String> drop = new ArrayList<>();
        names.forEachRemaining(n -> {
            if (DROPPED.contains(n) || n.startsWith("x-kubernetes-") || n.equals("nullable")) {
                drop.add(n);
            }
        });
        schema.remove(drop);
        if (intOrString && !schema.has("anyOf") && !schema.has("oneOf")) {
            schema.remove("type");
            ArrayNode anyOf = schema.putArray("anyOf");
            anyOf.addObject().put("type", "integer");
            anyOf.addObject().put("type", "string");
        }
        if (nullable && schema.has("type") && schema.get("type").isTextual()) {
            ArrayNode types = NODES.arrayNode().add(schema.get("type").asText()).add("null");
            schema.set("type", types);
        }
        if (schema.get("properties") instanceof ObjectNode props) {
            props.properties().forEach(e -> {
                if (e.getValue() instanceof ObjectNode child) {
                    strict(child);
                }
            });
            if (!preserve && !schema.has("additionalProperties")) {
                schema.put("additionalProperties", false);
            }
        }
        for (String key : List.of("items", "additionalProperties", "not")) {
            if (schema.get(key) instanceof ObjectNode child) {
                strict(child);
            }
        }
        for (String key : List.of("anyOf", "allOf", "oneOf")) {
            if (schema.get(key) instanceof ArrayNode list) {
                list.forEach(child -> {
                    if (child instanceof ObjectNode o) {
                        strict(o);
                    }
                });
            }
        }
        return schema;
    }

    private static void addTopLevel(ObjectNode schema, String apiVersion, String kind) {
        ObjectNode props = schema.has("properties") ? (ObjectNode) schema.get("properties") : schema.putObject("properties");
        props.set("apiVersion", NODES.objectNode().put("const", apiVersion));
        props.set("kind", NODES.objectNode().put("const", kind));
        ObjectNode metadata = NODES.objectNode().put("type", "object").put("additionalProperties", false);
        ObjectNode meta = metadata.putObject("properties");
        meta.set("name", NODES.objectNode().put("type", "string").put("maxLength", 253).put("pattern", DNS_SUBDOMAIN));
        meta.set("namespace", NODES.objectNode().put("type", "string").put("maxLength", 63)
                .put("pattern", "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
        meta.set("labels", stringMap());
        meta.set("annotations", stringMap());
        metadata.putArray("required").add("name");
        props.set("metadata", metadata);
        schema.put("additionalProperties", false);
        ArrayNode required = schema.has("required") ? (ArrayNode) schema.get("required") : schema.putArray("required");
        for (String r : List.of("apiVersion", "kind", "metadata")) {
            boolean present = false;
            for (JsonNode n : required) {
                present |= n.asText().equals(r);
            }
            if (!present) {
                required.add(r);
            }
        }
    }

    private static ObjectNode stringMap() {
        ObjectNode map = NODES.objectNode().put("type", "object");
        map.putObject("additionalProperties").put("type", "string");
        return map;
    }
}
