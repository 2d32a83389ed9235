package io.github.scratchpack.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.nativeimage.StandInBuilderImage;
import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.Podman;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during a container build: the JVM that started the container gets SIGINT while the container runs, and the
 * container is gone once that JVM has exited, though killing podman's client alone would have left it running.
 */
class ContainerCleanupTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCRemovesTheContainerThatTheBuildStarted() throws Exception {
        String image = StandInBuilderImage.build(Files.createDirectories(dir.resolve("image")));
        String name = "scratchpack-cleanup-" + UUID.randomUUID().toString().substring(0, 8);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SleepingContainerMain.class.getName(), name, image).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        builder.environment().putAll(Podman.environment());
        Process child = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (containers(name).isEmpty()) {
                assertTrue(child.isAlive() && System.nanoTime() < deadline, "the container did not start: "
                        + Files.readString(dir.resolve("child.log")));
                Thread.sleep(100);
            }
            ExternalTool.check(List.of("kill", "-INT", Long.toString(child.pid())));
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the JVM did not exit on SIGINT");

            assertEquals("", containers(name), "the container outlived the build");
        } finally {
            child.destroyForcibly().waitFor();
            ExternalTool.run(Duration.ofSeconds(30), Podman.command("rm", "-f", name));
            StandInBuilderImage.remove(image);
        }
    }

    private static String containers(String name) throws Exception {
        return ExternalTool.check(Podman.command("ps", "-a", "-q", "--filter", "name=" + name)).strip();
    }
}
