package io.github.scratchpack.registry;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Finds out what a registry's port speaks before any request carries credentials: verified TLS, TLS that does not
 * verify, plain HTTP, or nothing. That lets the push fail with a precise message instead of falling back blindly.
 */
public final class ConnectionCheck {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 5_000;
    private static final String SILENT = "the server hung up on or did not answer the TLS handshake";

    private final SSLContext sslContext;

    /** @param sslContext the trust that HTTPS connections to the registry use */
    public ConnectionCheck(SSLContext sslContext) {
        this.sslContext = sslContext;
    }

    /** What a handshake showed. */
    public enum Outcome {
        /** The registry speaks TLS with a certificate that verifies for its name. */
        VERIFIED_TLS,
        /** The registry speaks TLS, but the handshake failed, usually on the certificate. */
        TLS_FAILED,
        /** The registry answered the TLS greeting in plain text: it speaks plain HTTP. */
        PLAIN_HTTP,
        /** The registry is reached through a proxy, so a direct handshake would tell nothing. */
        NOT_CHECKED,
        /** Nothing answered. */
        UNREACHABLE
    }

    /**
     * The outcome and, for failures, the reason.
     *
     * @param outcome what the handshake showed
     * @param detail why it failed, or empty
     */
    public record Result(Outcome outcome, String detail) {
    }

    /**
     * Connects to the registry's HTTPS port and tries a TLS handshake that checks the certificate and host name. A
     * server that stays silent or hangs up on the TLS greeting is asked a plain HTTP question next.
     */
    public Result check(RegistryAddress address) {
        if (throughProxy(address)) {
            return new Result(Outcome.NOT_CHECKED, "");
        }
        Result handshake = handshake(address);
        if (handshake.outcome() == Outcome.TLS_FAILED && handshake.detail().equals(SILENT) && answersPlainHttp(address)) {
            return new Result(Outcome.PLAIN_HTTP, "");
        }
        return handshake;
    }

    private Result handshake(RegistryAddress address) {
        try (Socket plain = connect(address)) {
            try (SSLSocket tls = (SSLSocket) sslContext.getSocketFactory()
                    .createSocket(plain, address.host(), address.httpsPort(), false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                return new Result(Outcome.VERIFIED_TLS, "");
            } catch (SSLException e) {
                if (plainText(e)) {
                    return new Result(Outcome.PLAIN_HTTP, "");
                }
                return new Result(Outcome.TLS_FAILED, hungUp(e) ? SILENT : reason(e));
            } catch (SocketTimeoutException e) {
                return new Result(Outcome.TLS_FAILED, SILENT);
            }
        } catch (IOException e) {
            return new Result(Outcome.UNREACHABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Socket connect(RegistryAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address.host(), address.httpsPort()), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static boolean answersPlainHttp(RegistryAddress address) {
        try (Socket socket = connect(address)) {
            socket.getOutputStream().write(("GET /v2/ HTTP/1.0\r\nHost: " + address + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] start = socket.getInputStream().readNBytes(5);
            return new String(start, StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean throughProxy(RegistryAddress address) {
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return false;
        }
        List<Proxy> proxies = selector.select(URI.create("https://" + address.host() + ":" + address.httpsPort() + "/"));
        return proxies.stream().anyMatch(proxy -> proxy.type() != Proxy.Type.DIRECT);
    }

    private static boolean plainText(SSLException e) {
        return String.valueOf(e.getMessage()).contains("Unsupported or unrecognized SSL message");
    }

    private static boolean hungUp(SSLException e) {
        return RegistryResponses.find(e, EOFException.class).isPresent()
                || String.valueOf(e.getMessage()).contains("Remote host terminated the handshake");
    }

    private static String reason(SSLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException) {
                return "its certificate is not trusted (" + cause.getMessage() + ")";
            }
        }
        return String.valueOf(e.getMessage());
    }
}
