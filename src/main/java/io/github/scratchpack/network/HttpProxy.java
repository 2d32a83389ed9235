package io.github.scratchpack.network;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A forward proxy that registry connections go through, and where it was configured. Its {@link #toString()} never
 * shows the password, so a proxy may be named in any message or log.
 *
 * @param host the proxy's host name or address
 * @param port the proxy's port
 * @param username the user name for the proxy, or {@code null} when it needs none
 * @param password that user's password, or {@code null}
 * @param origin where it was configured, such as {@code HTTPS_PROXY} or {@code settings.xml <proxy> corp}
 */
public record HttpProxy(String host, int port, String username, String password, String origin) {

    /**
     * Parses a proxy URL as the {@code *_PROXY} variables hold it: {@code [http://][user:password@]host[:port][/]},
     * where the user and password may be percent-encoded. A URL without a port uses 80.
     *
     * @param value the variable's value
     * @param origin the variable's name
     * @return the proxy
     * @throws PushException when the value is not such a URL; the message never quotes it, since it may hold a password
     */
    public static HttpProxy fromUrl(String value, String origin) throws PushException {
        String text = value.strip();
        String withScheme = text.contains("://") ? text : "http://" + text;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw malformed(origin, "it is not a URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw malformed(origin, "its scheme is " + scheme + "://, and scratchpack talks to proxies in plain HTTP"
                    + " only (http://)");
        }
        if (uri.getHost() == null) {
            throw malformed(origin, "it names no proxy host");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null) {
            throw malformed(origin, "it has a path or query after the host");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        return new HttpProxy(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort(), user, password, origin);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static PushException malformed(String origin, String why) {
        return new PushException("The proxy in " + origin + " cannot be used: " + why + ". Write it as"
                + " http://[user:password@]host:port.");
    }

    /** Whether the proxy is given a user name and password. */
    public boolean hasCredentials() {
        return username != null && !username.isEmpty();
    }

    /** The value of a {@code Proxy-Authorization} header that logs in with the user name and password. */
    public String basicAuthorization() {
        String pair = username + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The proxy as {@code host:port (from origin)}, without credentials. */
    @Override
    public String toString() {
        return host + ":" + port + " (from " + origin + ")";
    }
}
