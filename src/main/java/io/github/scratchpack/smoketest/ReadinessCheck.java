package io.github.scratchpack.smoketest;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How one exposed port shows that the service is ready: a TCP connection, or an HTTP(S) GET of a path answered with
 * an expected status.
 *
 * @param port the container port
 * @param scheme {@code tcp}, {@code http} or {@code https}
 * @param path the path to GET, starting with {@code /}; unused for {@code tcp}
 * @param status the statuses that count as ready: codes and classes such as {@code 200} or {@code 2xx}, separated
 *     by commas
 */
public record ReadinessCheck(int port, String scheme, String path, String status) {
    private static final int PROBE_TIMEOUT_MILLIS = 2000;
    private static final String DEFAULT_STATUS = "2xx,3xx";

    /**
     * A check as the POM gives it.
     *
     * @param port the container port
     * @param path a path to GET, or {@code null} for a TCP connection
     * @param https whether the GET uses TLS
     * @param status the expected statuses, or {@code null} for any 2xx or 3xx
     * @throws IllegalArgumentException with a message for the user when a value is not valid
     */
    public static ReadinessCheck of(int port, String path, boolean https, String status) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The readiness check's port " + port + " is out of range; ports are 1 to 65535.");
        }
        if (path == null || path.isBlank()) {
            return new ReadinessCheck(port, "tcp", null, null);
        }
        String statuses = status == null || status.isBlank() ? DEFAULT_STATUS : status.replace(" ", "").toLowerCase(Locale.ROOT);
        for (String expected : statuses.split(",")) {
            if (!expected.matches("[1-5](\\d\\d|xx)")) {
                throw new IllegalArgumentException("The readiness check's status '" + status + "' is not a list of"
                        + " HTTP statuses; write codes or classes separated by commas, as in 200 or 2xx,301.");
            }
        }
        return new ReadinessCheck(port, https ? "https" : "http", path.startsWith("/") ? path : "/" + path, statuses);
    }

    /** What the check does, for messages and the report. */
    public String describe() {
        if (scheme.equals("tcp")) {
            return "TCP connect to port " + port;
        }
        return scheme.toUpperCase(Locale.ROOT) + " GET " + path + " on port " + port + " expecting "
                + status.replace(",", " or ");
    }

    /** The outcome of one attempt: whether it counts as ready, and what answered. */
    record Attempt(boolean ready, String answer) {
    }

    /** Tries the check once against the port published on the host's loopback address. */
    Attempt probe(int hostPort) {
        if (scheme.equals("tcp")) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", hostPort), PROBE_TIMEOUT_MILLIS);
                return new Attempt(true, "connected");
            } catch (IOException e) {
                return new Attempt(false, describe(e));
            }
        }
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create(scheme + "://127.0.0.1:" + hostPort + path).toURL().openConnection();
            if (connection instanceof HttpsURLConnection https) {
                trustAnyServer(https);
            }
            connection.setConnectTimeout(PROBE_TIMEOUT_MILLIS);
            connection.setReadTimeout(PROBE_TIMEOUT_MILLIS);
            connection.setInstanceFollowRedirects(false);
            int code = connection.getResponseCode();
            return new Attempt(accepts(code), "HTTP " + code);
        } catch (IOException e) {
            return new Attempt(false, describe(e));
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    boolean accepts(int code) {
        for (String expected : status.split(",")) {
            if (expected.endsWith("xx") ? code / 100 == expected.charAt(0) - '0' : code == Integer.parseInt(expected)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("Unexpected end of file") || message.contains("Connection reset")) {
            return "the connection was closed without an answer";
        }
        return message.isEmpty() ? e.getClass().getSimpleName() : message;
    }

    /**
     * The smoke test talks to its own container on the loopback address; the service's certificate is usually made
     * for another host name, or self-signed, and checking it is not what a readiness check is for.
     */
    private static void trustAnyServer(HttpsURLConnection connection) throws IOException {
        TrustManager anyServer = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {anyServer}, null);
            connection.setSSLSocketFactory(context.getSocketFactory());
            connection.setHostnameVerifier((host, session) -> true);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available: " + e.getMessage(), e);
        }
    }
}
