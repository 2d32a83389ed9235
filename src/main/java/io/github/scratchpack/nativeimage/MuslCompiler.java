package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The musl C compiler that native-image links the static executable with.
 *
 * @param path    the compiler, as passed to {@code --native-compiler-path}
 * @param command how the user named it, for messages
 */
public record MuslCompiler(Path path, String command) {
    /** The name native-image looks for on PATH when it is given no compiler. */
    public static final String DEFAULT_NAME = "x86_64-linux-musl-gcc";

    /**
     * Who this compiler is, for the up-to-date check: its real path, the digest of that file (so a changed wrapper
     * script counts) and the first line of {@code --version}.
     *
     * @throws NativeImageException when the compiler does not run
     */
    public String identity() throws NativeImageException, IOException {
        ShortCommand.Result version = ShortCommand.run(List.of(path.toString(), "--version"), Duration.ofSeconds(30));
        if (!version.succeeded()) {
            throw new NativeImageException("The musl compiler " + path + " does not run: " + path + " --version exited with "
                    + version.exitCode() + ": " + version.output().strip() + ". Fix or replace it (see muslCompiler).");
        }
        Path real = path.toRealPath();
        String firstLine = version.output().strip().lines().findFirst().orElse("");
        return real + " " + ContentDigest.of(real) + " " + firstLine;
    }
}
