package dev.ticketing.charge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.payment.stripe.MissingStripeKey;
import dev.ticketing.testing.EmbeddedServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ChargeStartupTest {

    @Test
    void refusesToStartWithoutAStripeKeyAndSaysWhatToSet(CapturedOutput output) {
        assertThatThrownBy(() -> SpringApplication.run(ChargeApplication.class, "--STRIPE_KEY=", "--server.port=0",
                "--spring.mongodb.uri=" + EmbeddedServers.mongoUri(), "--spring.main.banner-mode=off"))
                .hasRootCauseInstanceOf(MissingStripeKey.class);

        assertThat(output).contains("APPLICATION FAILED TO START").contains("STRIPE_KEY is not set")
                .contains("Set STRIPE_KEY to the Stripe secret key");
    }
}
