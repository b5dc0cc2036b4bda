package dev.ticketing.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;

/**
 * The bench's Ed25519 keys and the JWTs it signs with them (bench only, never deployed). A key pair
 * is derived from a fixed seed: every bench process that names the same seed (the servers, the
 * training workload, the benchmark) gets the same pair, so they agree on it without sharing a file.
 * Anyone who reads this code can sign with these keys: they sign only what the bench sends to the
 * functions it starts itself.
 */
final class Ed25519 {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Ed25519() {
    }

    /** The key pair of {@code seed}: the same pair for the same seed, in every process. */
    static KeyPair seeded(String seed) {
        try {
            // SHA1PRNG seeded before its first use is deterministic (unlike the default SecureRandom)
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed.getBytes(StandardCharsets.UTF_8));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A compact JWS of {@code header} and {@code payload} (JSON) signed with {@code key}; the header names EdDSA. */
    static String jwt(PrivateKey key, String header, String payload) {
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
