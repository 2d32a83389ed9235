package io.github.scratchpack.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.scratchpack.testing.ExternalTool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelGzipOutputStreamTest {
    private static final int BLOCK = ParallelGzipOutputStream.BLOCK_SIZE;

    /** Compressible but not trivial: words drawn from a small vocabulary, like text or machine code. */
    static byte[] sample(int size, long seed) {
        Random random = new Random(seed);
        byte[][] words = new byte[64][];
        for (int i = 0; i < words.length; i++) {
            words[i] = new byte[3 + random.nextInt(9)];
            random.nextBytes(words[i]);
        }
        byte[] out = new byte[size];
        for (int at = 0; at < size; ) {
            byte[] word = words[random.nextInt(words.length)];
            int n = Math.min(word.length, size - at);
            System.arraycopy(word, 0, out, at, n);
            at += n;
        }
        return out;
    }

    static byte[] compress(byte[] input, int threads, int writeSize) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream gzip = new ParallelGzipOutputStream(sink, 6, threads)) {
            for (int at = 0; at < input.length; at += writeSize) {
                gzip.write(input, at, Math.min(writeSize, input.length - at));
            }
        }
        return sink.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 12345})
    void roundTripsThroughTheJdkGzipReader(int size) throws IOException {
        byte[] input = sample(size, size);
        byte[] compressed = compress(input, 3, 7919);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            assertArrayEquals(input, in.readAllBytes());
        }
    }

    @Test
    void bytesDoNotDependOnThreadCountOrWriteSizes() throws IOException {
        byte[] input = sample(5 * BLOCK + 77, 42);
        byte[] one = compress(input, 1, 1 << 16);
        assertArrayEquals(one, compress(input, 2, 4096));
        assertArrayEquals(one, compress(input, 8, 1 << 20));
    }

    @Test
    void headerHasNoTimeAndUnknownOperatingSystem() throws IOException {
        byte[] compressed = compress(sample(100, 1), 2, 100);
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff}, Arrays.copyOf(compressed, 10));
    }

    @Test
    void dictionaryPrimingKeepsRatioCloseToOneStream() throws IOException {
        byte[] input = sample(4 * BLOCK, 7);
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (OutputStream gzip = new java.util.zip.GZIPOutputStream(single)) {
            gzip.write(input);
        }
        int parallel = compress(input, 2, 1 << 16).length;
        assertEquals(single.size(), parallel, single.size() * 0.01, "parallel " + parallel + " vs single " + single.size());
    }

    @Test
    void passesGzipIntegrityTest(@TempDir Path dir) throws Exception {
        Path gzip = ExternalTool.require("gzip");
        byte[] input = sample(2 * BLOCK + 5, 9);
        Path file = Files.write(dir.resolve("data.gz"), compress(input, 2, 65536));
        ExternalTool.check(List.of(gzip.toString(), "-t", file.toString()));
        String listing = ExternalTool.check(List.of(gzip.toString(), "-l", file.toString()));
        assertEquals(true, listing.contains(String.valueOf(input.length)), listing);
    }
}
