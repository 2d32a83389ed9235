package io.github.scratchpack.smoketest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListeningSocketTest {
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    @Test
    void readsListeningSocketsOfBothFamiliesAndSkipsConnections(@TempDir Path process) throws Exception {
        Files.createDirectories(process.resolve("net"));
        Files.writeString(process.resolve("net/tcp"), HEADER
                + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 65532 0 1 1\n"
                + "   1: 2400580A:1F90 0100580A:AD72 06 00000000:00000000 03:0000176A 00000000     0 0 0 3\n");
        Files.writeString(process.resolve("net/tcp6"), HEADER
                + "   0: 00000000000000000000000001000000:2382 00000000000000000000000000000000:0000 0A 0 0 0 0 0 1 1\n"
                + "   1: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 0 0 0 0 0 1 1\n"
                + "   2: 0000000000000000FFFF00000100007F:1F91 00000000000000000000000000000000:0000 0A 0 0 0 0 0 1 1\n");
        List<ListeningSocket> sockets = ListeningSocket.of(process, false);
        assertEquals(List.of(new ListeningSocket("127.0.0.1", 8080), new ListeningSocket("::1", 9090),
                new ListeningSocket("::", 80), new ListeningSocket("::ffff:127.0.0.1", 8081)), sockets);
        assertTrue(sockets.get(0).loopback());
        assertTrue(sockets.get(1).loopback());
        assertFalse(sockets.get(2).loopback());
        assertTrue(sockets.get(3).loopback());
        assertEquals("[::1]:9090", sockets.get(1).toString());
    }

    @Test
    void inTheHostsNetworkOnlyTheSocketsTheProcessHoldsCount(@TempDir Path process) throws Exception {
        Files.createDirectories(process.resolve("net"));
        Files.writeString(process.resolve("net/tcp"), HEADER
                + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 65532 0 4711 1\n"
                + "   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0 0 815 1\n");
        Files.createDirectories(process.resolve("fd"));
        Files.createSymbolicLink(process.resolve("fd/0"), Path.of("/dev/null"));
        Files.createSymbolicLink(process.resolve("fd/3"), Path.of("socket:[4711]"));

        assertEquals(List.of(new ListeningSocket("127.0.0.1", 8080)), ListeningSocket.of(process, true),
                "the host's sshd on 0.0.0.0:22 is not the service's");
        assertEquals(2, ListeningSocket.of(process, false).size());
    }
}
