package io.github.scratchpack.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a layer as a tar stream that depends only on its contents: entries in path order, numeric owners with
 * empty owner names, one whole-second modification time, no access or change times, and PAX headers only where
 * a name is not ASCII or a number does not fit the classic header (files over 8 GiB).
 *
 * <p>commons-compress formats each entry's header records. The contents go straight to the output in large
 * writes rather than through commons-compress, which passes them on one 512-byte record at a time; into a
 * {@link FileChannelOutputStream} a source file is copied by the kernel without passing through the JVM at all.
 */
public final class ReproducibleTarWriter {
    /** One 512-byte block per record, instead of tar's traditional 10 KiB, so small layers stay small. */
    private static final int RECORD_SIZE = 512;
    /** Two zero records end a tar archive. */
    private static final byte[] END_OF_ARCHIVE = new byte[2 * RECORD_SIZE];
    private final Instant modificationTime;
    private final byte[] buffer = new byte[1 << 20];

    /**
     * @param modificationTime the time stamped on every entry; fractions of a second are dropped
     */
    public ReproducibleTarWriter(Instant modificationTime) {
        this.modificationTime = Instant.ofEpochSecond(modificationTime.getEpochSecond());
    }

    /**
     * Writes the layer's entries and the end-of-archive marker, leaving {@code out} open.
     *
     * @param layer the entries to write
     * @param out where the tar stream goes
     * @throws IOException when a source file cannot be read or the stream cannot be written
     */
    public void write(LayerContents layer, OutputStream out) throws IOException {
        for (LayerFile file : layer.files()) {
            writeEntry(file, out);
        }
        out.write(END_OF_ARCHIVE);
        out.flush();
    }

    private void writeEntry(LayerFile file, OutputStream out) throws IOException {
        long size = file.directory() ? 0 : file.bytes() != null ? file.bytes().length : Files.size(file.source());
        out.write(headerRecords(file, size));
        if (file.bytes() != null) {
            out.write(file.bytes());
        } else if (file.source() != null) {
            copy(file.source(), size, out);
        }
        int partial = (int) (size % RECORD_SIZE);
        if (partial != 0) {
            out.write(new byte[RECORD_SIZE - partial]);
        }
    }

    /**
     * The records that precede an entry's contents: a PAX extended header where one is needed, then the entry's
     * own header, exactly as commons-compress writes them into a tar stream.
     */
    private byte[] headerRecords(LayerFile file, long size) throws IOException {
        String name = file.path().substring(1) + (file.directory() ? "/" : "");
        TarArchiveEntry entry = new TarArchiveEntry(name, file.directory() ? TarArchiveEntry.LF_DIR : TarArchiveEntry.LF_NORMAL);
        entry.setMode(file.mode());
        entry.setUserId(file.uid());
        entry.setGroupId(file.gid());
        entry.setUserName("");
        entry.setGroupName("");
        entry.setLastModifiedTime(FileTime.from(modificationTime));
        entry.setSize(size);
        ByteArrayOutputStream records = new ByteArrayOutputStream(2 * RECORD_SIZE);
        // Only the header is wanted: the stream is dropped after putArchiveEntry, which has written it whole
        // (each record is passed on as soon as it is full), and holds nothing but memory.
        TarArchiveOutputStream tar = new TarArchiveOutputStream(records, RECORD_SIZE, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        tar.putArchiveEntry(entry);
        return records.toByteArray();
    }

    private void copy(Path source, long size, OutputStream out) throws IOException {
        long copied = out instanceof FileChannelOutputStream channelOut
                ? channelOut.transferFrom(source, size)
                : stream(source, size, out);
        if (copied != size) {
            throw new IOException(source + " changed size while it was being packaged");
        }
    }

    /**
     * Copies a source through the JVM and returns how many bytes it had, reading at most one byte past the size
     * in the header: enough to notice that the file grew, without reading on while it keeps growing.
     */
    private long stream(Path source, long size, OutputStream out) throws IOException {
        long copied = 0;
        try (InputStream in = Files.newInputStream(source)) {
            while (copied <= size) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, size + 1 - copied));
                if (n < 0) {
                    break;
                }
                if (copied + n <= size) {
                    out.write(buffer, 0, n);
                }
                copied += n;
            }
        }
        return copied;
    }
}
