package io.github.scratchpack.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class ZstdCompressionTest {
    private static byte[] compress(byte[] input, int threads) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream zstd = Compression.ZSTD.compress(sink, 3, threads)) {
            for (int at = 0; at < input.length; at += 100_000) {
                zstd.write(input, at, Math.min(100_000, input.length - at));
            }
        }
        return sink.toByteArray();
    }

    @Test
    void bytesDoNotDependOnThreadCountAndRoundTrip() throws IOException {
        byte[] input = ParallelGzipOutputStreamTest.sample(24 << 20, 3);
        byte[] one = compress(input, 1);
        assertArrayEquals(one, compress(input, 2));
        assertArrayEquals(one, compress(input, 4));
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(one))) {
            assertArrayEquals(input, in.readAllBytes());
        }
        assertTrue(one.length < input.length / 2);
    }
}
