package io.github.scratchpack.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The connection check goes the proxy's way, and a proxy that cannot be used is named as the cause. */
class ConnectionCheckProxyTest {
    @Test
    void aProxyThatIsNotRunningIsTheReasonNotTheRegistry() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpProxy proxy = HttpProxy.fromUrl("http://someone:S3cret@127.0.0.1:" + closedPort, "HTTPS_PROXY");
        RegistryAddress registry = RegistryAddress.parse("registry.example:5000");

        ConnectionCheck.Result result = new ConnectionCheck(RegistryTrust.whenUsed(null), new ProxyRoutes(proxy, null))
                .check(registry);

        assertEquals(ConnectionCheck.Outcome.PROXY_FAILED, result.outcome());
        assertTrue(result.detail().startsWith("the proxy 127.0.0.1:" + closedPort + " (from HTTPS_PROXY) cannot be"
                + " reached: ConnectException"), result.detail());
        PushException failure = assertThrows(PushException.class,
                () -> new TransportPolicy(registry, false).transportFor(result));
        assertTrue(failure.getMessage().startsWith("The registry registry.example:5000 cannot be reached (the proxy"
                + " 127.0.0.1:" + closedPort + " (from HTTPS_PROXY) cannot be reached"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("Check the <proxy> in settings.xml, the proxy variables or the"
                + " -D...proxyHost properties, and that the proxy and the registry are running."), failure.getMessage());
        assertTrue(!failure.getMessage().contains("S3cret"), failure.getMessage());
    }
}
