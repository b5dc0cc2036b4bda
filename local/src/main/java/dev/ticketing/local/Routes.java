package dev.ticketing.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP routing of the cluster's front door, read from the Gateway API {@code HTTPRoute}s in
 * {@code knative/} so the local front door cannot drift from it. Every rule that forwards to a
 * backend counts (rules that only redirect, such as HTTP to HTTPS, do not: locally there is only
 * plain HTTP); hostnames are ignored. Matching follows the Gateway API: a rule matches when any of
 * its matches does; among matches, Exact beats PathPrefix, a longer path beats a shorter one, a match
 * with a method beats one without, and earlier rules win ties. {@code PathPrefix} matches whole path
 * segments ({@code /api/tickets} matches {@code /api/tickets/1}, not {@code /api/ticketsx}).
 */
record Routes(List<Route> routes) {

    /** One match of one rule ({@code exact}: type Exact, else PathPrefix), and the Knative Service it forwards to. */
    record Route(String method, boolean exact, String path, String service, int order) {

        boolean matches(String requestMethod, String requestPath) {
            if (method != null && !method.equalsIgnoreCase(requestMethod)) {
                return false;
            }
            String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return exact ? requestPath.equals(path) : requestPath.equals(prefix) || requestPath.startsWith(prefix + "/");
        }

        /** As the startup summary shows it: {@code GET /api/tickets/**}. */
        @Override
        public String toString() {
            return (method == null ? "*" : method) + " " + path + (exact ? "" : "/**");
        }
    }

    private static final Comparator<Route> PRECEDENCE = Comparator
            .comparing((Route r) -> r.exact() ? 0 : 1)
            .thenComparing(r -> -r.path().length())
            .thenComparing(r -> r.method() == null ? 1 : 0)
            .thenComparingInt(Route::order);

    static Routes from(Manifests manifests) {
        List<Route> routes = new ArrayList<>();
        int order = 0;
        for (Manifests.Resource resource : manifests.ofKind("HTTPRoute", "gateway.networking.k8s.io")) {
            for (YamlNode rule : resource.spec().get("rules").list()) {
                List<YamlNode> backends = rule.get("backendRefs").list();
                if (backends.isEmpty()) {
                    continue;
                }
                String service = backends.getFirst().get("name").text();
                List<YamlNode> matches = rule.get("matches").list();
                if (matches.isEmpty()) {
                    routes.add(new Route(null, false, "/", service, order++));
                }
                for (YamlNode match : matches) {
                    YamlNode path = match.get("path");
                    String type = path.get("type").text("PathPrefix");
                    // the route in knative/routing/ uses Exact and PathPrefix only; another is refused
                    if (!type.equals("Exact") && !type.equals("PathPrefix")) {
                        throw new IllegalArgumentException("HTTPRoute " + resource.name() + ": path type " + type
                                + " is not supported locally");
                    }
                    routes.add(new Route(match.get("method").text(), type.equals("Exact"),
                            path.get("value").text("/"), service, order++));
                }
            }
        }
        routes.sort(PRECEDENCE);
        return new Routes(List.copyOf(routes));
    }

    /** Only the routes to {@code services} (the others are not served here). */
    Routes servedBy(java.util.Set<String> services) {
        return new Routes(routes.stream().filter(r -> services.contains(r.service())).toList());
    }

    Optional<Route> route(String method, String path) {
        return routes.stream().filter(r -> r.matches(method, path)).findFirst();
    }
}
