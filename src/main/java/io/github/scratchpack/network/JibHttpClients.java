package io.github.scratchpack.network;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.api.client.util.SslUtils;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.http.conn.socket.LayeredConnectionSocketFactory;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.conn.util.PublicSuffixMatcher;
import org.apache.http.impl.client.HttpClientBuilder;

/**
 * Builds jib's {@link FailoverHttpClient} with scratchpack's trust and transport decisions. jib's public constructor
 * always trusts only the runtime's CAs, accepts unverified certificates whenever it may fall back to HTTP, and retries
 * failed requests itself; its package-private constructor (jib-core 0.28.1) takes the transports, so it is called by
 * reflection. Retries are left to the push, which restarts a whole blob upload instead of resending a part.
 * Connections go through the proxies chosen for the registry ({@link ProxyRoutePlanner}), not the JVM's defaults.
 *
 * <p>jib asks its supplier for a new transport on every request; here each kind of transport is made once, when it is
 * first needed, and then shared, so that requests reuse the pool's connections instead of setting up a client, and a
 * TCP and TLS handshake, each time. Nothing of TLS is set up for a registry that speaks plain HTTP.
 */
public final class JibHttpClients {
    private JibHttpClients() {
    }

    /**
     * jib's client for one push.
     *
     * @param transport how the registry may be reached
     * @param trust makes the trust of verified HTTPS, when it is first used
     * @param proxies the proxies chosen for the registry
     * @param logger where jib's log events go
     * @return the client; shut it down when the push is over
     */
    public static FailoverHttpClient create(TransportPolicy.Transport transport, Supplier<SSLContext> trust,
                                            ProxyRoutes proxies, Consumer<LogEvent> logger) {
        ProxyRoutePlanner routes = new ProxyRoutePlanner(proxies);
        Supplier<HttpTransport> first = once(transport.plainHttp()
                ? () -> transport(new NoTlsSocketFactory(), routes)
                : () -> transport(new SSLConnectionSocketFactory(trust.get(),
                        SSLConnectionSocketFactory.getDefaultHostnameVerifier()), routes));
        Supplier<HttpTransport> fallback = transport.verifyTls() ? first
                : once(() -> transport(new SSLConnectionSocketFactory(trustAll(), NoopHostnameVerifier.INSTANCE), routes));
        try {
            Constructor<FailoverHttpClient> constructor = FailoverHttpClient.class.getDeclaredConstructor(boolean.class,
                    boolean.class, Consumer.class, Supplier.class, Supplier.class, boolean.class);
            constructor.setAccessible(true);
            return constructor.newInstance(transport.failover(), transport.sendCredentialsOverHttp(), logger, first,
                    fallback, false);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("This scratchpack build needs jib-core 0.28.1; another version is on the"
                    + " plugin's class path", e);
        }
    }

    /**
     * The client of {@link ApacheHttpTransport#newDefaultHttpClientBuilder()}, but built without that method's default
     * TLS socket factory (which loads the runtime's CA certificates even when no TLS is spoken) and without the public
     * suffix list (Apache HttpClient parses its 10,000 rules for cookies, which no registry call uses).
     */
    private static HttpTransport transport(LayeredConnectionSocketFactory tls, ProxyRoutePlanner routes) {
        return new ApacheHttpTransport(HttpClientBuilder.create().useSystemProperties().setMaxConnTotal(200)
                .setMaxConnPerRoute(20).setConnectionTimeToLive(-1, TimeUnit.MILLISECONDS).disableRedirectHandling()
                .disableAutomaticRetries().disableCookieManagement()
                .setPublicSuffixMatcher(new PublicSuffixMatcher(List.of(), List.of())).setSSLSocketFactory(tls)
                .setRoutePlanner(routes).setDefaultCredentialsProvider(routes.credentials())
                .addInterceptorLast(routes.preemptiveProxyLogin()).build());
    }

    /** Makes the value on the first call and hands out that one from then on; safe for the upload threads. */
    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }

    private static SSLContext trustAll() {
        try {
            return SslUtils.trustAllSSLContext();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The Java runtime does not support TLS", e);
        }
    }
}
