package dev.ticketing.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpServersTest {

    @Test
    void choosesDistinctFreePortsBelowTheRangeOutgoingConnectionsTakeTheirsFrom() throws Exception {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int ephemeral = Files.exists(range) ? Integer.parseInt(Files.readAllLines(range).getFirst().trim().split("\\s+")[0])
                : 32768;

        List<Integer> ports = HttpServers.freePorts(20);

        assertThat(ports).doesNotHaveDuplicates().hasSize(20).allSatisfy(port -> assertThat(port).isLessThan(ephemeral));
        for (int port : ports) {
            try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(server.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
