package io.github.scratchpack.nativeimage;

import java.util.Locale;

/** Where native-image runs. */
public enum BuildMode {
    /** On this machine when a GraalVM is found, else in a container when docker or podman is on PATH. */
    AUTO,
    /** On this machine, with a GraalVM found there. */
    LOCAL,
    /** In the builder image, with docker or podman. */
    CONTAINER;

    /** The mode a user wrote: {@code auto}, {@code local} or {@code container}, in any case. */
    public static BuildMode parse(String text) throws NativeImageException {
        String value = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (BuildMode mode : values()) {
            if (mode.name().equals(value)) {
                return mode;
            }
        }
        throw new NativeImageException("mode \"" + text + "\" is not a build mode. Set <mode> to auto, local or container.");
    }
}
