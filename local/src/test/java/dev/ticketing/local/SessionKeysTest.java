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
        assertThat(first.privateKey()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(first.publicKey()).startsWith("-----BEGIN PUBLIC KEY-----");
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
