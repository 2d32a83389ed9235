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
