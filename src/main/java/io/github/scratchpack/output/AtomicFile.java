package io.github.scratchpack.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that its final path only ever holds a complete file: the bytes go to a temporary file beside
 * it, are flushed to disk, and the temporary file is renamed over the target. Temporaries that a killed build left
 * behind are removed on the next write.
 */
public final class AtomicFile {
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
            removeLeftovers(target);
            temporary = Files.createTempFile(directory, temporaryPrefix(target), ".tmp");
        } catch (FileSystemException e) {
            throw unwritable(directory, e);
        }
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
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
                Files.deleteIfExists(leftover);
            }
        }
    }
}
