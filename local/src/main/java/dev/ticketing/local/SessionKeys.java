package dev.ticketing.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The Ed25519 key pair of session tokens ({@code JWT_PUBLIC_KEY} for every function, {@code JWT_PRIVATE_KEY}
 * for signup and signin only): both from the environment when both are set; otherwise generated once and
 * kept, as the base64 of their DER bytes (the form the functions read), in {@code session-key} and
 * {@code session-key.pub} of the data directory, created readable and writable by their owner only
 * (0600), or kept in memory only when there is no data directory.
 */
record SessionKeys(String publicKey, String privateKey) {

    static final String PRIVATE_FILE = "session-key";
    static final String PUBLIC_FILE = "session-key.pub";

    static SessionKeys of(String publicKey, String privateKey, Path data) {
        if (publicKey != null && privateKey != null) {
            return new SessionKeys(publicKey, privateKey);
        }
        try {
            if (data != null) {
                // the shared HS256 key of earlier versions, world-readable: no longer used
                Files.deleteIfExists(data.resolve("jwt-key"));
                Path privateFile = data.resolve(PRIVATE_FILE);
                Path publicFile = data.resolve(PUBLIC_FILE);
                if (Files.isRegularFile(privateFile) && Files.isRegularFile(publicFile)) {
                    return new SessionKeys(Files.readString(publicFile), Files.readString(privateFile));
                }
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            SessionKeys generated = new SessionKeys(base64.encodeToString(pair.getPublic().getEncoded()),
                    base64.encodeToString(pair.getPrivate().getEncoded()));
            if (data != null) {
                Files.createDirectories(data);
                writeOwnerOnly(data.resolve(PRIVATE_FILE), generated.privateKey());
                writeOwnerOnly(data.resolve(PUBLIC_FILE), generated.publicKey());
            }
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates {@code file} with mode 0600 from the start: there is no moment when others could read it. */
    static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
    }
}
