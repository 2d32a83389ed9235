package io.github.scratchpack.network;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.api.client.util.SslUtils;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.security.GeneralSecurityException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.http.conn.socket.LayeredConnectionSocketFactory;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;

/**
 * Builds jib's {@link FailoverHttpClient} with scratchpack's trust and transport decisions. jib's public constructor
 * always trusts only the runtime's CAs, accepts unverified certificates whenever it may fall back to HTTP, and retries
 * failed requests itself; its package-private constructor (jib-core 0.28.1) takes the transports, so it is called by
 * reflection. Retries are left to the push, which restarts a whole blob upload instead of resending a part.
 * Connections go through the proxies chosen for the registry ({@link ProxyRoutePlanner}), not the JVM's defaults.
 */
public final class JibHttpClients {
    private JibHttpClients() {
    }

    public static FailoverHttpClient create(TransportPolicy.Transport transport, SSLContext trust, ProxyRoutes proxies,
                                     Consumer<LogEvent> logger) {
        ProxyRoutePlanner routes = new ProxyRoutePlanner(proxies);
        Supplier<HttpTransport> first = transport.plainHttp()
                ? () -> transport(new NoTlsSocketFactory(), routes)
                : () -> transport(new SSLConnectionSocketFactory(trust, SSLConnectionSocketFactory.getDefaultHostnameVerifier()),
                        routes);
        Supplier<HttpTransport> fallback = transport.verifyTls() ? first
                : () -> transport(new SSLConnectionSocketFactory(trustAll(), NoopHostnameVerifier.INSTANCE), routes);
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

    private static HttpTransport transport(LayeredConnectionSocketFactory tls, ProxyRoutePlanner routes) {
        return new ApacheHttpTransport(ApacheHttpTransport.newDefaultHttpClientBuilder().setSSLSocketFactory(tls)
                .setRoutePlanner(routes).setDefaultCredentialsProvider(routes.credentials())
                .addInterceptorLast(routes.preemptiveProxyLogin()).build());
    }

    private static SSLContext trustAll() {
        try {
            return SslUtils.trustAllSSLContext();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The Java runtime does not support TLS", e);
        }
    }
}
