package io.github.scratchpack.image;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A buffered stream onto a file channel that can also append a whole file with the kernel's file-to-file copy
 * ({@link FileChannel#transferTo}), so that large files are copied without passing through the JVM's heap.
 */
public final class FileChannelOutputStream extends BufferedOutputStream {
    private final FileChannel channel;

    /**
     * @param channel the channel to write, from its current position on; closing this stream closes it
     */
    public FileChannelOutputStream(FileChannel channel) {
        super(Channels.newOutputStream(channel), 1 << 16);
        this.channel = channel;
    }

    /**
     * Appends the first {@code size} bytes of a file, after what was written so far.
     *
     * @param source the file to copy
     * @param size how many bytes to copy: the size the caller saw, such as in a tar header
     * @return {@code size} when the file still has that size; otherwise another number (the bytes it had when it
     *     ended early, its size now when it is longer), and what was appended is not to be used
     * @throws IOException when the file cannot be read or the channel cannot be written
     */
    public long transferFrom(Path source, long size) throws IOException {
        flush();
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            long position = 0;
            while (position < size) {
                long moved = in.transferTo(position, size - position, channel);
                if (moved <= 0) {
                    return position;
                }
                position += moved;
            }
            return in.size();
        }
    }
}
