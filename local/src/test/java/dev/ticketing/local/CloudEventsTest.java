package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CloudEventsTest {

    static CloudEventBuilder event() {
        return CloudEventBuilder.v1().withId("e-1").withSource(URI.create("/functions/place-order"))
                .withType("dev.ticketing.order.created").withData("{}".getBytes(StandardCharsets.UTF_8));
    }

    static HttpRequest posted(CloudEventBuilder event) {
        return CloudEvents.post(HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/")), event.build()).build();
    }

    @Test
    void deliversDataWithoutAContentTypeAsJsonAsKnativesDispatcherDoes() {
        assertThat(posted(event()).headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(posted(event().withDataContentType("text/plain")).headers().firstValue("Content-Type"))
                .hasValue("text/plain");
        assertThat(posted(event()).headers().firstValue("ce-type")).hasValue("dev.ticketing.order.created");
    }
}
