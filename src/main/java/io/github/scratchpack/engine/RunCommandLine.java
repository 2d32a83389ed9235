package io.github.scratchpack.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine command lines that run a {@link ContainerRun}: {@code run --rm} with bind mounts for a local engine, or
 * {@code create} without them for a remote one, which gets the files copied instead.
 *
 * <p>Bind mounts carry the SELinux options that podman and docker need on hosts that enforce SELinux (Fedora, RHEL):
 * a writable mount is relabelled for containers ({@code z}), which suits a directory that belongs to the build; read-only
 * mounts are not relabelled, because they are the user's own files (the local Maven repository), so label separation
 * is turned off for the container instead ({@code --security-opt label=disable}). Hosts without SELinux ignore both.
 */
final class RunCommandLine {
    /** Label separation off, so that a container may read mounts that keep their own SELinux label. */
    static final String LABEL_DISABLE = "label=disable";

    private RunCommandLine() {
    }

    /** {@code run --rm --name <name>}, the mounts with their SELinux options, the options, the image and its arguments. */
    static List<String> run(String executable, ContainerRun run) {
        List<String> command = new ArrayList<>(List.of(executable, "run", "--rm", "--name", run.name()));
        for (Mount mount : run.mounts()) {
            command.addAll(List.of("--volume", mount.host() + ":" + mount.container() + (mount.writable() ? ":rw,z" : ":ro")));
        }
        if (run.mounts().stream().anyMatch(mount -> !mount.writable())) {
            command.addAll(List.of("--security-opt", LABEL_DISABLE));
        }
        return finish(command, run);
    }

    /** {@code create --name <name>}, the options, the image and its arguments: no mounts. */
    static List<String> create(String executable, ContainerRun run) {
        return finish(new ArrayList<>(List.of(executable, "create", "--name", run.name())), run);
    }

    private static List<String> finish(List<String> command, ContainerRun run) {
        command.addAll(run.options());
        command.add(run.image());
        command.addAll(run.arguments());
        return List.copyOf(command);
    }
}
