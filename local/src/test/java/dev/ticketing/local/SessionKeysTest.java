package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionKeysTest {

    @TempDir
    Path data;

    @Test
    void generatesAnEd25519PairOnceInFilesOnlyTheOwnerCanRead() throws Exception {
        Files.writeString(data.resolve("jwt-key"), "an old shared secret");

        SessionKeys first = SessionKeys.of(null, null, data);
        SessionKeys again = SessionKeys.of(null, null, data);

        assertThat(first).isEqualTo(again);
        // the pair the functions read: an Ed25519 private key whose signatures the public key verifies
        java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
        signer.initSign(dev.ticketing.auth.SessionKeys.privateKey(first.privateKey()));
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
        verifier.initVerify(dev.ticketing.auth.SessionKeys.publicKey(first.publicKey()));
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
        for (String file : new String[] {SessionKeys.PRIVATE_FILE, SessionKeys.PUBLIC_FILE}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(file))))
                    .isEqualTo("rw-------");
        }
        assertThat(data.resolve("jwt-key")).doesNotExist();
    }

    @Test
    void takesThePairFromTheEnvironmentAndWritesNothing() {
        assertThat(SessionKeys.of("pub", "priv", data)).isEqualTo(new SessionKeys("pub", "priv"));
        assertThat(data.resolve(SessionKeys.PRIVATE_FILE)).doesNotExist();
    }
}
