package io.github.scratchpack.network;

import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLException;
import org.apache.http.HttpHost;
import org.apache.http.conn.socket.LayeredConnectionSocketFactory;
import org.apache.http.protocol.HttpContext;

/**
 * Refuses every HTTPS connection at once, for a registry known to speak plain HTTP: jib's client starts every call
 * with HTTPS, and this makes it fall back to HTTP without waiting on a server that does not answer TLS.
 */
final class NoTlsSocketFactory implements LayeredConnectionSocketFactory {

    @Override
    public Socket createSocket(HttpContext context) throws SSLException {
        throw refused();
    }

    @Override
    public Socket connectSocket(int timeout, Socket socket, HttpHost host, InetSocketAddress remote, InetSocketAddress local,
                                HttpContext context) throws SSLException {
        throw refused();
    }

    @Override
    public Socket createLayeredSocket(Socket socket, String target, int port, HttpContext context) throws SSLException {
        throw refused();
    }

    private static SSLException refused() {
        return new SSLException("The registry speaks plain HTTP; HTTPS is not tried");
    }
}
