package io.github.scratchpack.nativeimage;

import io.github.scratchpack.engine.ContainerEngine;
import io.github.scratchpack.engine.ContainerRun;
import io.github.scratchpack.engine.EngineException;
import io.github.scratchpack.engine.Mount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a build is laid out in the builder container, and the {@code run} options that start it. The project's build
 * directory is at {@code /scratchpack/target} (the executable and the argfile go there), each classpath entry
 * read-only under {@code /scratchpack/classpath/<n>/}, and native-image runs as the user who runs Maven, so that the
 * executable belongs to that user (with a rootless Docker daemon: the daemon's user, who is the container's root). A
 * local engine mounts the build directory and the classpath; a remote one gets the classpath and the work directory
 * copied in, and the executable copied out.
 */
public final class ContainerLayout {
    /** Where the build directory is mounted. */
    public static final Path TARGET = Path.of("/scratchpack/target");
    /** Under which the classpath entries are mounted. */
    public static final Path CLASSPATH = Path.of("/scratchpack/classpath");

    private final Path buildDirectory;
    private final Path workDirectory;
    private final List<Path> classpath;

    /**
     * @param buildDirectory the project's build directory, which holds the executable
     * @param workDirectory  the directory in the build directory with the argfile and the reachability metadata
     * @param classpath      the classpath entries to mount
     */
    public ContainerLayout(Path buildDirectory, Path workDirectory, List<Path> classpath) {
        this.buildDirectory = buildDirectory.toAbsolutePath().normalize();
        this.workDirectory = workDirectory.toAbsolutePath().normalize();
        this.classpath = classpath.stream().map(entry -> entry.toAbsolutePath().normalize()).distinct().toList();
    }

    /** Where a classpath entry, or a file in the build directory, is in the container. */
    public Path inContainer(Path hostPath) {
        Path absolute = hostPath.toAbsolutePath().normalize();
        int index = classpath.indexOf(absolute);
        if (index >= 0) {
            return CLASSPATH.resolve(Integer.toString(index)).resolve(absolute.getFileName().toString());
        }
        if (absolute.startsWith(buildDirectory)) {
            return TARGET.resolve(buildDirectory.relativize(absolute).toString());
        }
        throw new IllegalArgumentException(hostPath + " is neither on the classpath nor in " + buildDirectory);
    }

    /**
     * The container that runs native-image in the builder image.
     *
     * @param name         the container's name
     * @param output       the executable native-image writes, on this machine
     * @param extraOptions more {@code run} options, after the plugin's own
     * @param arguments    native-image's arguments, with paths as the container sees them
     * @throws EngineException when the engine cannot be asked whether it runs rootless
     */
    public ContainerRun build(ContainerEngine engine, String name, String builderImage, long uid, long gid, Path output,
            List<String> extraOptions, List<String> arguments) throws EngineException {
        List<String> options = new ArrayList<>(userOptions(engine, uid, gid));
        options.addAll(List.of("--workdir", TARGET.toString(), "--entrypoint", "native-image"));
        options.addAll(extraOptions);
        List<Mount> mounts = new ArrayList<>(List.of(new Mount(buildDirectory, TARGET.toString(), true)));
        List<Mount> copiedIn = new ArrayList<>();
        for (Path entry : classpath) {
            Mount mount = new Mount(entry, inContainer(entry).toString(), false);
            mounts.add(mount);
            copiedIn.add(mount);
        }
        copiedIn.add(new Mount(workDirectory, inContainer(workDirectory).toString(), true));
        return new ContainerRun(name, builderImage, options, arguments, mounts, copiedIn,
                List.of(new Mount(output, inContainer(output).toString(), false)));
    }

    /**
     * The container that asks the builder image's native-image for its version.
     *
     * @param extraOptions more {@code run} options, after the plugin's own, as for the build
     */
    public static ContainerRun version(String name, String builderImage, List<String> extraOptions) {
        List<String> options = new ArrayList<>(List.of("--entrypoint", "native-image"));
        options.addAll(extraOptions);
        return ContainerRun.withoutFiles(name, builderImage, options, List.of("--version"));
    }

    /**
     * The options that make the container's user the host user who owns the build directory. As a rule that is
     * {@code --user <uid>:<gid>}, plus {@code --userns=keep-id} for rootless podman. With a rootless Docker daemon it is
     * the container's root, the only container user that is the daemon's user on the host: any other is a
     * subordinate id, which could not even write the executable into the build directory.
     */
    private static List<String> userOptions(ContainerEngine engine, long uid, long gid) throws EngineException {
        if (engine.rootlessDocker()) {
            return List.of("--user", "0:0");
        }
        List<String> options = new ArrayList<>(List.of("--user", uid + ":" + gid));
        if (needsKeepId(engine, uid)) {
            options.add("--userns=keep-id");
        }
        return options;
    }

    /** Whether podman runs as an ordinary user here, where the container's user namespace must keep the user's id. */
    private static boolean needsKeepId(ContainerEngine engine, long uid) {
        return engine.name().equals("podman") && !engine.remote() && uid != 0;
    }
}
