package io.github.scratchpack.bench;

import com.jcraft.jzlib.Deflater;
import com.jcraft.jzlib.JZlib;
import io.github.scratchpack.image.DeflateFingerprint;
import io.github.scratchpack.image.ParallelGzipOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

/**
 * Compresses one file to gzip at level 5 on one thread per core, in scratchpack's parallel scheme (1 MiB blocks,
 * each primed with the 32 KiB before it and ended with a sync flush), with the deflate given as the first argument:
 * {@code jdk} (scratchpack's {@link ParallelGzipOutputStream} over the JDK's zlib) or {@code jzlib} (jzlib 1.1.3,
 * a Java port of zlib). {@code fingerprint} instead times {@link DeflateFingerprint} in a fresh JVM.
 * Prints {@code seconds=} for the time from the start of {@code main}.
 * Arguments: jdk|jzlib INPUT OUTPUT, or fingerprint.
 */
public final class DeflateRun {
    private static final int LEVEL = 5;
    private static final int BLOCK = 1 << 20;
    private static final int DICTIONARY = 32 * 1024;

    private DeflateRun() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        int threads = Runtime.getRuntime().availableProcessors();
        switch (args[0]) {
            case "jdk" -> {
                try (InputStream in = Files.newInputStream(Path.of(args[1]));
                     OutputStream out = new ParallelGzipOutputStream(Files.newOutputStream(Path.of(args[2])), LEVEL, threads)) {
                    in.transferTo(out);
                }
            }
            case "jzlib" -> jzlibGzip(Files.readAllBytes(Path.of(args[1])), Path.of(args[2]), threads);
            case "fingerprint" -> System.out.println("fingerprint=" + DeflateFingerprint.of(LEVEL));
            default -> throw new IllegalArgumentException("the first argument is jdk, jzlib or fingerprint");
        }
        System.out.printf("seconds=%.3f%n", (System.nanoTime() - start) / 1e9);
    }

    private static void jzlibGzip(byte[] input, Path target, int threads) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try (OutputStream out = Files.newOutputStream(target)) {
            List<Future<byte[]>> blocks = new ArrayList<>();
            for (int at = 0; at < input.length || at == 0; at += BLOCK) {
                int from = at;
                int length = Math.min(BLOCK, input.length - at);
                boolean last = at + BLOCK >= input.length;
                byte[] preset = Arrays.copyOfRange(input, Math.max(0, at - DICTIONARY), at);
                blocks.add(workers.submit(() -> jzlibBlock(Arrays.copyOfRange(input, from, from + length), preset, last)));
            }
            out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
            for (Future<byte[]> block : blocks) {
                out.write(block.get());
            }
            CRC32 crc = new CRC32();
            crc.update(input);
            long[] trailer = {crc.getValue(), input.length & 0xffffffffL};
            for (long value : trailer) {
                for (int i = 0; i < 4; i++) {
                    out.write((int) (value >>> (8 * i)));
                }
            }
        } finally {
            workers.shutdownNow();
        }
    }

    private static byte[] jzlibBlock(byte[] input, byte[] preset, boolean last) throws IOException {
        // jzlib refuses a preset dictionary on a raw deflate stream, so it writes a zlib stream, whose header (and
        // dictionary ID) and trailing Adler-32 are cut off below.
        Deflater deflater = new Deflater();
        check(deflater.init(LEVEL, 15, false), "init");
        if (preset.length > 0) {
            check(deflater.setDictionary(preset, preset.length), "setDictionary");
        }
        deflater.setInput(input, 0, input.length, false);
        ByteArrayOutputStream output = new ByteArrayOutputStream(input.length / 2 + 1024);
        byte[] chunk = new byte[64 * 1024];
        while (true) {
            deflater.setOutput(chunk, 0, chunk.length);
            int result = deflater.deflate(last ? JZlib.Z_FINISH : JZlib.Z_SYNC_FLUSH);
            output.write(chunk, 0, deflater.next_out_index);
            if (last ? result == JZlib.Z_STREAM_END : deflater.avail_out > 0) {
                break;
            }
            if (result != JZlib.Z_OK) {
                throw new IOException("jzlib deflate failed: " + result);
            }
        }
        deflater.end();
        byte[] zlib = output.toByteArray();
        return Arrays.copyOfRange(zlib, preset.length > 0 ? 6 : 2, zlib.length - (last ? 4 : 0));
    }

    private static void check(int result, String call) throws IOException {
        if (result != JZlib.Z_OK) {
            throw new IOException("jzlib " + call + " failed: " + result);
        }
    }
}
