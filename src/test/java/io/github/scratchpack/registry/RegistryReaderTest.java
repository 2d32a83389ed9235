package io.github.scratchpack.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.scratchpack.credentials.RegistryCredential;
import io.github.scratchpack.network.JibHttpClients;
import io.github.scratchpack.network.ProxyRoutes;
import io.github.scratchpack.network.RegistryAddress;
import io.github.scratchpack.network.TransportPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two things a registry without login here cannot show: a registry with the referrers API, and one that hands out
 * Bearer tokens. A small HTTP server on 127.0.0.1 plays such a registry, with a token service at {@code /token}.
 */
class RegistryReaderTest {
    private static final String DIGEST = "sha256:" + "0a".repeat(32);
    private static final String TOKEN = "tok-3f9a";
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private FailoverHttpClient http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        http = JibHttpClients.create(new TransportPolicy.Transport(true, true, true), () -> null, ProxyRoutes.direct(),
                event -> { });
    }

    @AfterEach
    void stop() throws IOException {
        http.shutDown();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + authorization);
        String basic = "Basic " + Base64.getEncoder().encodeToString("bot:Pa55".getBytes(StandardCharsets.UTF_8));
        if (path.equals("/token")) {
            boolean allowed = basic.equals(authorization)
                    && exchange.getRequestURI().getQuery().contains("scope=repository:acme/app:pull");
            send(exchange, allowed ? 200 : 401, allowed ? "{\"token\":\"" + TOKEN + "\"}" : "{}");
        } else if (!("Bearer " + TOKEN).equals(authorization)) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + address()
                    + "/token\",service=\"test-registry\",scope=\"repository:acme/app:pull\"");
            send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
        } else if (path.equals("/v2/acme/app/referrers/" + DIGEST)) {
            send(exchange, 200, "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                    + "\"manifests\":[]}");
        } else if (path.equals("/v2/acme/app/manifests/sha256-" + DIGEST.substring(7))) {
            send(exchange, 200, "{\"schemaVersion\":2, \"manifests\":[]}");
        } else {
            send(exchange, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private RegistryReader reader() {
        return new RegistryReader(http, RegistryAddress.parse(address()), "acme/app",
                Optional.of(new RegistryCredential("bot", "Pa55")));
    }

    @Test
    void aBearerTokenIsFetchedOnceWithTheCredentialAndThenUsed() throws Exception {
        RegistryReader reader = reader();
        assertTrue(reader.hasReferrersApi(DIGEST));
        assertArrayEquals("{\"schemaVersion\":2, \"manifests\":[]}".getBytes(StandardCharsets.UTF_8),
                reader.manifest("sha256-" + DIGEST.substring(7), ReferrerDocuments.INDEX_MEDIA_TYPE).orElseThrow(),
                "the manifest's bytes are not returned exactly");
        assertTrue(reader.manifest("sha256-" + "11".repeat(32), ReferrerDocuments.INDEX_MEDIA_TYPE).isEmpty());
        assertEquals(1, requests.stream().filter(request -> request.startsWith("GET /token")).count(), requests.toString());
        assertEquals(1, requests.stream().filter(request -> request.endsWith(" null")).count(),
                "only the first request goes without a token: " + requests);
    }

    @Test
    void aRegistryWithoutTheApiIsToldApartByItsAnswer() throws Exception {
        assertFalse(reader().hasReferrersApi("sha256:" + "22".repeat(32)));
    }
}
