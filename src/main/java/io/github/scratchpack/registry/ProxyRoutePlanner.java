package io.github.scratchpack.registry;

import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.client.CredentialsProvider;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.impl.conn.DefaultRoutePlanner;
import org.apache.http.protocol.HttpContext;

/**
 * Routes Apache HttpClient's requests through the proxies chosen for the registry, instead of the JVM-wide
 * {@link java.net.ProxySelector} that jib's default client asks, so that other plugins in the same JVM are not affected.
 */
final class ProxyRoutePlanner extends DefaultRoutePlanner {
    private final ProxyRoutes routes;

    ProxyRoutePlanner(ProxyRoutes routes) {
        super(null);
        this.routes = routes;
    }

    @Override
    protected HttpHost determineProxy(HttpHost target, HttpRequest request, HttpContext context) {
        return routes.forScheme(target.getSchemeName())
                .map(proxy -> new HttpHost(proxy.host(), proxy.port(), "http")).orElse(null);
    }

    /** The proxies' user names and passwords, each for its own proxy host and port only. */
    CredentialsProvider credentials() {
        BasicCredentialsProvider provider = new BasicCredentialsProvider();
        for (HttpProxy proxy : new HttpProxy[] {routes.https(), routes.http()}) {
            if (proxy != null && proxy.hasCredentials()) {
                provider.setCredentials(new AuthScope(proxy.host(), proxy.port()),
                        new UsernamePasswordCredentials(proxy.username(), proxy.password() == null ? "" : proxy.password()));
            }
        }
        return provider;
    }
}
