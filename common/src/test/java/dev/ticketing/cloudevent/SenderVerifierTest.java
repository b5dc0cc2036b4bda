package dev.ticketing.cloudevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ticketing.testing.TestSenders;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sender check on its own: which tokens a function accepts, and where it finds the issuer's keys. */
class SenderVerifierTest {

    HttpServer issuer;

    @AfterEach
    void stop() {
        if (issuer != null) {
            issuer.stop(0);
        }
    }

    static EventAuthProperties settings(String jwks, URI jwksUri, List<String> subjects) {
        return new EventAuthProperties(TestSenders.ISSUER, TestSenders.AUDIENCE, jwks, jwksUri, null, null, subjects,
                Duration.ofSeconds(60), Duration.ofMinutes(5), null);
    }

    @Test
    void acceptsATokenOfTheIssuerForThisAudienceAndReturnsItsSubject() {
        SenderVerifier verifier = new SenderVerifier(settings(TestSenders.jwks(), null, List.of(TestSenders.SUBJECTS)));

        assertThat(verifier.verify("Bearer " + TestSenders.token())).isEqualTo(TestSenders.SUBJECT);
        assertThat(verifier.verify("bearer " + TestSenders.token())).isEqualTo(TestSenders.SUBJECT);
    }

    @Test
    void refusesMissingForeignExpiredAndForgedTokens() {
        SenderVerifier verifier = new SenderVerifier(settings(TestSenders.jwks(), null, List.of(TestSenders.SUBJECTS)));

        for (String header : new String[] {null, "", "Basic dXNlcjpwYXNz", "Bearer ", "Bearer x.y.z",
                "Bearer " + TestSenders.forAnotherAudience(), "Bearer " + TestSenders.fromAnotherIssuer(),
                "Bearer " + TestSenders.signedWithAnotherKey(), "Bearer " + TestSenders.expired(),
                "Bearer " + TestSenders.ofAnotherSubject(), "Bearer " + TestSenders.hmacWithThePublicKey()}) {
            assertThatThrownBy(() -> verifier.verify(header)).as(String.valueOf(header))
                    .isInstanceOf(UnauthenticatedSender.class);
        }
    }

    @Test
    void subjectPatternsMatchWholeSubjectsOnly() {
        SenderVerifier exact = new SenderVerifier(settings(TestSenders.jwks(), null,
                List.of("system:serviceaccount:ticketing:oidc-trigger")));
        SenderVerifier prefix = new SenderVerifier(settings(TestSenders.jwks(), null,
                List.of("system:serviceaccount:ticketing:oidc-*")));

        assertThat(exact.verify("Bearer " + TestSenders.token())).isEqualTo(TestSenders.SUBJECT);
        assertThat(prefix.verify("Bearer " + TestSenders.token())).isEqualTo(TestSenders.SUBJECT);
        assertThatThrownBy(() -> exact.verify("Bearer " + TestSenders.token(TestSenders.AUDIENCE,
                "system:serviceaccount:ticketing:oidc-trigger-2"))).isInstanceOf(UnauthenticatedSender.class);
        assertThatThrownBy(() -> prefix.verify("Bearer " + TestSenders.token(TestSenders.AUDIENCE,
                "xsystem:serviceaccount:ticketing:oidc-a"))).isInstanceOf(UnauthenticatedSender.class);
    }

    @Test
    void withoutAnIssuerOrKeysEveryEventIsRefused() {
        SenderVerifier noKeys = new SenderVerifier(settings(null, null, List.of("*")));
        SenderVerifier noIssuer = new SenderVerifier(new EventAuthProperties(null, TestSenders.AUDIENCE,
                TestSenders.jwks(), null, null, null, List.of("*"), Duration.ZERO, Duration.ZERO, null));

        assertThatThrownBy(() -> noKeys.verify("Bearer " + TestSenders.token()))
                .isInstanceOf(UnauthenticatedSender.class).hasMessageContaining("no sender issuer");
        assertThatThrownBy(() -> noIssuer.verify("Bearer " + TestSenders.token()))
                .isInstanceOf(UnauthenticatedSender.class);
    }

    @Test
    void fetchesTheIssuersKeysOnceWithTheTokenFileAndAgainOnlyAfterTheRefreshInterval() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        AtomicReference<String> authorization = new AtomicReference<>();
        AtomicReference<String> served = new AtomicReference<>(TestSenders.jwksWithoutTheSigningKey());
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer.createContext("/openid/v1/jwks", exchange -> {
            fetches.incrementAndGet();
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        issuer.start();
        java.nio.file.Path tokenFile = java.nio.file.Files.createTempFile("sa-token", "");
        java.nio.file.Files.writeString(tokenFile, "pod-token\n");
        URI uri = URI.create("http://127.0.0.1:" + issuer.getAddress().getPort() + "/openid/v1/jwks");
        SenderVerifier verifier = new SenderVerifier(new EventAuthProperties(TestSenders.ISSUER, TestSenders.AUDIENCE,
                null, uri, tokenFile, null, List.of("*"), Duration.ofSeconds(60), Duration.ofMillis(300), null));

        // the issuer has not published the key yet: refused (401), and a second token does not fetch again at once
        assertThatThrownBy(() -> verifier.verify("Bearer " + TestSenders.token()))
                .isInstanceOf(UnauthenticatedSender.class);
        assertThatThrownBy(() -> verifier.verify("Bearer " + TestSenders.token()))
                .isInstanceOf(UnauthenticatedSender.class);
        assertThat(fetches).hasValue(1);
        assertThat(authorization).hasValue("Bearer pod-token");

        served.set(TestSenders.jwks()); // the key appears (a rotation)
        Thread.sleep(400);
        assertThat(verifier.verify("Bearer " + TestSenders.token())).isEqualTo(TestSenders.SUBJECT);
        assertThat(verifier.verify("Bearer " + TestSenders.token())).isEqualTo(TestSenders.SUBJECT);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aKeySetThatCannotBeFetchedIsATransientFailureNotARefusal() throws Exception {
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer.createContext("/openid/v1/jwks", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        issuer.start();
        URI uri = URI.create("http://127.0.0.1:" + issuer.getAddress().getPort() + "/openid/v1/jwks");
        SenderVerifier verifier = new SenderVerifier(settings(null, uri, List.of("*")));

        assertThatThrownBy(() -> verifier.verify("Bearer " + TestSenders.token()))
                .isInstanceOf(IssuerUnreachable.class);
        // an unsigned request is refused whatever the issuer's state
        assertThatThrownBy(() -> verifier.verify(null)).isInstanceOf(UnauthenticatedSender.class);
    }
}
