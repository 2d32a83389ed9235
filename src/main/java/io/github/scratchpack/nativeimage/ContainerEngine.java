package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A container engine that runs the builder image: podman or docker, whichever is on PATH first in that order
 * (podman first, because a {@code docker} command is often podman's stand-in on machines that have both).
 *
 * @param name       {@code podman} or {@code docker}
 * @param executable where it is
 */
public record ContainerEngine(String name, Path executable) {
    private static final List<String> NAMES = List.of("podman", "docker");

    /** The engine to use, or empty when neither is on PATH. */
    public static Optional<ContainerEngine> locate(String pathValue) {
        for (String name : NAMES) {
            Optional<Path> executable = ExecutableSearch.onPath(name, pathValue);
            if (executable.isPresent()) {
                return Optional.of(new ContainerEngine(name, executable.get()));
            }
        }
        return Optional.empty();
    }

    /** The ID of a local image, or empty when the engine does not have it (yet). */
    public Optional<String> imageId(String image) throws IOException {
        ShortCommand.Result inspect = ShortCommand.run(List.of(executable.toString(), "image", "inspect", "--format",
                "{{.Id}}", image), Duration.ofSeconds(60));
        String id = inspect.output().strip();
        return inspect.succeeded() && !id.isEmpty() && !id.contains("\n") ? Optional.of(id) : Optional.empty();
    }

    /**
     * Whether this is docker and its daemon runs rootless. Then only the container's root is the user who runs the
     * daemon on the host: any other container user is one of that user's subordinate ids, which can neither write
     * to the mounted build directory nor leave files its owner could use. False when the daemon does not answer.
     */
    public boolean rootlessDocker() throws IOException {
        if (!name.equals("docker")) {
            return false;
        }
        ShortCommand.Result info = ShortCommand.run(List.of(executable.toString(), "info", "--format",
                RootlessDocker.SECURITY_OPTIONS_FORMAT), Duration.ofSeconds(60));
        return info.succeeded() && RootlessDocker.inSecurityOptions(info.output());
    }

    /** Whether podman runs as an ordinary user, where the container's user namespace must keep the user's id. */
    public boolean needsKeepId(long uid) {
        return name.equals("podman") && uid != 0;
    }
}
