package io.github.scratchpack.output;

import io.github.scratchpack.image.FileChannelOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a file so that its final path only ever holds a complete file, unless the whole machine crashes (see
 * below): the bytes go to a temporary file beside it, which is renamed over the target, readable by everyone
 * ({@code 0644}), once it is complete. A build that fails, is killed or fills the disk leaves the previous file,
 * or none. The file is not forced to disk before the rename (as jib, {@code docker save} and Maven's own archivers
 * do not): that cost a cold 64 MiB build about 57 ms, and what it protects against is a crash of the whole
 * machine right after the build, which can leave the file short or empty; callers that skip unchanged outputs
 * compare size and time, and write such a file again.
 *
 * <p>Temporaries that a killed build left behind are removed on the next write, and only those: while writing,
 * the writer holds an exclusive lock on its temporary file, which the kernel releases when the writer's process
 * ends, however it ends. A temporary file that can be locked has no writer and is deleted; one that cannot is
 * another build writing the same path at the same time, and is left alone. Where the file system does not support
 * locks, only temporaries untouched for {@link #ABANDONED_AFTER} are deleted.
 */
public final class AtomicFile {
    /** How long a temporary file that cannot be locked must be left unmodified before it counts as abandoned. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
    private static final Set<PosixFilePermission> READABLE_BY_ALL = PosixFilePermissions.fromString("rw-r--r--");
    /**
     * The temporaries this JVM is writing. Another thread of the same JVM must not even open them to try a lock:
     * closing any channel to a file drops every POSIX lock the process holds on it.
     */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

    private AtomicFile() {
    }

    /** What writes the content of the file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param target the final path
     * @param content what writes the bytes
     * @throws IOException when the directory cannot be written or the disk fills; the target is then unchanged
     */
    public static void write(Path target, Content content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temporary;
        try {
            Files.createDirectories(directory);
            refuseSpecialFile(target);
            removeLeftovers(target);
            temporary = Files.createTempFile(directory, temporaryPrefix(target), ".tmp");
        } catch (FileSystemException e) {
            throw unwritable(directory, e);
        }
        WRITING.add(temporary);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = new FileChannelOutputStream(channel)) {
                lock(channel, temporary); // released when the channel closes
                readableByAll(temporary);
                content.writeTo(out);
                out.flush();
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw explain(e, directory);
        } finally {
            Files.deleteIfExists(temporary);
            WRITING.remove(temporary);
        }
    }

    /**
     * Refuses a target that is a directory, a device, a FIFO or a socket: renaming over it would replace it, which
     * the user surely did not mean. Callers that write several files check them all first, so none is written.
     *
     * @param target the final path
     * @throws IOException with a message for the user when the target is such a file
     */
    public static void refuseSpecialFile(Path target) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            // missing, or its directory is missing, a file, or unreadable: the write itself says which, and how to fix it
            return;
        }
        if (!attributes.isRegularFile() && !attributes.isSymbolicLink()) {
            throw new IOException(target + " exists and is not a regular file (it is " + (attributes.isDirectory()
                    ? "a directory" : "a device, a FIFO or a socket") + "), and writing would replace it. Choose another"
                    + " output path with scratchpack.tarball, or remove " + target.getFileName() + " first.");
        }
    }

    /**
     * Locks a new temporary file, so that a concurrent write to the same target does not take it for a leftover.
     * Such a write may have deleted it between its creation and the lock; then the lock is worthless.
     */
    private static void lock(FileChannel channel, Path temporary) throws IOException {
        try {
            channel.lock();
        } catch (IOException e) {
            return; // the file system has no locks: leftovers are then judged by their age
        }
        if (!Files.exists(temporary)) {
            throw new IOException("Another build writing to " + temporary.getParent() + " at the same time removed"
                    + " the temporary file " + temporary.getFileName() + ". Build again, one at a time.");
        }
    }

    /** Temporary files are created 0600; the final file is as readable as any other build output. */
    private static void readableByAll(Path temporary) throws IOException {
        try {
            Files.setPosixFilePermissions(temporary, READABLE_BY_ALL);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions apply
        }
    }

    private static IOException unwritable(Path directory, FileSystemException e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            reason = "a file is in the way of the directory " + e.getFile();
        } else {
            reason = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        }
        return new IOException("Cannot write to " + directory + " (" + reason + "). Choose an output path in a"
                + " directory you can write.", e);
    }

    private static IOException explain(IOException e, Path directory) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
            return new IOException("The disk holding " + directory + " is full. Free some space, or write the tarball"
                    + " elsewhere with scratchpack.tarball; nothing was written to the final path.", e);
        }
        return e;
    }

    private static String temporaryPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    private static void removeLeftovers(Path target) throws IOException {
        String prefix = temporaryPrefix(target);
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(target.toAbsolutePath().getParent(), prefix + "*.tmp")) {
            for (Path leftover : stream) {
                if (!WRITING.contains(leftover) && abandoned(leftover)) {
                    Files.deleteIfExists(leftover);
                }
            }
        }
    }

    /** Whether no process is writing a temporary file: it can be locked, or, without locks, it is old. */
    private static boolean abandoned(Path leftover) throws IOException {
        try (FileChannel channel = FileChannel.open(leftover, StandardOpenOption.WRITE)) {
            try (FileLock lock = channel.tryLock()) {
                return lock != null;
            } catch (OverlappingFileLockException e) {
                return false;
            } catch (IOException e) {
                return untouchedFor(leftover, ABANDONED_AFTER);
            }
        } catch (NoSuchFileException e) {
            return false;
        } catch (FileSystemException e) {
            return untouchedFor(leftover, ABANDONED_AFTER); // such as another user's file, which cannot be locked
        }
    }

    private static boolean untouchedFor(Path file, Duration age) throws IOException {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(Instant.now().minus(age));
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
