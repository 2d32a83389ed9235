package hello;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Answers every HTTP request on port 8080 with one line of text. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) throws IOException {
        // 0.0.0.0, not localhost: in a container, localhost is the container's own loopback, which
        // `docker run -p 8080:8080` does not forward to; the published port arrives on the container's network interface.
        HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", 8080), 0);
        server.createContext("/", exchange -> {
            byte[] body = "Hello from a static executable in a FROM-scratch image\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("Listening on http://0.0.0.0:8080/");
    }
}
