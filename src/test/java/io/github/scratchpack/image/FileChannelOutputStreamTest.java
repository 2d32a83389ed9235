package io.github.scratchpack.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChannelOutputStreamTest {
    @TempDir
    Path dir;

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** Writes "head", copies {@code size} bytes of the source, writes "tail"; returns what transferFrom returned. */
    private long copy(Path source, long size, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             FileChannelOutputStream out = new FileChannelOutputStream(channel)) {
            out.write("head".getBytes(StandardCharsets.US_ASCII));
            long copied = out.transferFrom(source, size);
            out.write("tail".getBytes(StandardCharsets.US_ASCII));
            return copied;
        }
    }

    private static byte[] concat(String head, byte[] body, String tail) {
        byte[] all = Arrays.copyOf(head.getBytes(StandardCharsets.US_ASCII), head.length() + body.length + tail.length());
        System.arraycopy(body, 0, all, head.length(), body.length);
        System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, all, head.length() + body.length, tail.length());
        return all;
    }

    @Test
    void copiesAWholeFileBetweenBufferedWritesInOrder() throws IOException {
        byte[] body = random(3 << 20);
        Path source = Files.write(dir.resolve("source"), body);
        assertEquals(body.length, copy(source, body.length, dir.resolve("out")));
        assertArrayEquals(concat("head", body, "tail"), Files.readAllBytes(dir.resolve("out")));
    }

    @Test
    void copiesAnEmptyFile() throws IOException {
        Path source = Files.write(dir.resolve("source"), new byte[0]);
        assertEquals(0, copy(source, 0, dir.resolve("out")));
        assertArrayEquals(concat("head", new byte[0], "tail"), Files.readAllBytes(dir.resolve("out")));
    }

    @Test
    void reportsAFileShorterOrLongerThanTheCallerSaw() throws IOException {
        Path source = Files.write(dir.resolve("source"), random(1000));
        assertEquals(1000, copy(source, 4096, dir.resolve("shorter")), "a file that shrank: the bytes it had");
        assertEquals(1000, copy(source, 10, dir.resolve("longer")), "a file that grew: its size now");
        assertArrayEquals(concat("head", Arrays.copyOf(random(1000), 10), "tail"), Files.readAllBytes(dir.resolve("longer")));
    }
}
