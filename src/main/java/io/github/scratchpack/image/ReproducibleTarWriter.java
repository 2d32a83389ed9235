package io.github.scratchpack.image;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a layer as a tar stream that depends only on its contents: entries in path order, numeric owners with
 * empty owner names, one whole-second modification time, no access or change times, and PAX headers only where
 * a name is not ASCII or a number does not fit the classic header (files over 8 GiB).
 */
public final class ReproducibleTarWriter {
    /** One 512-byte block per record, instead of tar's traditional 10 KiB, so small layers stay small. */
    private static final int RECORD_SIZE = 512;
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
        TarArchiveOutputStream tar = new TarArchiveOutputStream(
                new BufferedOutputStream(new NonClosingOutputStream(out), 1 << 16), RECORD_SIZE, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        for (LayerFile file : layer.files()) {
            writeEntry(tar, file);
        }
        tar.finish();
        tar.close();
    }

    private void writeEntry(TarArchiveOutputStream tar, LayerFile file) throws IOException {
        String name = file.path().substring(1) + (file.directory() ? "/" : "");
        TarArchiveEntry entry = new TarArchiveEntry(name, file.directory() ? TarArchiveEntry.LF_DIR : TarArchiveEntry.LF_NORMAL);
        entry.setMode(file.mode());
        entry.setUserId(file.uid());
        entry.setGroupId(file.gid());
        entry.setUserName("");
        entry.setGroupName("");
        entry.setLastModifiedTime(FileTime.from(modificationTime));
        if (file.directory()) {
            tar.putArchiveEntry(entry);
        } else if (file.bytes() != null) {
            entry.setSize(file.bytes().length);
            tar.putArchiveEntry(entry);
            tar.write(file.bytes());
        } else {
            entry.setSize(Files.size(file.source()));
            tar.putArchiveEntry(entry);
            try (InputStream in = Files.newInputStream(file.source())) {
                long copied = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    tar.write(buffer, 0, n);
                    copied += n;
                }
                if (copied != entry.getSize()) {
                    throw new IOException(file.source() + " changed size while it was being packaged");
                }
            }
        }
        tar.closeArchiveEntry();
    }
}
