package io.github.scratchpack.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.scratchpack.testing.LocalRegistry;
import io.github.scratchpack.testing.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixed TLS greeting of the connection check gets an answer at once from real servers: a plain HTTP server
 * answers it in HTTP, a TLS server with a TLS record. A server that kept silent would cost every push the check's
 * whole timeout.
 */
class ConnectionCheckGreetingTest {
    private static final int ANSWER_TIMEOUT_MILLIS = 2_000;

    @TempDir
    Path dir;

    @Test
    void thePlainHttpRegistryAnswersTheGreetingInHttp() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            String answer = new String(firstBytes(registry.address(), 12), StandardCharsets.ISO_8859_1);
            assertEquals("HTTP/1.1 400", answer);
        }
    }

    @Test
    void theJdkHttpServerAnswersTheGreetingInHttp() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        try {
            String answer = new String(firstBytes("127.0.0.1:" + server.getAddress().getPort(), 5),
                    StandardCharsets.ISO_8859_1);
            assertEquals("HTTP/", answer);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theTlsRegistryAnswersTheGreetingWithATlsRecord() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir.resolve("certificates"));
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"), null, null, certificates)) {
            byte[] answer = firstBytes(registry.address(), 3);
            assertTrue(answer[0] == 0x15 || answer[0] == 0x16, "not a TLS alert or handshake record: " + answer[0]);
            assertEquals(0x03, answer[1], "not a TLS record version");
        }
    }

    private static byte[] firstBytes(String address, int count) throws IOException {
        int colon = address.lastIndexOf(':');
        try (Socket socket = new Socket(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))) {
            socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
            socket.getOutputStream().write(ConnectionCheck.greeting());
            InputStream in = socket.getInputStream();
            try {
                byte[] answer = in.readNBytes(count);
                assertEquals(count, answer.length, "the server hung up on the greeting");
                return answer;
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server at " + address + " kept silent on the greeting for "
                        + ANSWER_TIMEOUT_MILLIS + " ms", e);
            }
        }
    }
}
