package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Checks that a GraalVM ships the JDK's static libraries built for musl, which a static musl executable links in. */
public final class StaticJdkLibrariesCheck {
    private StaticJdkLibrariesCheck() {
    }

    /** Fails unless {@code lib/static/linux-amd64/musl} holds static libraries ({@code *.a}). */
    public static void require(GraalVmInstallation graalvm) throws NativeImageException, IOException {
        Path directory = graalvm.muslStaticLibraries();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                if (files.anyMatch(file -> file.getFileName().toString().endsWith(".a"))) {
                    return;
                }
            }
        }
        throw new NativeImageException("The GraalVM at " + graalvm.describe() + " has no static JDK libraries for musl ("
                + directory + " is missing or holds no .a files), so it cannot link --static --libc=musl. Use a GraalVM"
                + " for JDK 17 or newer for linux-amd64 that ships lib/static/linux-amd64/musl, such as GraalVM Community"
                + " Edition or Oracle GraalVM.");
    }
}
