package io.github.scratchpack.testing;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a regular file that opening for reading fails on with "permission denied", as it would for a build whose
 * user lacks read access. Root reads a mode-000 file anyway, so as root it takes a write-only sysfs attribute such
 * as {@code /sys/bus/cpu/uevent}, which the kernel refuses to open for reading even to root. Only opened for
 * reading, never written.
 */
public final class UnreadableFiles {
    private UnreadableFiles() {
    }

    /** An unreadable regular file; skips the test where there is none. */
    public static Path find(Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("unreadable"), "no access\n");
        Files.setPosixFilePermissions(file, Set.of());
        if (deniesReading(file)) {
            return file;
        }
        Path buses = Path.of("/sys/bus");
        if (Files.isDirectory(buses)) {
            try (DirectoryStream<Path> all = Files.newDirectoryStream(buses)) {
                for (Path bus : all) {
                    Path uevent = bus.resolve("uevent");
                    if (Files.isRegularFile(uevent) && deniesReading(uevent)) {
                        return uevent;
                    }
                }
            }
        }
        Assumptions.abort("no file here that this user is denied reading: not a mode-000 file, nor /sys/bus/*/uevent");
        return null;
    }

    private static boolean deniesReading(Path file) throws IOException {
        try {
            Files.newByteChannel(file).close();
            return false;
        } catch (AccessDeniedException e) {
            return true;
        }
    }
}
