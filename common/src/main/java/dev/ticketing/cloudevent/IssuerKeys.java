package dev.ticketing.cloudevent;

import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys of the sender issuer, by key id: a JWKS given inline, or fetched from a URI the
 * first time a token needs it and again (at most every {@code jwksRefresh}) when a token names a key
 * it does not hold, as after the issuer rotated its keys. Only public keys are taken.
 */
final class IssuerKeys extends LocatorAdapter<Key> {

    private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);

    private final URI uri;
    private final Path tokenFile;
    private final Path caFile;
    private final long refreshNanos;
    private volatile Map<String, Key> keys;
    private boolean fetched;
    private volatile boolean lastFetchFailed;
    private long fetchedAt;
    private HttpClient client;

    private IssuerKeys(Map<String, Key> keys, URI uri, Path tokenFile, Path caFile, Duration refresh) {
        this.keys = keys;
        this.uri = uri;
        this.tokenFile = tokenFile;
        this.caFile = caFile;
        this.refreshNanos = refresh.toNanos();
    }

    /** The keys these settings name, or null when they name none. */
    static IssuerKeys of(EventAuthProperties settings) {
        if (settings.jwks() != null && !settings.jwks().isBlank()) {
            return new IssuerKeys(parse(settings.jwks()), null, null, null, settings.jwksRefresh());
        }
        if (settings.jwksUri() != null) {
            return new IssuerKeys(null, settings.jwksUri(), settings.jwksTokenFile(), settings.jwksCaFile(),
                    settings.jwksRefresh());
        }
        return null;
    }

    @Override
    protected Key locate(JwsHeader header) {
        String id = header.getKeyId() == null ? "" : header.getKeyId();
        Map<String, Key> held = keys;
        Key key = held == null ? null : find(held, id);
        if (key == null && uri != null) {
            held = refresh();
            key = held == null ? null : find(held, id);
        }
        if (key == null && lastFetchFailed) {
            // the issuer's keys could not be read: no verdict on the token, the sender retries
            throw new IssuerUnreachable();
        }
        if (key == null) {
            throw new UnauthenticatedSender("The sender token is signed by an unknown key");
        }
        return key;
    }

    /** The key named {@code id}, or the only key when the token names none. */
    private static Key find(Map<String, Key> keys, String id) {
        Key key = keys.get(id);
        return key == null && id.isEmpty() && keys.size() == 1 ? keys.values().iterator().next() : key;
    }

    private synchronized Map<String, Key> refresh() {
        if (fetched && System.nanoTime() - fetchedAt < refreshNanos) {
            return keys;
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
            if (tokenFile != null && Files.isReadable(tokenFile)) {
                request.header("Authorization", "Bearer " + Files.readString(tokenFile).trim());
            }
            HttpResponse<String> response = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            keys = parse(response.body());
            lastFetchFailed = false;
        } catch (IOException | RuntimeException | GeneralSecurityException e) {
            // transient: tokens this key set cannot judge are answered 503, which the sender retries
            lastFetchFailed = true;
            log.warn("Cannot fetch the sender issuer's keys from {}: {}", uri, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastFetchFailed = true;
        }
        fetched = true;
        fetchedAt = System.nanoTime();
        return keys;
    }

    private HttpClient client() throws IOException, GeneralSecurityException {
        if (client == null) {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
            if (caFile != null && Files.isReadable(caFile)) {
                builder.sslContext(trusting(caFile));
            }
            client = builder.build();
        }
        return client;
    }

    private static SSLContext trusting(Path caFile) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(caFile)) {
            return PemTrust.of(in);
        }
    }

    private static Map<String, Key> parse(String json) {
        JwkSet set = Jwks.setParser().build().parse(json);
        Map<String, Key> keys = new HashMap<>();
        for (Jwk<?> jwk : set.getKeys()) {
            if (jwk instanceof PublicJwk<?> key) {
                keys.putIfAbsent(key.getId() == null ? "" : key.getId(), key.toKey());
            }
        }
        return Map.copyOf(keys);
    }
}
