package io.github.scratchpack.nativeimage;

import java.util.List;

/**
 * How to run the builder image when native-image runs in a container.
 *
 * @param image        the image with GraalVM and a musl toolchain
 * @param engine       {@code auto}, {@code docker} or {@code podman}, chosen as every goal chooses its engine
 * @param remoteEngine whether to treat the engine as remote (copying files instead of mounting them) even when its
 *                     address variable does not say so
 * @param runOptions   more {@code run} options for the builder container, after the plugin's own
 */
public record BuilderContainer(String image, String engine, boolean remoteEngine, List<String> runOptions) {
    /** Keeps its own copy of the options. */
    public BuilderContainer {
        runOptions = List.copyOf(runOptions);
    }
}
