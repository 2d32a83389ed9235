package io.github.scratchpack.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.image.Compression;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.ImageSpec;
import io.github.scratchpack.output.TarballBuild;
import io.github.scratchpack.testing.DockerDaemon;
import io.github.scratchpack.testing.StaticBinaries;
import io.github.scratchpack.testing.HttpServerImage;
import io.github.scratchpack.testing.LocalHttp;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path tarball = HttpServerImage.build(dir, "scratchpack-test/docker-load:1");
        try (DockerDaemon daemon = DockerDaemon.start()) {
            ContainerEngine engine = ContainerEngine.choose(daemon.environment(), "docker");
            assertEquals("Loaded image: scratchpack-test/docker-load:1", engine.load(tarball));
            int port = LocalHttp.freePort();
            String container = daemon.check("run", "-d", "--network", "host", "scratchpack-test/docker-load:1",
                    Integer.toString(port)).strip();
            try {
                String body = LocalHttp.getWhenListening(port);
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

    /**
     * zstd layers need Docker Engine 23 or later. Docker 20.10 (Debian 12's) refuses the tarball whole, with a message
     * that does not mention zstd ("unexpected EOF"), and loads nothing; load adds what the cause may be. A later
     * Docker loads and runs it.
     */
    @Test
    void zstdLayersLoadFromDocker23OnAndDocker20RefusesTheTarballWhole() throws Exception {
        Path binary = StaticBinaries.staticServer(dir, "server");
        ImageSpec spec = ImageSpec.builder(binary, StaticExecutableCheck.check(binary),
                ImageReference.parse("scratchpack-test/docker-zstd:1")).compression(Compression.ZSTD, 0).build();
        Path tarball = dir.resolve("image.tar");
        new TarballBuild(dir.resolve("work")).run(spec, tarball, dir.resolve("image.json"));
        try (DockerDaemon daemon = DockerDaemon.start()) {
            ContainerEngine engine = ContainerEngine.choose(daemon.environment(), "docker");
            if (Integer.parseInt(engine.version().split("\\.")[0]) < 23) {
                EngineException refused = assertThrows(EngineException.class, () -> engine.load(tarball));
                assertEquals("docker load failed (exit 1): Error processing tar file(exit status 1): unexpected EOF. This"
                        + " Docker Engine is " + engine.version() + ", which cannot read zstd-compressed layers (Docker 23"
                        + " and later can): if the image's layers are zstd, build it with gzip layers, or upgrade the"
                        + " Docker Engine.", refused.getMessage());
                assertEquals("", daemon.check("images", "-a", "-q").strip());
            } else {
                assertEquals("Loaded image: scratchpack-test/docker-zstd:1", engine.load(tarball));
                String seen = daemon.check("run", "--rm", "--network", "host", "scratchpack-test/docker-zstd:1", "--report");
                assertTrue(seen.contains("uid=65532 gid=65532"), seen);
                daemon.check("rmi", "scratchpack-test/docker-zstd:1");
            }
        }
    }
}
