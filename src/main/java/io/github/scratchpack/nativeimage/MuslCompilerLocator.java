package io.github.scratchpack.nativeimage;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the musl C compiler: the configured one ({@code muslCompiler}, a path or a name on PATH), or else
 * {@code x86_64-linux-musl-gcc} on PATH, which is the name native-image itself looks for.
 *
 * <p>Debian's and Ubuntu's {@code musl-tools} install {@code x86_64-linux-musl-gcc}. Some other distributions
 * install only {@code musl-gcc}: it is not used unasked, since native-image would not find it either, but the
 * message says how to use it when it is there.
 */
public final class MuslCompilerLocator {
    private static final String SHORT_NAME = "musl-gcc";

    private MuslCompilerLocator() {
    }

    /**
     * The compiler to link with.
     *
     * @param configured    the {@code muslCompiler} parameter, or {@code null}
     * @param pathValue     the {@code PATH} to search
     * @param baseDirectory what a relative compiler path is relative to (the project's directory)
     */
    public static MuslCompiler locate(String configured, String pathValue, Path baseDirectory) throws NativeImageException {
        if (configured != null && !configured.isBlank()) {
            return configuredCompiler(configured.trim(), pathValue, baseDirectory);
        }
        Optional<Path> standard = ExecutableSearch.onPath(MuslCompiler.DEFAULT_NAME, pathValue);
        if (standard.isPresent()) {
            return new MuslCompiler(standard.get(), MuslCompiler.DEFAULT_NAME);
        }
        Optional<Path> shortName = ExecutableSearch.onPath(SHORT_NAME, pathValue);
        String remedy = shortName.isPresent()
                ? "Use " + shortName.get() + ", which is on PATH: set <muslCompiler>" + SHORT_NAME
                        + "</muslCompiler> (or -Dscratchpack.muslCompiler=" + SHORT_NAME + ")."
                : "Install a musl toolchain (on Debian or Ubuntu: apt-get install musl-tools) and put its bin directory"
                        + " on PATH, or set <muslCompiler> to its compiler.";
        throw new NativeImageException("The musl C compiler " + MuslCompiler.DEFAULT_NAME
                + " is not on PATH, and native-image --static --libc=musl links with it. " + remedy);
    }

    private static MuslCompiler configuredCompiler(String configured, String pathValue, Path baseDirectory)
            throws NativeImageException {
        if (configured.contains("/")) {
            Path path = baseDirectory.resolve(configured).normalize();
            if (!ExecutableSearch.isExecutableFile(path)) {
                throw new NativeImageException("muslCompiler is " + configured + ", but " + path
                        + " is not an executable file. Set muslCompiler to the musl C compiler's path or its name on PATH.");
            }
            return new MuslCompiler(path, configured);
        }
        return new MuslCompiler(ExecutableSearch.onPath(configured, pathValue).orElseThrow(() -> new NativeImageException(
                "muslCompiler is " + configured + ", but there is no " + configured
                        + " on PATH. Install it, or set muslCompiler to the compiler's full path.")), configured);
    }
}
