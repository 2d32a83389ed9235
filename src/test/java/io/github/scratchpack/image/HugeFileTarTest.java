package io.github.scratchpack.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An executable over 8 GiB, the limit of the classic tar size field, must get a PAX size header. */
class HugeFileTarTest {
    private static final long SIZE = 8L * 1024 * 1024 * 1024 + 4097;

    /** Keeps the first bytes of the stream and counts the rest. */
    private static final class HeadAndCount extends OutputStream {
        final byte[] head = new byte[8192];
        long count;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (count < head.length) {
                System.arraycopy(bytes, offset, head, (int) count, (int) Math.min(length, head.length - count));
            }
            count += length;
        }
    }

    @Test
    void sparseFileOver8GibGetsPaxSizeAndRoundTripsItsHeader(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("huge");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(SIZE);
        }
        HeadAndCount out = new HeadAndCount();
        new ReproducibleTarWriter(Instant.EPOCH).write(LayerContents.of("huge",
                List.of(LayerFile.copyOf(big, "/app/huge", 0755))), out);

        long padded = (SIZE + 511) / 512 * 512;
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.head))) {
            TarArchiveEntry directory = in.getNextEntry();
            assertEquals("app/", directory.getName());
            TarArchiveEntry entry = in.getNextEntry();
            assertEquals("app/huge", entry.getName());
            assertEquals(SIZE, entry.getSize());
            assertEquals(0755, entry.getMode() & 07777);
        }
        long headers = out.count - padded - 1024;
        assertEquals(0, headers % 512);
        assertEquals(true, headers <= 4 * 512, "headers take " + headers + " bytes");
    }
}
