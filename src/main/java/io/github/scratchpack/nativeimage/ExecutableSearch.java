package io.github.scratchpack.nativeimage;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Finds an executable by name in the directories of a {@code PATH} value, first match first, as a shell does. */
public final class ExecutableSearch {
    private ExecutableSearch() {
    }

    /** The first executable regular file called {@code name} in {@code pathValue}; empty when there is none. */
    public static Optional<Path> onPath(String name, String pathValue) {
        if (pathValue == null) {
            return Optional.empty();
        }
        for (String directory : pathValue.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(directory, name);
                if (isExecutableFile(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException e) {
                // A PATH entry that is no path holds no executable.
            }
        }
        return Optional.empty();
    }

    /** Whether a path is a regular file that may be executed. */
    public static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
