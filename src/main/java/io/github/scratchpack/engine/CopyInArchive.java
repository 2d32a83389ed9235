package io.github.scratchpack.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The tar archive that {@code cp - <container>:/} unpacks into a remote engine's container: each {@link Mount}'s file
 * or directory tree at its path in the container, under directories the archive creates. Those directories, and
 * writable mounts, may be written by anyone, because the build runs as the user who runs Maven, whom the container
 * does not know.
 */
final class CopyInArchive {
    private static final int WRITABLE_DIRECTORY = 0777;
    private static final int EXECUTABLE = 0755;
    private static final int READABLE = 0644;

    private CopyInArchive() {
    }

    /** Writes the archive of {@code mounts} to {@code out}. */
    static void write(List<Mount> mounts, OutputStream out) throws IOException {
        Set<String> written = new HashSet<>();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Mount mount : mounts) {
                String target = relative(mount.container());
                directories(tar, Path.of(target).getParent(), written);
                if (Files.isDirectory(mount.host())) {
                    tree(tar, mount, target, written);
                } else {
                    file(tar, mount.host(), target);
                }
            }
        }
    }

    private static void tree(TarArchiveOutputStream tar, Mount mount, String target, Set<String> written) throws IOException {
        try (Stream<Path> paths = Files.walk(mount.host())) {
            for (Path path : paths.sorted().toList()) {
                String name = path.equals(mount.host()) ? target : target + "/" + mount.host().relativize(path);
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    directory(tar, name, mount.writable() ? WRITABLE_DIRECTORY : EXECUTABLE, written);
                } else if (Files.isRegularFile(path)) {
                    file(tar, path, name);
                }
            }
        }
    }

    private static void directories(TarArchiveOutputStream tar, Path directory, Set<String> written) throws IOException {
        if (directory == null) {
            return;
        }
        directories(tar, directory.getParent(), written);
        directory(tar, directory.toString(), WRITABLE_DIRECTORY, written);
    }

    private static void directory(TarArchiveOutputStream tar, String name, int mode, Set<String> written) throws IOException {
        if (written.add(name)) {
            TarArchiveEntry entry = new TarArchiveEntry(name + "/");
            entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 | mode);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        }
    }

    private static void file(TarArchiveOutputStream tar, Path file, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(Files.size(file));
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777
                | (permissions.contains(PosixFilePermission.OWNER_EXECUTE) ? EXECUTABLE : READABLE));
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
    }

    private static String relative(String containerPath) {
        String relative = containerPath.replaceAll("^/+", "");
        if (relative.isEmpty()) {
            throw new IllegalArgumentException("A copied file needs a path in the container, not " + containerPath);
        }
        return relative;
    }
}
