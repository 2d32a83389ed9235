package io.github.scratchpack.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.output.ImageTarballReader;
import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.Podman;
import io.github.scratchpack.testing.TarballBuildMain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerEngineTest {
    @TempDir
    Path dir;

    /** A stand-in engine executable: a shell script, run with only {@link #path()} as its environment. */
    private Path fakeEngine(String name, String script) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path file = Files.writeString(bin.resolve(name), "#!/bin/sh\n" + script + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private Map<String, String> path() {
        return Map.of("PATH", dir.resolve("bin").toString());
    }

    @Test
    void autoSkipsADockerWithoutDaemonAndPipesTheTarballIntoPodman() throws Exception {
        fakeEngine("docker", "echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock' >&2; exit 1");
        fakeEngine("podman", "/bin/cat > \"${0%/podman}/received\"; echo \"Loaded image: demo/app:1.0\"");
        Path tarball = Files.write(dir.resolve("image.tar"), new byte[] {1, 2, 3, 4});
        String output = ContainerEngine.choose(path(), "auto").load(tarball);
        assertEquals("Loaded image: demo/app:1.0", output);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Files.readAllBytes(dir.resolve("bin/received")));
    }

    @Test
    void noEngineSaysWhatWasTried() throws Exception {
        fakeEngine("docker", "echo 'Cannot connect to the Docker daemon' >&2; exit 1");
        Path tarball = Files.write(dir.resolve("image.tar"), new byte[] {1});
        EngineException failure = assertThrows(EngineException.class, () -> ContainerEngine.choose(path(), "auto").load(tarball));
        assertEquals("No container engine: docker is on the PATH but its daemon does not answer (Cannot connect to the"
                + " Docker daemon); podman is not on the PATH. Start the Docker daemon or install podman.",
                failure.getMessage());
    }

    @Test
    void aNamedEngineMustBeThereAndLoadMustSucceed() throws Exception {
        Path tarball = Files.write(dir.resolve("image.tar"), new byte[] {1});
        Files.createDirectories(dir.resolve("bin"));
        EngineException missing = assertThrows(EngineException.class, () -> ContainerEngine.choose(path(), "podman").load(tarball));
        assertTrue(missing.getMessage().startsWith("podman is not on the PATH."), missing.getMessage());
        fakeEngine("docker", "echo 'Error response from daemon: invalid tar header' >&2; exit 1");
        EngineException failed = assertThrows(EngineException.class, () -> ContainerEngine.choose(path(), "docker").load(tarball));
        assertTrue(failed.getMessage().startsWith("docker load failed (exit 1): Error response from daemon: invalid tar"
                + " header."), failed.getMessage());
        EngineException wrong = assertThrows(EngineException.class, () -> ContainerEngine.choose(path(), "rkt").load(tarball));
        assertTrue(wrong.getMessage().contains("must be auto, docker or podman"), wrong.getMessage());
    }

    @Test
    void dockerPublishesPortsOnlyWithItsBridgeNetworkAndPodmanAlways() throws Exception {
        fakeEngine("docker", "echo bridge; echo host; echo none");
        assertTrue(ContainerEngine.choose(path(), "docker").canPublishPorts());
        fakeEngine("docker", "echo host; echo none");
        assertFalse(ContainerEngine.choose(path(), "docker").canPublishPorts());
        fakeEngine("docker", "echo 'Cannot connect to the Docker daemon' >&2; exit 1");
        EngineException failed = assertThrows(EngineException.class,
                () -> ContainerEngine.choose(path(), "docker").canPublishPorts());
        assertTrue(failed.getMessage().startsWith("docker network ls failed (exit 1): Cannot connect to the Docker"
                + " daemon."), failed.getMessage());
        fakeEngine("podman", "exit 1");
        assertTrue(ContainerEngine.choose(path(), "podman").canPublishPorts());
    }

    @Test
    void realPodmanLoadsTheImage() throws Exception {
        Podman.command();
        Path tarball = dir.resolve("out/image.tar");
        Path pem = Files.writeString(dir.resolve("ca.pem"), firstCertificate());
        TarballBuildMain.build(io.github.scratchpack.testing.StaticBinaries.staticServer(dir, "server"), pem,
                dir.resolve("work"), tarball);
        String imageId = ImageTarballReader.read(tarball).config().digest();
        try {
            String output = ContainerEngine.choose(System.getenv(), "podman").load(tarball);
            assertTrue(output.contains("cross/jdk:1"), output);
            String id = ExternalTool.check(Podman.command("image", "inspect", "--format", "{{.Id}}", "cross/jdk:1"));
            assertEquals(imageId, "sha256:" + id.strip());
        } finally {
            ExternalTool.run(Duration.ofMinutes(1), Podman.command("rmi", "-f", "cross/jdk:1"));
        }
    }

    private static String firstCertificate() throws Exception {
        String all = new String(io.github.scratchpack.image.CaCertificates.fromJavaRuntime(
                Path.of(System.getProperty("java.home"))), StandardCharsets.US_ASCII);
        return all.substring(0, all.indexOf("-----END CERTIFICATE-----\n") + 26);
    }
}
