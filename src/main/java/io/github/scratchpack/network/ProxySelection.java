package io.github.scratchpack.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the forward proxy, if any, for a registry connection. The first of these that is configured decides, and
 * its own exceptions ({@code nonProxyHosts}, {@code NO_PROXY}) may make the connection direct; later ones are then not
 * asked:
 * <ol>
 *   <li>settings.xml's active {@code <proxy>}: the first whose {@code <protocol>} is the connection's scheme, else
 *       the first active one, with its {@code <nonProxyHosts>};</li>
 *   <li>the Java system properties {@code https.proxyHost} and {@code https.proxyPort} (for plain HTTP
 *       {@code http.proxyHost} and {@code http.proxyPort}), with {@code http.nonProxyHosts};</li>
 *   <li>the environment: for HTTPS {@code HTTPS_PROXY}, {@code https_proxy}, then {@code HTTP_PROXY},
 *       {@code http_proxy}; for plain HTTP {@code HTTP_PROXY}, {@code http_proxy}; with {@code NO_PROXY} or
 *       {@code no_proxy}.</li>
 * </ol>
 * Nothing configured means a direct connection. A registry on this machine ({@code localhost}, {@code 127.0.0.0/8})
 * is always reached directly, as docker and podman do and as Java's default {@code http.nonProxyHosts} says: a proxy
 * elsewhere cannot reach it. Proxies are always spoken to in plain HTTP; HTTPS goes through them in a
 * {@code CONNECT} tunnel.
 */
public final class ProxySelection {
    private final List<ConfiguredProxy> settingsProxies;
    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;

    /**
     * A {@code <proxy>} of settings.xml, with its password decrypted.
     *
     * @param id its id, for messages
     * @param protocol its {@code <protocol>}: {@code http} or {@code https}
     * @param host its host
     * @param port its port
     * @param username its user name, or {@code null}
     * @param password its password, or {@code null}
     * @param nonProxyHosts its {@code <nonProxyHosts>}, or {@code null}
     */
    public record ConfiguredProxy(String id, String protocol, String host, int port, String username, String password,
                                  String nonProxyHosts) {
    }

    /**
     * @param settingsProxies settings.xml's active proxies, in order
     * @param systemProperties the Java system properties
     * @param environment the environment variables
     */
    public ProxySelection(List<ConfiguredProxy> settingsProxies, Map<String, String> systemProperties,
                          Map<String, String> environment) {
        this.settingsProxies = List.copyOf(settingsProxies);
        this.systemProperties = Map.copyOf(systemProperties);
        this.environment = Map.copyOf(environment);
    }

    /** A selection that always connects directly. */
    public static ProxySelection direct() {
        return new ProxySelection(List.of(), Map.of(), Map.of());
    }

    /**
     * The proxy for a connection to a registry.
     *
     * @param scheme {@code https} or {@code http}
     * @param registry the registry
     * @return the proxy, or empty for a direct connection
     * @throws PushException when the deciding configuration cannot be used
     */
    public Optional<HttpProxy> select(String scheme, RegistryAddress registry) throws PushException {
        if (registry.isLoopback()) {
            return Optional.empty();
        }
        Optional<ConfiguredProxy> fromSettings = settingsProxy(scheme);
        if (fromSettings.isPresent()) {
            ConfiguredProxy proxy = fromSettings.get();
            if (NonProxyHosts.fromJavaPatterns(proxy.nonProxyHosts()).bypasses(registry)) {
                return Optional.empty();
            }
            return Optional.of(new HttpProxy(proxy.host(), proxy.port(), proxy.username(), proxy.password(),
                    "settings.xml <proxy> " + proxy.id()));
        }
        String propertyHost = systemProperties.get(scheme + ".proxyHost");
        if (propertyHost != null && !propertyHost.isBlank()) {
            if (NonProxyHosts.fromJavaPatterns(systemProperties.get("http.nonProxyHosts")).bypasses(registry)) {
                return Optional.empty();
            }
            String origin = "-D" + scheme + ".proxyHost";
            return Optional.of(new HttpProxy(propertyHost.strip(), port(scheme, origin), null, null, origin));
        }
        for (String variable : variables(scheme)) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                if (NonProxyHosts.fromNoProxy(firstSet("NO_PROXY", "no_proxy")).bypasses(registry)) {
                    return Optional.empty();
                }
                return Optional.of(HttpProxy.fromUrl(value, variable));
            }
        }
        return Optional.empty();
    }

    private Optional<ConfiguredProxy> settingsProxy(String scheme) {
        return settingsProxies.stream()
                .filter(proxy -> scheme.equals(String.valueOf(proxy.protocol()).toLowerCase(Locale.ROOT)))
                .findFirst().or(() -> settingsProxies.stream().findFirst());
    }

    private int port(String scheme, String origin) throws PushException {
        String value = systemProperties.get(scheme + ".proxyPort");
        if (value == null || value.isBlank()) {
            return scheme.equals("https") ? 443 : 80;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PushException("The proxy port -D" + scheme + ".proxyPort=" + value + " that goes with " + origin
                + " is not a port (1 to 65535). Fix it in MAVEN_OPTS or .mvn/jvm.config.");
    }

    private static List<String> variables(String scheme) {
        List<String> names = new ArrayList<>();
        if (scheme.equals("https")) {
            names.addAll(List.of("HTTPS_PROXY", "https_proxy"));
        }
        names.addAll(List.of("HTTP_PROXY", "http_proxy"));
        return names;
    }

    private String firstSet(String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
