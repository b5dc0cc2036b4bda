package dev.ticketing.cloudevent;

import io.cloudevents.http.HttpMessageFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * Publishes binary-mode CloudEvents over HTTP (written by the SDK's HTTP binding) to {@code K_SINK}, the
 * broker URL a Knative SinkBinding injects (or the local platform's broker), presenting the token in
 * {@code tokenFile} when there is one (the SinkBinding's {@code /oidc/token}, which Knative renews: re-read
 * when it changes). Any 2xx is an acknowledgement.
 */
class HttpSinkPublisher implements EventPublisher {

    private final URI sink;
    private final HttpClient client;
    private final Duration timeout;
    private final SinkToken token;

    HttpSinkPublisher(URI sink, Duration timeout, Path tokenFile) {
        this(sink, timeout, tokenFile, null);
    }

    /**
     * @param caCerts PEM CA bundle an {@code https} sink's certificate is checked against instead of the
     *                JDK's trust store: Knative's {@code K_CA_CERTS} under Eventing's transport encryption
     */
    HttpSinkPublisher(URI sink, Duration timeout, Path tokenFile, String caCerts) {
        this.sink = sink;
        this.timeout = timeout;
        this.token = new SinkToken(tokenFile);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1);
        if ("http".equalsIgnoreCase(sink.getScheme())) {
            builder.sslContext(NoTlsContext.INSTANCE); // no TLS set-up for a plain-http broker (cold start)
        } else if (caCerts != null && !caCerts.isBlank()) {
            try {
                builder.sslContext(PemTrust.of(caCerts));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("K_CA_CERTS holds no usable CA certificate: " + e.getMessage(), e);
            }
        }
        this.client = builder.build();
    }

    @Override
    public void publish(OutgoingEvent event) {
        HttpRequest.Builder request = HttpRequest.newBuilder(sink).timeout(timeout);
        token.current().ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpMessageFactory.createWriter(request::header, body -> request.POST(body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)))
                .writeBinary(KafkaEventPublisher.toCloudEvent(event));
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new PublishFailed("Broker at " + sink + " answered " + response.statusCode() + " for "
                        + event.type() + " " + event.id(), null);
            }
        } catch (IOException e) {
            throw new PublishFailed("Broker at " + sink + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailed("Interrupted while publishing " + event.id(), e);
        }
    }

    @Override
    public String describe() {
        return "HTTP sink " + sink;
    }
}
