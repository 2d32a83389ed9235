package io.github.scratchpack.network;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The proxies that connections to one registry go through, chosen once per push: one for HTTPS and one for plain
 * HTTP, either of which may be direct.
 *
 * @param https the proxy for HTTPS connections, or {@code null} for direct ones
 * @param http the proxy for plain HTTP connections, or {@code null} for direct ones
 */
public record ProxyRoutes(HttpProxy https, HttpProxy http) {

    /** Direct connections for both schemes. */
    public static ProxyRoutes direct() {
        return new ProxyRoutes(null, null);
    }

    /**
     * Chooses the proxies for a registry.
     *
     * @param selection the proxy configuration
     * @param registry the registry
     * @return the routes
     * @throws PushException when the deciding configuration cannot be used
     */
    public static ProxyRoutes forRegistry(ProxySelection selection, RegistryAddress registry) throws PushException {
        return new ProxyRoutes(selection.select("https", registry).orElse(null),
                selection.select("http", registry).orElse(null));
    }

    /** The proxy for a scheme, {@code https} or {@code http}. */
    public Optional<HttpProxy> forScheme(String scheme) {
        return Optional.ofNullable(scheme.equalsIgnoreCase("https") ? https : http);
    }

    /** The proxies' passwords, which must never reach a log. */
    public List<String> passwords() {
        return Stream.of(https, http).filter(Objects::nonNull).map(HttpProxy::password)
                .filter(password -> password != null && !password.isEmpty()).distinct().toList();
    }
}
