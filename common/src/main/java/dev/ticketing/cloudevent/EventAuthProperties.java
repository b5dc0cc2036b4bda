package dev.ticketing.cloudevent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may send this function events ({@code ticketing.events.auth}): a JWT from {@code issuer}, for
 * {@code audience} (default: the module's name, {@code spring.application.name}), signed by a key of
 * the issuer's JWKS ({@code jwks} inline, or fetched from {@code jwks-uri}, with {@code jwks-token-file}
 * as its Bearer token and {@code jwks-ca-file} as the CA of its TLS certificate), whose {@code sub}
 * matches one of {@code subjects} ({@code *} matches any run of characters). On a cluster the issuer
 * is the cluster's service-account issuer, whose tokens Knative Eventing's OIDC sender identity
 * presents; locally, the local platform. Without an issuer and a key source every event is refused.
 *
 * @param clockSkew       tolerance on {@code exp}, {@code nbf} and {@code iat}
 * @param jwksRefresh     the least time between two fetches of {@code jwks-uri} (a token signed by an
 *                        unknown key fetches it again, at most this often)
 * @param sinkTokenFile   the token this function presents to its event sink (the broker), re-read when
 *                        it changes: Knative's SinkBinding mounts it at {@code /oidc/token}; absent, no
 *                        token is sent
 */
@ConfigurationProperties("ticketing.events.auth")
public record EventAuthProperties(String issuer, String audience, String jwks, URI jwksUri, Path jwksTokenFile,
        Path jwksCaFile, @DefaultValue("*") List<String> subjects, @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("30s") Duration jwksRefresh, @DefaultValue("/oidc/token") Path sinkTokenFile) {

    /** These settings with the audience defaulted to {@code name} when none is set. */
    EventAuthProperties withDefaultAudience(String name) {
        return audience != null && !audience.isBlank() ? this
                : new EventAuthProperties(issuer, name, jwks, jwksUri, jwksTokenFile, jwksCaFile, subjects, clockSkew,
                        jwksRefresh, sinkTokenFile);
    }
}
