package io.github.scratchpack.network;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Opens a TCP connection to a registry, directly or through a forward proxy's {@code CONNECT} tunnel, so that what is
 * sent over it next (a TLS handshake, a plain HTTP request) reaches the registry as over a direct connection.
 */
final class ProxyTunnel {
    private static final int MAX_HEAD_BYTES = 16 * 1024;

    private ProxyTunnel() {
    }

    /** Why a proxy did not open a tunnel. The message names the proxy, never its credentials. */
    static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    /**
     * Connects to the registry.
     *
     * @param host the registry's host
     * @param port the registry's port
     * @param proxy the proxy to tunnel through, or {@code null} for a direct connection
     * @param connectTimeoutMillis how long connecting may take
     * @param readTimeoutMillis how long each read may wait, also for the proxy's answer
     * @return the connected socket
     * @throws RefusedException when the proxy answers {@code CONNECT} with anything but 200
     * @throws IOException when the registry or the proxy cannot be reached
     */
    static Socket open(String host, int port, HttpProxy proxy, int connectTimeoutMillis, int readTimeoutMillis)
            throws IOException {
        Socket socket = new Socket();
        try {
            if (proxy == null) {
                socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
                socket.setSoTimeout(readTimeoutMillis);
                return socket;
            }
            socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            String target = host + ":" + port;
            StringBuilder request = new StringBuilder("CONNECT ").append(target).append(" HTTP/1.1\r\nHost: ")
                    .append(target).append("\r\n");
            if (proxy.hasCredentials()) {
                request.append("Proxy-Authorization: ").append(proxy.basicAuthorization()).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String statusLine = statusLine(socket.getInputStream(), proxy);
            String[] parts = statusLine.split(" ", 3);
            String status = parts.length > 1 ? parts[1] : "";
            if (status.equals("200")) {
                return socket;
            }
            throw new RefusedException(status.equals("407")
                    ? "the proxy " + proxy + (proxy.hasCredentials() ? " rejected its user name and password"
                            : " asks for a user name and password, and none were given")
                    : "the proxy " + proxy + " refused to open a tunnel to " + target + ": " + statusLine);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Reads the proxy's answer head and returns its first line. */
    private static String statusLine(InputStream in, HttpProxy proxy) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (head.size() < MAX_HEAD_BYTES) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.write(next);
            if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n");
        if (!text.startsWith("HTTP/") || end < 0) {
            throw new RefusedException("the proxy " + proxy + " did not answer CONNECT in HTTP");
        }
        return text.substring(0, end);
    }
}
