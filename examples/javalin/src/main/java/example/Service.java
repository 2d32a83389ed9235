package example;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}, {@code GET /greeting?name=...} and {@code GET /upstream} (the answer of {@code UPSTREAM_URL},
 * fetched over HTTPS), as JSON written by Jackson; the port is {@code PORT} (8080). SIGTERM stops the server.
 */
public final class Service {
    private Service() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        URI upstream = URI.create(System.getenv().getOrDefault("UPSTREAM_URL", "https://example.com/"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Javalin app = Javalin.create(config -> config.showJavalinBanner = false)
                .get("/health", ctx -> ctx.json(Map.of("status", "UP")))
                .get("/greeting", ctx -> {
                    String message = "Hello, " + ctx.queryParamAsClass("name", String.class).getOrDefault("world") + "!";
                    Map<String, Object> greeting = new LinkedHashMap<>();
                    greeting.put("message", message);
                    greeting.put("length", message.length());
                    ctx.json(greeting);
                })
                .get("/upstream", ctx -> {
                    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(upstream).timeout(Duration.ofSeconds(10))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("url", upstream.toString());
                    body.put("status", answer.statusCode());
                    body.put("body", answer.body());
                    ctx.json(body);
                });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping");
            app.stop();
        }));
        app.start("0.0.0.0", port);
    }
}
