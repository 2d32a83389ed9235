package io.github.scratchpack.engine;

import java.util.List;

/**
 * One container to run to its end: what it runs and what it needs from this machine. A local engine bind-mounts
 * {@code mounts}; a remote one, which cannot see this machine's files, gets {@code copiedIn} copied into the
 * container before it starts and {@code copiedOut} copied back after it ends.
 *
 * @param name      the container's name, unique to this run, so that it can be removed when the run is cancelled
 * @param image     the image
 * @param options   {@code run} options other than mounts and the name, such as {@code --user} or {@code --entrypoint}
 * @param arguments the arguments after the image
 * @param mounts    what a local engine mounts
 * @param copiedIn  what is copied into the container of a remote engine; {@code writable} ones become directories
 *                  anyone in the container may write to
 * @param copiedOut what is copied back from the container of a remote engine: {@code container} to {@code host}
 */
public record ContainerRun(String name, String image, List<String> options, List<String> arguments, List<Mount> mounts,
        List<Mount> copiedIn, List<Mount> copiedOut) {
    /** Keeps its own copies of the lists. */
    public ContainerRun {
        options = List.copyOf(options);
        arguments = List.copyOf(arguments);
        mounts = List.copyOf(mounts);
        copiedIn = List.copyOf(copiedIn);
        copiedOut = List.copyOf(copiedOut);
    }

    /** A run that needs nothing from this machine. */
    public static ContainerRun withoutFiles(String name, String image, List<String> options, List<String> arguments) {
        return new ContainerRun(name, image, options, arguments, List.of(), List.of(), List.of());
    }
}
