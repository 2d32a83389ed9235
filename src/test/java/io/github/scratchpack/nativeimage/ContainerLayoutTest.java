package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.scratchpack.engine.ContainerEngine;
import io.github.scratchpack.engine.ContainerRun;
import io.github.scratchpack.engine.EngineException;
import io.github.scratchpack.engine.Mount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact engine command lines of a container build, on a host without SELinux: mounts and their label options,
 * user, working directory, entrypoint, the user's extra options, image and arguments; and what a remote engine gets
 * copied instead.
 */
class ContainerLayoutTest {
    private final ContainerLayout layout = new ContainerLayout(Path.of("/p/target"), Path.of("/p/target/scratchpack-native"),
            List.of(Path.of("/p/target/app.jar"), Path.of("/m2/lib.jar"), Path.of("/m2/lib.jar")));

    @TempDir
    Path bin;

    /** An engine chosen the way the goals choose it, from a stand-in executable that fails whatever it is asked. */
    private ContainerEngine engine(String name, Map<String, String> address) throws Exception {
        return engine(name, address, "exit 1");
    }

    /** An engine chosen the way the goals choose it, from a stand-in executable that runs the given script. */
    private ContainerEngine engine(String name, Map<String, String> address, String script) throws Exception {
        Path executable = Files.writeString(bin.resolve(name), "#!/bin/sh\n" + script + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> environment = new HashMap<>(address);
        environment.put("PATH", bin.toString());
        return ContainerEngine.choose(environment, name);
    }

    private ContainerRun build(ContainerEngine engine, long uid, List<String> extraOptions) throws EngineException {
        return layout.build(engine, "scratchpack-native-app-1", "example/builder:1", uid, 1001, Path.of("/p/target/app"),
                extraOptions, List.of("--static", "Main"));
    }

    @Test
    void aLocalDockerMountsWithSelinuxOptionsAndRunsAsTheUserWithTheExtraOptionsLast() throws Exception {
        ContainerEngine docker = engine("docker", Map.of());
        assertEquals(List.of(bin.resolve("docker").toString(), "run", "--rm", "--name", "scratchpack-native-app-1",
                "--volume", "/p/target:/scratchpack/target:rw,z",
                "--volume", "/p/target/app.jar:/scratchpack/classpath/0/app.jar:ro",
                "--volume", "/m2/lib.jar:/scratchpack/classpath/1/lib.jar:ro",
                "--security-opt", "label=disable",
                "--user", "1000:1001", "--workdir", "/scratchpack/target", "--entrypoint", "native-image",
                "--network=host", "--memory=8g",
                "example/builder:1", "--static", "Main"),
                docker.commandLine(build(docker, 1000, List.of("--network=host", "--memory=8g"))));
    }

    @Test
    void aRemoteEngineCreatesWithoutMountsAndGetsTheInputsCopiedInAndTheExecutableOut() throws Exception {
        ContainerEngine docker = engine("docker", Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"));
        ContainerRun run = build(docker, 1000, List.of());
        assertEquals(List.of(bin.resolve("docker").toString(), "create", "--name", "scratchpack-native-app-1",
                "--user", "1000:1001", "--workdir", "/scratchpack/target", "--entrypoint", "native-image",
                "example/builder:1", "--static", "Main"), docker.commandLine(run));
        assertEquals(List.of(new Mount(Path.of("/p/target/app.jar"), "/scratchpack/classpath/0/app.jar", false),
                new Mount(Path.of("/m2/lib.jar"), "/scratchpack/classpath/1/lib.jar", false),
                new Mount(Path.of("/p/target/scratchpack-native"), "/scratchpack/target/scratchpack-native", true)),
                run.copiedIn());
        assertEquals(List.of(new Mount(Path.of("/p/target/app"), "/scratchpack/target/app", false)), run.copiedOut());
    }

    @Test
    void rootlessLocalPodmanKeepsTheUsersIdAndRootOrRemotePodmanDoesNot() throws Exception {
        ContainerEngine podman = engine("podman", Map.of());
        assertEquals(List.of("--user", "1000:1001", "--userns=keep-id", "--workdir"),
                build(podman, 1000, List.of()).options().subList(0, 4));
        assertEquals(List.of("--user", "0:1001", "--workdir"), build(podman, 0, List.of()).options().subList(0, 3));
        ContainerEngine remote = engine("podman", Map.of("CONTAINER_HOST", "ssh://core@build-host/run/podman/podman.sock"));
        assertEquals(List.of("--user", "1000:1001", "--workdir"), build(remote, 1000, List.of()).options().subList(0, 3));
    }

    @Test
    void aRootlessDockerDaemonRunsTheBuildAsTheContainersRootWhichIsTheDaemonsUser() throws Exception {
        // what docker info printed for Docker 20.10.24 started by dockerd-rootless.sh, and by root
        ContainerEngine rootless = engine("docker", Map.of(), securityOptions("[\"name=seccomp,profile=default\",\"name=rootless\"]"));
        assertEquals(List.of("--user", "0:0", "--workdir"), build(rootless, 1000, List.of()).options().subList(0, 3));
        ContainerEngine rootful = engine("docker", Map.of(), securityOptions("[\"name=seccomp,profile=default\"]"));
        assertEquals(List.of("--user", "1000:1001", "--workdir"), build(rootful, 1000, List.of()).options().subList(0, 3));
    }

    /** A stand-in docker script that answers {@code docker info} for the security options with the given JSON. */
    private static String securityOptions(String json) {
        return "[ \"$*\" = \"info --format {{json .SecurityOptions}}\" ] || exit 1\necho '" + json + "'";
    }

    @Test
    void aLocalSocketAddressIsNotRemote() throws Exception {
        assertEquals("run", engine("docker", Map.of("DOCKER_HOST", "unix:///run/docker.sock"))
                .commandLine(build(engine("docker", Map.of()), 0, List.of())).get(1));
        assertEquals("run", engine("podman", Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"))
                .commandLine(build(engine("podman", Map.of()), 0, List.of())).get(1));
    }

    @Test
    void pathsMapIntoTheContainer() throws Exception {
        assertEquals(Path.of("/scratchpack/classpath/1/lib.jar"), layout.inContainer(Path.of("/m2/lib.jar")));
        assertEquals(Path.of("/scratchpack/target/app"), layout.inContainer(Path.of("/p/target/app")));
        assertEquals(Path.of("/scratchpack/target/scratchpack-native/native-image.args"),
                layout.inContainer(Path.of("/p/target/scratchpack-native/native-image.args")));
        assertThrows(IllegalArgumentException.class, () -> layout.inContainer(Path.of("/elsewhere/x")));
        ContainerEngine podman = engine("podman", Map.of());
        assertEquals(List.of(bin.resolve("podman").toString(), "run", "--rm", "--name", "v", "--entrypoint", "native-image",
                "--network=host", "i", "--version"), podman.commandLine(ContainerLayout.version("v", "i", List.of("--network=host"))));
    }
}
