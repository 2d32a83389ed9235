package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine command lines for a container build: mounts, user, working directory, entrypoint, image and arguments. */
class ContainerLayoutTest {
    private final ContainerLayout layout = new ContainerLayout(Path.of("/p/target"),
            List.of(Path.of("/p/target/app.jar"), Path.of("/m2/lib.jar"), Path.of("/m2/lib.jar")));

    @Test
    void dockerRunsAsTheUserWithTheClasspathReadOnlyAndTheBuildDirectoryWritable() {
        ContainerEngine docker = new ContainerEngine("docker", Path.of("/usr/bin/docker"));
        assertEquals(List.of("/usr/bin/docker", "run", "--rm", "--user", "1000:1001", "--workdir", "/scratchpack/target",
                "--volume", "/p/target:/scratchpack/target:rw",
                "--volume", "/p/target/app.jar:/scratchpack/classpath/0/app.jar:ro",
                "--volume", "/m2/lib.jar:/scratchpack/classpath/1/lib.jar:ro",
                "--entrypoint", "native-image", "example/builder:1", "--static", "Main"),
                layout.runCommand(docker, "example/builder:1", 1000, 1001, List.of("--static", "Main")));
    }

    @Test
    void rootlessPodmanKeepsTheUsersIdAndRootPodmanDoesNotNeedTo() {
        ContainerEngine podman = new ContainerEngine("podman", Path.of("/usr/bin/podman"));
        assertEquals(List.of("/usr/bin/podman", "run", "--rm", "--user", "1000:1000", "--userns=keep-id"),
                layout.runCommand(podman, "i", 1000, 1000, List.of()).subList(0, 6));
        assertEquals(List.of("/usr/bin/podman", "run", "--rm", "--user", "0:0", "--workdir"),
                layout.runCommand(podman, "i", 0, 0, List.of()).subList(0, 6));
    }

    @Test
    void pathsMapIntoTheContainer() {
        assertEquals(Path.of("/scratchpack/classpath/1/lib.jar"), layout.inContainer(Path.of("/m2/lib.jar")));
        assertEquals(Path.of("/scratchpack/target/app"), layout.inContainer(Path.of("/p/target/app")));
        assertEquals(Path.of("/scratchpack/target/scratchpack-native/native-image.args"),
                layout.inContainer(Path.of("/p/target/scratchpack-native/native-image.args")));
        assertThrows(IllegalArgumentException.class, () -> layout.inContainer(Path.of("/elsewhere/x")));
        assertEquals(List.of("/usr/bin/podman", "run", "--rm", "--entrypoint", "native-image", "i", "--version"),
                ContainerLayout.versionCommand(new ContainerEngine("podman", Path.of("/usr/bin/podman")), "i"));
    }
}
