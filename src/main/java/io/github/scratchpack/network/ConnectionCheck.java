package io.github.scratchpack.network;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Finds out what a registry's port speaks before any request carries credentials: verified TLS, TLS that does not
 * verify, plain HTTP, or nothing. That lets the push fail with a precise message instead of falling back blindly.
 * It goes the way the push goes: through the proxies chosen for the registry, in a {@code CONNECT} tunnel.
 *
 * <p>A registry on this machine is first sent a fixed TLS greeting of a few bytes, made here, since most such
 * registries speak plain HTTP: when it answers in plain HTTP, no TLS is set up at all, which saves loading the
 * runtime's CA certificates and the classes of a handshake (about a thousand). Any other answer leads to the real
 * handshake, as for every other registry.
 */
public final class ConnectionCheck {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 5_000;
    private static final String SILENT = "the server hung up on or did not answer the TLS handshake";
    private static final byte[] HTTP = "HTTP/".getBytes(StandardCharsets.US_ASCII);

    private final Supplier<SSLContext> sslContext;
    private final ProxyRoutes proxies;

    /**
     * @param sslContext makes the trust that HTTPS connections to the registry use, when a handshake is tried
     * @param proxies the proxies that connections to the registry go through
     */
    public ConnectionCheck(Supplier<SSLContext> sslContext, ProxyRoutes proxies) {
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
     * server that stays silent or hangs up on the TLS greeting is asked a plain HTTP question next. A registry on
     * this machine that answers a fixed TLS greeting in plain HTTP is taken to speak plain HTTP without a handshake.
     */
    public Result check(RegistryAddress address) {
        if (address.isLoopback() && answersGreetingInPlainHttp(address, proxies.https())) {
            return new Result(Outcome.PLAIN_HTTP, "");
        }
        Result handshake = handshake(address, proxies.https());
        if (handshake.outcome() == Outcome.TLS_FAILED && handshake.detail().equals(SILENT)
                && answersPlainHttp(address, proxies.http())) {
            return new Result(Outcome.PLAIN_HTTP, "");
        }
        return handshake;
    }

    private Result handshake(RegistryAddress address, HttpProxy proxy) {
        try (Socket plain = connect(address, proxy)) {
            try (SSLSocket tls = (SSLSocket) sslContext.get().getSocketFactory()
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
        return answersInPlainHttp(address, proxy, ("GET /v2/ HTTP/1.0\r\nHost: " + address + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Whether the port answers a TLS 1.2 greeting (a ClientHello record without extensions, as every TLS server
     * answers with a TLS record, be it a hello or an alert) in plain HTTP, as a plain HTTP server answers bytes it
     * cannot parse with a 400. Nothing of the JDK's TLS is loaded for it.
     */
    private static boolean answersGreetingInPlainHttp(RegistryAddress address, HttpProxy proxy) {
        return answersInPlainHttp(address, proxy, greeting());
    }

    /**
     * The greeting's bytes. Its random field starts with an empty line ({@code CR LF CR LF}): an HTTP server reads a
     * request up to the first empty line before it answers, so without one the CNCF registry and the JDK's server
     * wait silently until the check gives up; a TLS server reads the random as 32 arbitrary bytes.
     */
    static byte[] greeting() {
        byte[] hello = {
            0x01, 0, 0, 41, // ClientHello, 41 bytes
            0x03, 0x03, // TLS 1.2
            '\r', '\n', '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // random
            0, // no session
            0, 2, (byte) 0xc0, 0x2f, // one cipher suite: ECDHE_RSA_WITH_AES_128_GCM_SHA256
            1, 0, // no compression
        };
        byte[] record = new byte[5 + hello.length];
        record[0] = 0x16; // handshake
        record[1] = 0x03;
        record[2] = 0x01;
        record[4] = (byte) hello.length;
        System.arraycopy(hello, 0, record, 5, hello.length);
        return record;
    }

    private static boolean answersInPlainHttp(RegistryAddress address, HttpProxy proxy, byte[] question) {
        try (Socket socket = connect(address, proxy)) {
            socket.getOutputStream().write(question);
            return Arrays.equals(socket.getInputStream().readNBytes(HTTP.length), HTTP);
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
