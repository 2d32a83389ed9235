package io.github.scratchpack.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake registry on 127.0.0.1 that answers {@code GET /v2/} with 200, every blob check with 404, and every other
 * request with one scripted status and error body; it records the requests it saw. For failures a real registry
 * cannot easily be made to give.
 */
final class ScriptedRegistry implements AutoCloseable {
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    ScriptedRegistry(int status, String errorBody) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            requests.add(request);
            exchange.getRequestBody().readAllBytes();
            boolean ping = request.equals("GET /v2/");
            boolean blobCheck = exchange.getRequestMethod().equals("HEAD");
            int answer = ping ? 200 : blobCheck ? 404 : status;
            byte[] body = (ping ? "{}" : blobCheck ? "" : errorBody).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Docker-Distribution-Api-Version", "registry/2.0");
            exchange.sendResponseHeaders(answer, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
