package example;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /health}, {@code GET /greeting?name=...} (the greeting word from the configuration file),
 * {@code GET /upstream} (the answer of {@code UPSTREAM_URL}, fetched over HTTPS and kept in a Caffeine cache) and
 * {@code GET /cache} (that cache's statistics), as JSON written by Jackson. The configuration file is
 * {@code SERVICE_CONFIG} ({@code /etc/javalin/javalin.properties}); the port is {@code PORT} (8080). SIGTERM stops
 * the server.
 */
public final class Service {
    private Service() {
    }

    public static void main(String[] args) throws IOException {
        Properties config = new Properties();
        Path configFile = Path.of(System.getenv().getOrDefault("SERVICE_CONFIG", "/etc/javalin/javalin.properties"));
        try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            config.load(reader);
        }
        String greetingWord = config.getProperty("greeting", "Hello");
        Duration cacheFor = Duration.ofSeconds(Long.parseLong(config.getProperty("upstream.cacheSeconds", "60")));
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        URI upstream = URI.create(System.getenv().getOrDefault("UPSTREAM_URL", "https://example.com/"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // maximumSize with expireAfterWrite makes Caffeine load the class it generated for that combination by its
        // name, which a native executable finds only through Caffeine's reachability metadata
        Cache<URI, Map<String, Object>> upstreamAnswers = Caffeine.newBuilder()
                .maximumSize(100)
                .expireAfterWrite(cacheFor)
                .recordStats()
                .build();
        Javalin app = Javalin.create(javalin -> javalin.showJavalinBanner = false)
                .get("/health", ctx -> ctx.json(Map.of("status", "UP")))
                .get("/greeting", ctx -> {
                    String name = ctx.queryParamAsClass("name", String.class).getOrDefault("world");
                    String message = greetingWord + ", " + name + "!";
                    Map<String, Object> greeting = new LinkedHashMap<>();
                    greeting.put("message", message);
                    greeting.put("length", message.length());
                    ctx.json(greeting);
                })
                .get("/upstream", ctx -> ctx.json(upstreamAnswers.get(upstream, url -> fetch(client, url))))
                .get("/cache", ctx -> {
                    CacheStats stats = upstreamAnswers.stats();
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("hits", stats.hitCount());
                    body.put("misses", stats.missCount());
                    body.put("size", upstreamAnswers.estimatedSize());
                    ctx.json(body);
                });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping");
            app.stop();
        }));
        app.start("0.0.0.0", port);
    }

    private static Map<String, Object> fetch(HttpClient client, URI url) {
        try {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("url", url.toString());
            body.put("status", answer.statusCode());
            body.put("body", answer.body());
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + url, e);
        }
    }
}
