package dev.ticketing.cloudevent;

import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of an HTTP client that only ever speaks plain {@code http://} (the broker ingress a
 * Knative SinkBinding injects, the local platform's broker). The JDK's {@code HttpClient} otherwise
 * initialises the default TLS context at construction, JSSE and the trust store included, even if it
 * never opens a TLS connection: about 100 ms of a function's cold start, measured in
 * {@code bench/RESULTS.md}. Any attempt to use TLS through it fails with
 * {@link UnsupportedOperationException}, so a misconfigured client fails loudly instead of talking
 * TLS without a trust store.
 */
final class NoTlsContext extends SSLContext {

    static final NoTlsContext INSTANCE = new NoTlsContext();

    private NoTlsContext() {
        super(new Spi(), null, "none");
    }

    private static final class Spi extends SSLContextSpi {

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return new SSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return new SSLParameters();
        }

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("this HTTP client speaks plain http:// only");
        }
    }
}
