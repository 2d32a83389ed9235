package io.github.scratchpack.network;

import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.client.CredentialsProvider;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.conn.routing.RouteInfo;
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

    /**
     * Sends the proxy login with every plain HTTP request that goes through a proxy, instead of waiting for a 407
     * challenge: jib's blob uploads stream their body, which cannot be sent a second time after a challenge. HTTPS
     * needs no such help, as the login goes with the {@code CONNECT} request, which has no body.
     */
    HttpRequestInterceptor preemptiveProxyLogin() {
        return (request, context) -> {
            RouteInfo route = HttpClientContext.adapt(context).getHttpRoute();
            HttpProxy proxy = routes.http();
            if (route == null || route.isTunnelled() || route.getProxyHost() == null || proxy == null
                    || !proxy.hasCredentials() || !route.getProxyHost().getHostName().equals(proxy.host())
                    || route.getProxyHost().getPort() != proxy.port()) {
                return;
            }
            request.setHeader("Proxy-Authorization", proxy.basicAuthorization());
        };
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
