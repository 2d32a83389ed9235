package io.github.scratchpack.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducibleTarWriterTest {
    private static final Instant TIME = Instant.parse("2026-01-01T00:00:00.750Z");

    @TempDir
    Path dir;

    private byte[] tar(LayerContents contents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReproducibleTarWriter(TIME).write(contents, out);
        return out.toByteArray();
    }

    static List<TarArchiveEntry> entries(byte[] tar) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private LayerContents sampleLayer(boolean reversed) throws IOException {
        Path source = Files.writeString(dir.resolve("app.toml"), "x = 1\n");
        List<LayerFile> files = new ArrayList<>(List.of(
                LayerFile.file("/etc/passwd", 0644, "root:x:0:0::/:/x\n".getBytes(StandardCharsets.US_ASCII)),
                LayerFile.copyOf(source, "/etc/app/app.toml", 0600),
                LayerFile.directory("/home/nonroot", 0700, 65532, 65532),
                LayerFile.directory("/tmp", 01777)));
        if (reversed) {
            java.util.Collections.reverse(files);
        }
        return LayerContents.of("sample", files);
    }

    /**
     * The digest that scratchpack 0.1.0's writer, which streamed everything through commons-compress's
     * TarArchiveOutputStream, gave for this layer: PAX headers for a non-ASCII and a long name, empty files,
     * contents of exactly 512 and 1024 bytes, a 3 MB source file and an owned directory. The bytes must never
     * change, whether the layer goes to a stream or is copied into a file by the kernel.
     */
    private static final String GOLDEN_DIGEST = "sha256:1e2eecc1a9db478d8b0b0ae98356803fa06ae5fbee813afeda7d706684610e4b";

    private LayerContents goldenLayer() throws IOException {
        byte[] big = new byte[3_000_001];
        new java.util.Random(7).nextBytes(big);
        byte[] exact = new byte[512];
        java.util.Arrays.fill(exact, (byte) 'e');
        byte[] block = new byte[1024];
        java.util.Arrays.fill(block, (byte) 7);
        return LayerContents.of("golden", List.of(
                LayerFile.file("/etc/caf\u00e9/na\u00efve.conf", 0644, "hi".getBytes(StandardCharsets.UTF_8)),
                LayerFile.file("/opt/" + "x".repeat(150) + "/file.txt", 0600, new byte[513]),
                LayerFile.file("/app/empty", 0644, new byte[0]),
                LayerFile.file("/app/block", 0644, block),
                LayerFile.copyOf(Files.write(dir.resolve("big"), big), "/app/bin", 0755),
                LayerFile.copyOf(Files.write(dir.resolve("exact"), exact), "/app/exact", 0755),
                LayerFile.copyOf(Files.write(dir.resolve("empty"), new byte[0]), "/app/empty-copy", 0644),
                LayerFile.directory("/data", 0700, 65532, 65532)));
    }

    @Test
    void bytesAreThoseOfTheCommonsCompressWriterToAStreamAndIntoAFile() throws IOException {
        LayerContents layer = goldenLayer();
        ReproducibleTarWriter writer = new ReproducibleTarWriter(Instant.parse("2026-01-01T00:00:00.5Z"));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        writer.write(layer, stream);
        assertEquals(GOLDEN_DIGEST, Sha256.of(stream.toByteArray()));

        Path file = dir.resolve("layer.tar");
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
             FileChannelOutputStream out = new FileChannelOutputStream(channel)) {
            out.write("prefix".getBytes(StandardCharsets.US_ASCII));
            writer.write(layer, out);
        }
        byte[] written = Files.readAllBytes(file);
        assertEquals("prefix", new String(written, 0, 6, StandardCharsets.US_ASCII));
        assertEquals(GOLDEN_DIGEST, Sha256.of(java.util.Arrays.copyOfRange(written, 6, written.length)));
    }

    @Test
    void aSourceThatShrinksOrGrowsWhileItIsCopiedIsRefused() throws IOException {
        Path source = dir.resolve("app");
        LayerContents layer = LayerContents.of("app", List.of(LayerFile.copyOf(source, "/app/app", 0755)));
        for (int changedSize : new int[] {100, 5000 + (1 << 21)}) {
            Files.write(source, new byte[5000]);
            // The source changes right after its header, with the size it states, has been written.
            java.io.OutputStream changeAfterHeader = new java.io.OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    if (new String(bytes, offset, Math.min(length, 8), StandardCharsets.US_ASCII).equals("app/app\0")) {
                        Files.write(source, new byte[changedSize]);
                    }
                }
            };
            IOException refused = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> new ReproducibleTarWriter(TIME).write(layer, changeAfterHeader));
            assertEquals(source + " changed size while it was being packaged", refused.getMessage());
        }
    }

    @Test
    void sameContentsGiveSameBytesWhateverTheOrder() throws IOException {
        assertArrayEquals(tar(sampleLayer(false)), tar(sampleLayer(true)));
    }

    @Test
    void entriesAreSortedWithParentsNumericOwnersAndWholeSecondTimes() throws IOException {
        List<TarArchiveEntry> entries = entries(tar(sampleLayer(false)));
        List<String> names = entries.stream().map(TarArchiveEntry::getName).toList();
        assertEquals(List.of("etc/", "etc/app/", "etc/app/app.toml", "etc/passwd", "home/", "home/nonroot/", "tmp/"), names);
        for (TarArchiveEntry entry : entries) {
            assertEquals("", entry.getUserName(), entry.getName());
            assertEquals("", entry.getGroupName(), entry.getName());
            assertEquals(Instant.parse("2026-01-01T00:00:00Z"), entry.getLastModifiedTime().toInstant(), entry.getName());
            assertTrue(entry.getExtraPaxHeaders().isEmpty(), entry.getName() + " " + entry.getExtraPaxHeaders());
        }
        TarArchiveEntry home = entries.get(5);
        assertEquals(65532, home.getLongUserId());
        assertEquals(0700, home.getMode() & 07777);
        assertEquals(01777, entries.get(6).getMode() & 07777);
        assertEquals(0600, entries.get(2).getMode() & 07777);
        assertEquals(0, entries.get(2).getLongUserId());
    }

    @Test
    void noAccessOrChangeTimeHeaders() throws IOException {
        String raw = new String(tar(sampleLayer(false)), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("atime="));
        assertFalse(raw.contains("ctime="));
        assertFalse(raw.contains("mtime="));
    }

    @Test
    void nonAsciiNamesRoundTrip() throws IOException {
        Path source = Files.writeString(dir.resolve("grüße.txt"), "hallo\n");
        List<TarArchiveEntry> entries = entries(tar(LayerContents.of("names",
                List.of(LayerFile.copyOf(source, "/etc/grüße/日本語.txt", 0644)))));
        assertEquals("etc/grüße/日本語.txt", entries.get(entries.size() - 1).getName());
    }

    @Test
    void rejectsDuplicatePaths() {
        byte[] content = {1};
        assertThrowsMessage("have the path /a", () -> LayerContents.of("dup",
                List.of(LayerFile.file("/a", 0644, content), LayerFile.file("/a", 0644, content))));
    }

    private static void assertThrowsMessage(String expected, org.junit.jupiter.api.function.Executable action) {
        String message = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, action).getMessage();
        assertTrue(message.contains(expected), message);
    }
}
