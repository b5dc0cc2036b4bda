package dev.ticketing.knative;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CEL rules of a CRD schema ({@code x-kubernetes-validations}), evaluated as the API server does:
 * after defaulting, with {@code self} bound to the value at the rule's place. Transition rules (those that
 * use {@code oldSelf}) need a stored object and are skipped.
 */
final class CelRules {

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(CelOptions.current().build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(CelOptions.current().build())
            .build();
    private static final Map<String, CelRuntime.Program> PROGRAMS = new HashMap<>();

    private CelRules() {
    }

    /** The rules an object breaks: "path: message". */
    static List<String> check(Object schema, Object object) {
        List<String> problems = new ArrayList<>();
        Object defaulted = defaults(schema, Yaml.copy(object));
        walk(schema, defaulted, "", problems);
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static Object defaults(Object schema, Object value) {
        if (!(schema instanceof Map<?, ?>)) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> m = (Map<String, Object>) map;
            Yaml.map(schema, "properties").forEach((name, property) -> {
                if (!m.containsKey(name) && Yaml.at(property, "default") != null) {
                    m.put(name, Yaml.copy(Yaml.at(property, "default")));
                }
                if (m.containsKey(name)) {
                    m.put(name, defaults(property, m.get(name)));
                }
            });
            Object additional = Yaml.at(schema, "additionalProperties");
            if (additional instanceof Map<?, ?>) {
                m.replaceAll((k, v) -> Yaml.map(schema, "properties").containsKey(k) ? v : defaults(additional, v));
            }
        } else if (value instanceof List<?> list) {
            List<Object> l = (List<Object>) list;
            l.replaceAll(v -> defaults(Yaml.at(schema, "items"), v));
        }
        return value;
    }

    private static void walk(Object schema, Object value, String path, List<String> problems) {
        if (!(schema instanceof Map<?, ?>) || value == null) {
            return;
        }
        for (Object validation : Yaml.list(schema, "x-kubernetes-validations")) {
            String rule = Yaml.string(validation, "rule");
            if (rule == null || rule.contains("oldSelf")) {
                continue;
            }
            String message = Yaml.string(validation, "message");
            try {
                Object result = program(rule).eval(Map.of("self", cel(value)));
                if (!Boolean.TRUE.equals(result)) {
                    problems.add((path.isEmpty() ? "$" : path) + ": " + (message != null ? message : "failed rule " + rule));
                }
            } catch (CelEvaluationException | CelValidationException e) {
                problems.add((path.isEmpty() ? "$" : path) + ": rule " + rule + " could not be evaluated: " + e.getMessage());
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> properties = Yaml.map(schema, "properties");
            Object additional = Yaml.at(schema, "additionalProperties");
            map.forEach((k, v) -> {
                Object child = properties.containsKey(String.valueOf(k)) ? properties.get(String.valueOf(k)) : additional;
                walk(child, v, path + "." + k, problems);
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(Yaml.at(schema, "items"), list.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static synchronized CelRuntime.Program program(String rule) throws CelValidationException, CelEvaluationException {
        CelRuntime.Program program = PROGRAMS.get(rule);
        if (program == null) {
            CelAbstractSyntaxTree ast = COMPILER.compile(rule).getAst();
            program = RUNTIME.createProgram(ast);
            PROGRAMS.put(rule, program);
        }
        return program;
    }

    /** YAML values as CEL values: integers as long, maps and lists converted throughout. */
    private static Object cel(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), cel(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CelRules::cel).toList();
        }
        return value;
    }
}
