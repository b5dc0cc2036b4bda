package dev.ticketing.auth.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

    static MockHttpServletRequest request(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        for (String line : forwardedFor) {
            request.addHeader("X-Forwarded-For", line);
        }
        return request;
    }

    @Test
    void trustsNoForwardedHeaderByDefault() {
        ClientAddress address = new ClientAddress(null, 0);

        assertThat(address.of(request("192.0.2.1", "203.0.113.9"))).isEqualTo("192.0.2.1");
    }

    @Test
    void takesTheEntryTheOutermostTrustedProxySawIgnoringWhatTheClientPrepended() {
        ClientAddress oneProxy = new ClientAddress(null, 1);
        ClientAddress twoProxies = new ClientAddress(null, 2);

        assertThat(oneProxy.of(request("10.0.0.2", "6.6.6.6, 203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(oneProxy.of(request("10.0.0.2", "6.6.6.6", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(twoProxies.of(request("10.0.0.3", "6.6.6.6, 203.0.113.9, 10.0.0.2"))).isEqualTo("203.0.113.9");
        assertThat(twoProxies.of(request("10.0.0.3", "203.0.113.9"))).isEqualTo("10.0.0.3");
    }

    @Test
    void readsANamedHeaderOnlyWhenConfigured() {
        MockHttpServletRequest request = request("10.0.0.2");
        request.addHeader("X-Envoy-External-Address", "203.0.113.9");

        assertThat(new ClientAddress("X-Envoy-External-Address", 0).of(request)).isEqualTo("203.0.113.9");
        assertThat(new ClientAddress(null, 0).of(request)).isEqualTo("10.0.0.2");
    }
}
