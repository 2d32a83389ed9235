package io.github.scratchpack.image;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

/**
 * Writes one standard gzip member, compressing fixed-size blocks on several threads at once, as pigz does.
 *
 * <p>Each block is deflated on its own ({@link BlockDeflater}), primed with the last 32 KiB of the block before it
 * as a preset dictionary, and ended with a sync flush so that the blocks concatenate into one valid deflate stream.
 * Block boundaries depend only on the input, never on the number of threads, so the output is the same bytes on
 * any machine whose JDK deflates alike (its zlib; see {@link DeflateFingerprint}). The header has a zero
 * modification time and the "unknown" operating system byte, so nothing about the build host leaks in.
 * Memory stays bounded: at most two blocks per thread are in flight.
 */
public final class ParallelGzipOutputStream extends OutputStream {
    /** Size of the independently compressed blocks; part of the output format, so never derived from the host. */
    static final int BLOCK_SIZE = 1 << 20;
    private static final int DICTIONARY_SIZE = 32 * 1024;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final OutputStream out;
    private final int level;
    private final int maxInFlight;
    private final ExecutorService workers;
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private final Deque<byte[]> freeBlocks = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private byte[] block = new byte[BLOCK_SIZE];
    private int filled;
    private byte[] dictionary;
    private long totalIn;
    private boolean closed;

    /**
     * @param out where the gzip stream goes; it is closed with this stream
     * @param level the deflate level, 1 (fastest) to 9 (smallest)
     * @param threads how many blocks to compress at once; it never changes the output
     */
    public ParallelGzipOutputStream(OutputStream out, int level, int threads) throws IOException {
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("The gzip level must be 1 to 9, not " + level);
        }
        this.out = out;
        this.level = level;
        this.maxInFlight = Math.max(1, threads) * 2;
        this.workers = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "scratchpack-gzip");
            thread.setDaemon(true);
            return thread;
        });
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        crc.update(bytes, offset, length);
        totalIn += length;
        while (length > 0) {
            if (filled == BLOCK_SIZE) {
                submit(false);
            }
            int n = Math.min(length, BLOCK_SIZE - filled);
            System.arraycopy(bytes, offset, block, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] input = block;
        int length = filled;
        byte[] preset = dictionary;
        inFlight.add(new InFlight(workers.submit(() -> BlockDeflater.deflate(level, input, length, preset, last)), input));
        dictionary = Arrays.copyOfRange(input, Math.max(0, length - DICTIONARY_SIZE), length);
        block = freeBlocks.isEmpty() ? new byte[BLOCK_SIZE] : freeBlocks.pop();
        filled = 0;
        while (inFlight.size() >= maxInFlight) {
            drainOne();
        }
    }

    private void drainOne() throws IOException {
        try {
            InFlight next = inFlight.removeFirst();
            out.write(next.output().get());
            freeBlocks.push(next.input());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("Compressing a layer failed: " + e.getCause(), e.getCause());
        }
    }

    /** Compresses what is buffered, writes the trailer and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            submit(true);
            while (!inFlight.isEmpty()) {
                drainOne();
            }
            byte[] trailer = new byte[8];
            putIntLittleEndian(trailer, 0, crc.getValue());
            putIntLittleEndian(trailer, 4, totalIn);
            out.write(trailer);
        } finally {
            workers.shutdownNow();
            out.close();
        }
    }

    private static void putIntLittleEndian(byte[] target, int at, long value) {
        for (int i = 0; i < 4; i++) {
            target[at + i] = (byte) (value >>> (8 * i));
        }
    }

    /** A block being compressed, and its input buffer, which is reused once the block is written. */
    private record InFlight(Future<byte[]> output, byte[] input) {
    }
}
