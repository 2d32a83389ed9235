package io.github.scratchpack.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.testing.DockerDaemon;
import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.HttpServerImage;
import io.github.scratchpack.testing.LocalHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * containerd's own importer ({@code ctr images import}, in the containerd that a test's dockerd starts) reads the
 * tarball's OCI layout and names the image from its {@code io.containerd.image.name} annotation, and {@code ctr run}
 * runs it as its non-root user.
 */
class ContainerdImportTest {
    private static final String NAMESPACE = "scratchpack-test";
    private static final String IMAGE = "docker.io/scratchpack-test/containerd-import:1";

    @TempDir
    Path dir;

    @Test
    void theTarballImportsIntoContainerdAndRunsAsNonroot() throws Exception {
        Path tarball = HttpServerImage.build(dir, "scratchpack-test/containerd-import:1");
        String digest = ImageTarballReader.read(tarball).manifestDigest();
        Path ctr = ExternalTool.require("ctr");
        try (DockerDaemon daemon = DockerDaemon.start()) {
            Ctr client = new Ctr(ctr, daemon.containerdSocket());
            String imported = client.check("images", "import", tarball.toString());
            assertTrue(imported.contains("unpacking " + IMAGE + " (" + digest + ")...done"), imported);
            assertTrue(client.check("images", "ls", "-q").lines().toList().contains(IMAGE));
            int port = LocalHttp.freePort();
            // unlike docker run, ctr run's arguments after the container ID replace the entrypoint, so it is named again
            client.check("run", "-d", "--net-host", "--log-uri", "file://" + dir.resolve("container.log"), IMAGE,
                    "server", "/app/server", Integer.toString(port));
            try {
                String body = LocalHttp.getWhenListening(port);
                assertTrue(body.startsWith("uid=65532 gid=65532 certs="), body);
                String pid = client.check("task", "ls").lines().filter(line -> line.startsWith("server "))
                        .map(line -> line.trim().split("\\s+")[1]).findFirst().orElseThrow();
                String status = Files.readString(Path.of("/proc", pid, "status"));
                assertTrue(status.matches("(?s).*\nUid:\t65532\t65532\t65532\t65532\n.*"), status);
            } finally {
                client.check("task", "kill", "-s", "SIGTERM", "server");
                awaitStopped(client);
                client.check("task", "rm", "server");
                client.check("container", "rm", "server");
                // --sync: containerd removes an image's content and snapshots in a garbage collection that may run later
                client.check("images", "rm", "--sync", IMAGE);
            }
            assertEquals("", client.check("images", "ls", "-q").strip());
            assertEquals("", client.check("containers", "ls", "-q").strip());
            assertEquals("", client.check("content", "ls", "-q").strip());
            assertEquals("", client.check("snapshots", "ls").lines().skip(1).reduce("", String::concat));
            ExternalTool.check(List.of(ctr.toString(), "--address", daemon.containerdSocket().toString(),
                    "namespaces", "rm", NAMESPACE));
        }
    }

    private static void awaitStopped(Ctr client) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (client.check("task", "ls").lines().anyMatch(line -> line.startsWith("server ") && line.contains("RUNNING"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server did not stop within 10 s of SIGTERM");
            }
            Thread.sleep(100);
        }
    }

    /** ctr command lines in the test's namespace of the daemon's containerd. */
    private record Ctr(Path ctr, Path socket) {
        String check(String... arguments) throws Exception {
            List<String> command = new ArrayList<>(List.of(ctr.toString(), "--address", socket.toString(),
                    "--namespace", NAMESPACE));
            command.addAll(List.of(arguments));
            return ExternalTool.check(command);
        }
    }
}
