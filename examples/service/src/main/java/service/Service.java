package service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP service: {@code GET /} answers the greeting from its configuration file, {@code GET /upstream} answers
 * what an HTTPS upstream answers, cached for some seconds in a Caffeine cache, and {@code GET /cache} answers that
 * cache's statistics. One line per request goes to stdout; SIGTERM stops the server.
 *
 * <p>Environment: {@code PORT} (default 8080), {@code SERVICE_CONFIG} (default {@code /etc/service/service.properties})
 * and {@code UPSTREAM_URL}, which overrides the file's {@code upstream.url}.
 */
public final class Service {
    private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(5);

    private final String greeting;
    private final String upstreamUrl;
    private final Cache<String, String> upstreamCache;

    private Service(String greeting, String upstreamUrl, long cacheSeconds) {
        this.greeting = greeting;
        this.upstreamUrl = upstreamUrl;
        // maximumSize with expireAfterWrite makes Caffeine load its generated class for that combination by name,
        // which a native executable can do only with Caffeine's reachability metadata
        this.upstreamCache = Caffeine.newBuilder()
                .maximumSize(100)
                .expireAfterWrite(Duration.ofSeconds(cacheSeconds))
                .recordStats()
                .build();
    }

    public static void main(String[] args) throws IOException {
        Path configFile = Path.of(env("SERVICE_CONFIG", "/etc/service/service.properties"));
        Properties config = new Properties();
        try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            config.load(reader);
        }
        String greeting = config.getProperty("greeting", "Hello");
        String upstreamUrl = env("UPSTREAM_URL", config.getProperty("upstream.url"));
        long cacheSeconds = Long.parseLong(config.getProperty("upstream.cacheSeconds", "10"));
        int port = Integer.parseInt(env("PORT", "8080"));

        Service service = new Service(greeting, upstreamUrl, cacheSeconds);

        // 0.0.0.0, not localhost: in a container, localhost is the container's own loopback, which a published
        // port does not reach
        HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 0);
        // the default executor is the server's single dispatcher thread; a slow upstream must not hold up GET /
        ExecutorService executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", service::handle);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping");
            server.stop(0);
            executor.shutdownNow();
        }, "shutdown"));
        server.start();
        System.out.println("listening on 0.0.0.0:" + server.getAddress().getPort());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        int status;
        try {
            status = respond(exchange);
        } catch (RuntimeException | IOException e) {
            status = 500;
            try {
                send(exchange, status, e.getClass().getName() + ": " + e.getMessage() + "\n");
            } catch (IOException | RuntimeException ignored) {
                // the answer had begun, or the client is gone; the status in the log line is what is left
            }
        } finally {
            exchange.close();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " " + status
                + " " + millis + " ms");
    }

    private int respond(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            return send(exchange, 405, "only GET\n");
        }
        switch (exchange.getRequestURI().getPath()) {
            case "/":
                return send(exchange, 200, greeting + "\n");
            case "/upstream":
                return upstream(exchange);
            case "/cache":
                CacheStats stats = upstreamCache.stats();
                return send(exchange, 200, "hits=" + stats.hitCount() + " misses=" + stats.missCount()
                        + " size=" + upstreamCache.estimatedSize() + "\n");
            default:
                return send(exchange, 404, "not found\n");
        }
    }

    private int upstream(HttpExchange exchange) throws IOException {
        if (upstreamUrl == null) {
            return send(exchange, 502, "no upstream.url in the configuration and no UPSTREAM_URL\n");
        }
        String body;
        try {
            // a failed fetch throws out of get and is not cached
            body = upstreamCache.get(upstreamUrl, Service::fetch);
        } catch (UncheckedIOException e) {
            Throwable cause = e.getCause();
            return send(exchange, 502, cause.getClass().getName() + ": " + cause.getMessage() + "\n");
        }
        return send(exchange, 200, body);
    }

    /** GETs the URL with the JDK's default trust store, which is the only trust this service has. */
    private static String fetch(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
            connection.setConnectTimeout((int) UPSTREAM_TIMEOUT.toMillis());
            connection.setReadTimeout((int) UPSTREAM_TIMEOUT.toMillis());
            try {
                int status = connection.getResponseCode();
                if (status != 200) {
                    throw new IOException(url + " answered " + status);
                }
                try (InputStream in = connection.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        return status;
    }
}
