package dev.ticketing.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testing.FakeStripe;
import dev.ticketing.testing.HttpApi;
import dev.ticketing.testing.HttpApi.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link FakeStripe} promises beyond what stripe-java exercises (see StripePaymentProviderTest). */
class FakeStripeTest {

    static FakeStripe stripe;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        stripe = FakeStripe.start();
    }

    @AfterAll
    static void stop() {
        stripe.close();
    }

    @BeforeEach
    void reset() {
        stripe.reset();
    }

    HttpResponse<String> post(String path, String form, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripe.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static final String PAY = "amount=2000&currency=usd&confirm=true&payment_method=pm_card_visa";

    @Test
    void refusesCallsWithoutASecretKeyAndTakesBearerOrBasic() throws Exception {
        assertThat(post("/v1/payment_intents", PAY).statusCode()).isEqualTo(401);
        assertThat(post("/v1/payment_intents", PAY, "Authorization", "Bearer pk_test_x").statusCode()).isEqualTo(401);
        assertThat(post("/v1/payment_intents", PAY, "Authorization", "Bearer sk_test_fake").statusCode())
                .isEqualTo(200);
        assertThat(post("/v1/payment_intents", PAY, "Authorization", "Basic c2tfdGVzdF9mYWtlOg==").statusCode())
                .isEqualTo(200);
    }

    @Test
    void refusesAnIdempotencyKeyReusedWithOtherParameters() throws Exception {
        HttpResponse<String> first = post("/v1/payment_intents", PAY, "Authorization", "Bearer sk_test_fake",
                "Idempotency-Key", "k1");
        HttpResponse<String> replay = post("/v1/payment_intents", PAY, "Authorization", "Bearer sk_test_fake",
                "Idempotency-Key", "k1");
        HttpResponse<String> other = post("/v1/payment_intents", PAY.replace("2000", "3000"), "Authorization",
                "Bearer sk_test_fake", "Idempotency-Key", "k1");

        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains("\"type\":\"idempotency_error\"");
        assertThat(stripe.paymentIntents()).hasSize(1);
    }

    @Test
    void isControlledOverHttpWhenRunAsAProcess() throws Exception {
        HttpApi api = new HttpApi(stripe.url());

        assertThat(api.post("/_fake/mode/server_error", "").status()).isEqualTo(200);
        assertThat(post("/v1/payment_intents", PAY, "Authorization", "Bearer sk_test_fake").statusCode())
                .isEqualTo(500);
        assertThat(api.post("/_fake/mode/normal", "").status()).isEqualTo(200);
        assertThat(post("/v1/payment_intents", PAY, "Authorization", "Bearer sk_test_fake").statusCode())
                .isEqualTo(200);
        Response listed = api.get("/_fake/payment_intents");
        assertThat(listed.json().get("data")).hasSize(1);
        assertThat(api.post("/_fake/reset", "").status()).isEqualTo(200);
        assertThat(stripe.paymentIntents()).isEmpty();
        assertThat(api.post("/_fake/mode/unreachable", "").status()).isEqualTo(400);
    }
}
