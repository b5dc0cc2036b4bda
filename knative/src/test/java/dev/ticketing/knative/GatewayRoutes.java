package dev.ticketing.knative;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTPRoute rules attached to one Gateway listener, and which rule a request reaches by the Gateway
 * API's precedence: an Exact path match before a PathPrefix match, a longer prefix before a shorter one,
 * a match with a method before one without, more header matches first, then route name and rule order.
 */
final class GatewayRoutes {

    /** One match of one rule, with what the rule does. */
    record Match(Manifest route, int ruleIndex, String ruleName, String pathType, String pathValue, String method,
            int headerCount, List<String> backends, List<String> rewriteHostnames, boolean redirect) {

        boolean matches(String requestMethod, String path) {
            if (method != null && !method.equals(requestMethod)) {
                return false;
            }
            return switch (pathType) {
                case "Exact" -> pathValue.equals(path);
                case "PathPrefix" -> prefixMatches(pathValue, path);
                case "RegularExpression" -> path.matches(pathValue);
                default -> false;
            };
        }

        String describe() {
            return route.name() + " rule " + (ruleName != null ? ruleName : "#" + ruleIndex) + " ("
                    + (method == null ? "any method" : method) + " " + pathType + " " + pathValue + ")";
        }
    }

    private final List<Match> matches;

    private GatewayRoutes(List<Match> matches) {
        this.matches = matches;
    }

    /** The rules of every HTTPRoute whose parentRefs name this Gateway listener (or the whole Gateway). */
    static GatewayRoutes of(Manifests manifests, String gateway, String listener, String hostname) {
        List<Match> out = new ArrayList<>();
        for (Manifest route : manifests.httpRoutes()) {
            boolean attached = Yaml.list(route.body(), "spec", "parentRefs").stream().anyMatch(p ->
                    gateway.equals(Yaml.string(p, "name"))
                            && (Yaml.string(p, "sectionName") == null || listener.equals(Yaml.string(p, "sectionName"))));
            List<Object> hostnames = Yaml.list(route.body(), "spec", "hostnames");
            if (!attached || (!hostnames.isEmpty() && !hostnames.contains(hostname))) {
                continue;
            }
            List<Object> rules = Yaml.list(route.body(), "spec", "rules");
            for (int i = 0; i < rules.size(); i++) {
                Object rule = rules.get(i);
                List<String> backends = Yaml.list(rule, "backendRefs").stream()
                        .filter(b -> Yaml.string(b, "kind") == null || "Service".equals(Yaml.string(b, "kind")))
                        .map(b -> Yaml.string(b, "name")).toList();
                List<String> rewrites = Yaml.list(rule, "filters").stream()
                        .filter(f -> "URLRewrite".equals(Yaml.string(f, "type")))
                        .map(f -> Yaml.string(f, "urlRewrite", "hostname")).filter(Objects::nonNull).toList();
                boolean redirect = Yaml.list(rule, "filters").stream()
                        .anyMatch(f -> "RequestRedirect".equals(Yaml.string(f, "type")));
                List<Object> ruleMatches = Yaml.list(rule, "matches");
                if (ruleMatches.isEmpty()) {
                    ruleMatches = List.of(Map.of());
                }
                for (Object m : ruleMatches) {
                    String type = Optional.ofNullable(Yaml.string(m, "path", "type")).orElse("PathPrefix");
                    String value = Optional.ofNullable(Yaml.string(m, "path", "value")).orElse("/");
                    out.add(new Match(route, i, Yaml.string(rule, "name"), type, value, Yaml.string(m, "method"),
                            Yaml.list(m, "headers").size(), backends, rewrites, redirect));
                }
            }
        }
        return new GatewayRoutes(out);
    }

    List<Match> matches() {
        return matches;
    }

    /** The match that serves a request, if any. */
    Optional<Match> resolve(String method, String path) {
        return matches.stream()
                .filter(m -> m.matches(method, path))
                .min(Comparator.<Match>comparingInt(m -> m.pathType().equals("Exact") ? 0 : 1)
                        .thenComparing(m -> m.pathType().equals("PathPrefix") ? -m.pathValue().length() : 0)
                        .thenComparingInt(m -> m.method() != null ? 0 : 1)
                        .thenComparingInt(m -> -m.headerCount())
                        .thenComparing(m -> m.route().name())
                        .thenComparingInt(Match::ruleIndex));
    }

    /** Gateway API PathPrefix: element-wise, a trailing slash of the prefix ignored ("/abc" matches /abc, /abc/, /abc/d). */
    static boolean prefixMatches(String prefix, String path) {
        String p = prefix.length() > 1 ? prefix.replaceAll("/+$", "") : prefix;
        if (p.equals("/")) {
            return path.startsWith("/");
        }
        return path.equals(p) || path.startsWith(p + "/");
    }
}
