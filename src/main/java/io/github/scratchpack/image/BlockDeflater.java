package io.github.scratchpack.image;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Deflates one block of a parallel gzip stream with the JDK's {@link Deflater}: primed with the end of the block
 * before it as a preset dictionary, and ended with a sync flush (or, for the last block, the end of the stream), so
 * that the blocks concatenate into one valid deflate stream.
 */
final class BlockDeflater {
    private BlockDeflater() {
    }

    /**
     * @param level the deflate level, 1 to 9
     * @param input the block's bytes
     * @param length how many bytes of {@code input} belong to the block
     * @param preset the last bytes of the block before, or {@code null} for the first block
     * @param last whether this block ends the stream
     * @return the raw deflate bytes of the block
     */
    static byte[] deflate(int level, byte[] input, int length, byte[] preset, boolean last) {
        Deflater deflater = new Deflater(level, true);
        try {
            if (preset != null && preset.length > 0) {
                deflater.setDictionary(preset);
            }
            deflater.setInput(input, 0, length);
            if (last) {
                deflater.finish();
            }
            ChunkBuffer output = new ChunkBuffer(length / 2 + 1024);
            byte[] chunk = new byte[64 * 1024];
            while (true) {
                int n = deflater.deflate(chunk, 0, chunk.length, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                output.append(chunk, n);
                if (last ? deflater.finished() : n < chunk.length && deflater.needsInput()) {
                    return output.toArray();
                }
            }
        } finally {
            deflater.end();
        }
    }

    /** A growable byte array for one block's compressed output. */
    private static final class ChunkBuffer {
        private byte[] bytes;
        private int size;

        ChunkBuffer(int capacity) {
            bytes = new byte[capacity];
        }

        void append(byte[] chunk, int length) {
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
            }
            System.arraycopy(chunk, 0, bytes, size, length);
            size += length;
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
