package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A directory to use as {@code PATH} for a Maven build that must find no musl compiler, no container engine and no
 * native-image: it holds links to only what Maven's {@code mvn} script runs, and {@code java}. On Debian
 * {@code /usr/bin} has {@code x86_64-linux-musl-gcc} and {@code podman}, so leaving it out is the only way to hide them.
 */
public final class ShellOnlyPath {
    private static final List<String> MVN_SCRIPT_TOOLS = List.of("sh", "dirname", "expr", "ls", "tr", "uname", "pwd");

    private ShellOnlyPath() {
    }

    /** Makes the directory; returns it. */
    public static Path create(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (String tool : MVN_SCRIPT_TOOLS) {
            link(directory.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
        link(directory.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        return directory;
    }

    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }
}
