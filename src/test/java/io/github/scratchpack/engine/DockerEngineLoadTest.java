package io.github.scratchpack.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.ImageSpec;
import io.github.scratchpack.output.TarballBuild;
import io.github.scratchpack.testing.DockerDaemon;
import io.github.scratchpack.testing.StaticBinaries;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load goal's code path against a real Docker Engine (its own daemon, reached through {@code DOCKER_HOST}): Docker's
 * own loader reads the tarball's manifest.json, and the loaded image runs as its non-root user and serves.
 */
class DockerEngineLoadTest {
    @TempDir
    Path dir;

    @Test
    void theTarballLoadsIntoTheDockerEngineAndRunsAsNonroot() throws Exception {
        Path binary = StaticBinaries.staticServer(dir, "server");
        ImageSpec spec = ImageSpec.builder(binary, StaticExecutableCheck.check(binary),
                ImageReference.parse("scratchpack-test/docker-load:1")).port("8080")
                .creationTime(Instant.parse("2026-01-01T00:00:00Z")).build();
        Path tarball = dir.resolve("image/image.tar");
        new TarballBuild(dir.resolve("work")).run(spec, tarball, tarball.resolveSibling("image.json"));
        try (DockerDaemon daemon = DockerDaemon.start()) {
            ContainerEngine engine = ContainerEngine.choose(daemon.environment(), "docker");
            assertEquals("Loaded image: scratchpack-test/docker-load:1", engine.load(tarball));
            int port = freePort();
            String container = daemon.check("run", "-d", "--network", "host", "scratchpack-test/docker-load:1",
                    Integer.toString(port)).strip();
            try {
                String body = getWhenListening(port);
                assertTrue(body.startsWith("uid=65532 gid=65532 certs="), body);
                String pid = daemon.check("inspect", "--format", "{{.State.Pid}}", container).strip();
                String status = Files.readString(Path.of("/proc", pid, "status"));
                assertTrue(status.matches("(?s).*\nUid:\t65532\t65532\t65532\t65532\n.*"), status);
            } finally {
                daemon.check("rm", "-f", container);
                daemon.check("rmi", "scratchpack-test/docker-load:1");
            }
            assertEquals("", daemon.check("ps", "-a", "-q").strip());
            assertEquals("", daemon.check("images", "-q").strip());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String getWhenListening(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode());
                return response.body();
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }
}
