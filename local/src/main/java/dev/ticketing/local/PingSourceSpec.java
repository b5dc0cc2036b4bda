package dev.ticketing.local;

/**
 * A Knative PingSource ({@code sources.knative.dev/v1}): a {@code dev.knative.sources.ping} event on
 * a cron schedule to a sink. Locally it ticks on its schedule sped up {@link PingSources#SPEEDUP} times.
 */
record PingSourceSpec(String name, String namespace, String schedule, String contentType, String data,
        Destination sink) {

    static PingSourceSpec of(Manifests.Resource resource) {
        YamlNode spec = resource.spec();
        PingSourceSpec source = new PingSourceSpec(resource.name(), resource.root().get("metadata").get("namespace").text("default"),
                spec.get("schedule").text("* * * * *"), spec.get("contentType").text("application/json"),
                spec.get("data").text(""), Destination.of(spec.get("sink")));
        PingSources.interval(source.schedule(), 1);
        if (source.sink().service() == null) {
            throw new IllegalArgumentException("PingSource " + source.name()
                    + ": only a Service sink is supported locally");
        }
        return source;
    }

    /** The {@code source} attribute Knative gives its events. */
    String source() {
        return "/apis/v1/namespaces/" + namespace + "/pingsources/" + name;
    }
}
