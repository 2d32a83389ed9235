package io.github.scratchpack.network;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Finds out what a registry's port speaks before any request carries credentials: verified TLS, TLS that does not
 * verify, plain HTTP, or nothing. That lets the push fail with a precise message instead of falling back blindly.
 * It goes the way the push goes: through the proxies chosen for the registry, in a {@code CONNECT} tunnel.
 */
public final class ConnectionCheck {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 5_000;
    private static final String SILENT = "the server hung up on or did not answer the TLS handshake";

    private final SSLContext sslContext;
    private final ProxyRoutes proxies;

    /**
     * @param sslContext the trust that HTTPS connections to the registry use
     * @param proxies the proxies that connections to the registry go through
     */
    public ConnectionCheck(SSLContext sslContext, ProxyRoutes proxies) {
        this.sslContext = sslContext;
        this.proxies = proxies;
    }

    /** What a handshake showed. */
    public enum Outcome {
        /** The registry speaks TLS with a certificate that verifies for its name. */
        VERIFIED_TLS,
        /** The registry speaks TLS, but the handshake failed, usually on the certificate. */
        TLS_FAILED,
        /** The registry answered the TLS greeting in plain text: it speaks plain HTTP. */
        PLAIN_HTTP,
        /** Nothing answered. */
        UNREACHABLE,
        /** The proxy could not be reached, or did not open a tunnel to the registry. */
        PROXY_FAILED
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
        Result handshake = handshake(address, proxies.https());
        if (handshake.outcome() == Outcome.TLS_FAILED && handshake.detail().equals(SILENT)
                && answersPlainHttp(address, proxies.http())) {
            return new Result(Outcome.PLAIN_HTTP, "");
        }
        return handshake;
    }

    private Result handshake(RegistryAddress address, HttpProxy proxy) {
        try (Socket plain = connect(address, proxy)) {
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
        } catch (ProxyTunnel.RefusedException e) {
            return new Result(Outcome.PROXY_FAILED, e.getMessage());
        } catch (IOException e) {
            if (proxy != null) {
                return new Result(Outcome.PROXY_FAILED, "the proxy " + proxy + " cannot be reached: "
                        + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return new Result(Outcome.UNREACHABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Socket connect(RegistryAddress address, HttpProxy proxy) throws IOException {
        return ProxyTunnel.open(address.host(), address.httpsPort(), proxy, CONNECT_TIMEOUT_MILLIS,
                HANDSHAKE_TIMEOUT_MILLIS);
    }

    private static boolean answersPlainHttp(RegistryAddress address, HttpProxy proxy) {
        try (Socket socket = connect(address, proxy)) {
            socket.getOutputStream().write(("GET /v2/ HTTP/1.0\r\nHost: " + address + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] start = socket.getInputStream().readNBytes(5);
            return new String(start, StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean plainText(SSLException e) {
        return String.valueOf(e.getMessage()).contains("Unsupported or unrecognized SSL message");
    }

    private static boolean hungUp(SSLException e) {
        return Causes.find(e, EOFException.class).isPresent()
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
