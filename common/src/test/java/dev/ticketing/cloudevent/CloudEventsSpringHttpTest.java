package dev.ticketing.cloudevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.spring.http.CloudEventHttpUtils;
import io.cloudevents.spring.messaging.CloudEventMessageConverter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Why incoming events are read with cloudevents-spring's message converter and not its HTTP helpers:
 * on Spring Framework 7 {@code HttpHeaders} is no longer a {@code Map}, and the helpers, compiled
 * against one, cannot even be loaded (cloudevents/sdk-java#704). When this test fails, the upstream
 * fix has landed and the helpers may be used.
 */
class CloudEventsSpringHttpTest {

    @Test
    void theHttpHelpersCannotRunOnSpring7() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("ce-specversion", "1.0");
        headers.set("ce-id", "1");
        headers.set("ce-type", "t");
        headers.set("ce-source", "/s");

        assertThatThrownBy(() -> CloudEventHttpUtils.fromHttp(headers)).isInstanceOf(LinkageError.class);
    }

    @Test
    void theMessageConverterReadsABinaryModeEvent() {
        CloudEvent event = (CloudEvent) new CloudEventMessageConverter().fromMessage(MessageBuilder.createMessage(
                "{}".getBytes(StandardCharsets.UTF_8), new MessageHeaders(Map.of("ce-specversion", "1.0", "ce-id", "1",
                        "ce-type", "t", "ce-source", "/s"))), CloudEvent.class);

        assertThat(event.getType()).isEqualTo("t");
    }
}
