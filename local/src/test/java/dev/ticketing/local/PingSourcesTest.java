package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The PingSource stand-in's schedule. */
class PingSourcesTest {

    @Test
    void keepsTickingAfterATickFails() {
        AtomicInteger calls = new AtomicInteger();
        List<CloudEvent> taken = new CopyOnWriteArrayList<>();
        PingSourceSpec everyMinute = new PingSourceSpec("ticker", "default", "* * * * *", "application/json", "{}",
                new Destination("Broker", "default", null));
        // every minute sped up 60 times: a tick a second; the first one fails
        try (PingSources sources = new PingSources(List.of(everyMinute), service -> null, new SenderIssuer(), event -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("Kafka did not take " + event.getId());
            }
            taken.add(event);
        }, 60)) {
            sources.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> !taken.isEmpty());
        }
        assertThat(taken.getFirst().getType()).isEqualTo("dev.knative.sources.ping");
        assertThat(taken.getFirst().getSource()).hasToString("/apis/v1/namespaces/default/pingsources/ticker");
    }
}
