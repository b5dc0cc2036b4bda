package dev.ticketing.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the Ed25519 session keys from configuration: PEM as {@code openssl} writes it, or the bare
 * base64 of the same DER bytes (X.509 SubjectPublicKeyInfo for the public key, PKCS#8 for the private one). Keys come from the environment (Kubernetes secrets), never from files in the repository.
 */
public final class SessionKeys {

    static final String HOW = "for example: openssl genpkey -algorithm ed25519 -out session.pem; "
            + "JWT_PRIVATE_KEY=\"$(cat session.pem)\" JWT_PUBLIC_KEY=\"$(openssl pkey -in session.pem -pubout)\"";

    private SessionKeys() {
    }

    public static PublicKey publicKey(String text) {
        byte[] der = der(text, "JWT_PUBLIC_KEY", "the Ed25519 public key that verifies session tokens");
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("JWT_PUBLIC_KEY is not an Ed25519 public key (X.509, PEM or base64); "
                    + HOW, e);
        }
    }

    public static PrivateKey privateKey(String text) {
        byte[] der = der(text, "JWT_PRIVATE_KEY", "the Ed25519 private key that signs session tokens");
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("JWT_PRIVATE_KEY is not an Ed25519 private key (PKCS#8, PEM or base64); "
                    + HOW, e);
        }
    }

    private static byte[] der(String text, String variable, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalStateException(variable + " must be set to " + what + "; " + HOW);
        }
        String base64 = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + " is neither PEM nor base64; " + HOW, e);
        }
    }
}
