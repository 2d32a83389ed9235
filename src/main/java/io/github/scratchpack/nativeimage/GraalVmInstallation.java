package io.github.scratchpack.nativeimage;

import java.nio.file.Path;

/**
 * A GraalVM on this machine.
 *
 * @param home        its home directory, the one holding {@code bin} and {@code lib}
 * @param nativeImage its {@code native-image} launcher
 * @param source      where it was found
 */
public record GraalVmInstallation(Path home, Path nativeImage, GraalVmSource source) {
    /** Where GraalVM keeps the JDK's static libraries for musl, which {@code --static --libc=musl} links in. */
    public Path muslStaticLibraries() {
        return home.resolve("lib/static/linux-amd64/musl");
    }

    /** The home and where it came from, for log lines and messages. */
    public String describe() {
        return home + " (from " + source.description() + ")";
    }
}
