package io.github.scratchpack.nativeimage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a build is laid out in the builder container, and the engine command that runs it. The project's build
 * directory is mounted read-write at {@code /scratchpack/target} (the executable and the argfile go there), each
 * classpath entry read-only under {@code /scratchpack/classpath/<n>/}, and native-image runs as the user who runs
 * Maven, so that the executable belongs to that user.
 */
public final class ContainerLayout {
    /** Where the build directory is mounted. */
    public static final Path TARGET = Path.of("/scratchpack/target");
    /** Under which the classpath entries are mounted. */
    public static final Path CLASSPATH = Path.of("/scratchpack/classpath");

    private final Path buildDirectory;
    private final List<Path> classpath;

    /**
     * @param buildDirectory the project's build directory, which holds the executable
     * @param classpath      the classpath entries to mount
     */
    public ContainerLayout(Path buildDirectory, List<Path> classpath) {
        this.buildDirectory = buildDirectory.toAbsolutePath().normalize();
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
     * The engine command that runs native-image in the builder image.
     *
     * @param arguments native-image's arguments, with paths as the container sees them
     */
    public List<String> runCommand(ContainerEngine engine, String builderImage, long uid, long gid, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(engine.executable().toString(), "run", "--rm",
                "--user", uid + ":" + gid));
        if (engine.needsKeepId(uid)) {
            command.add("--userns=keep-id");
        }
        command.addAll(List.of("--workdir", TARGET.toString(), "--volume", buildDirectory + ":" + TARGET + ":rw"));
        for (Path entry : classpath) {
            command.addAll(List.of("--volume", entry + ":" + inContainer(entry) + ":ro"));
        }
        command.addAll(List.of("--entrypoint", "native-image", builderImage));
        command.addAll(arguments);
        return command;
    }

    /** The engine command that asks the builder image's native-image for its version. */
    public static List<String> versionCommand(ContainerEngine engine, String builderImage) {
        return List.of(engine.executable().toString(), "run", "--rm", "--entrypoint", "native-image", builderImage, "--version");
    }
}
