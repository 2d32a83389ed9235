package io.github.scratchpack.image;

import java.nio.charset.StandardCharsets;

/**
 * The cache key of a layer: a hash of its diffID (the SHA-256 of its uncompressed tar stream, which covers every
 * entry's path, owner, mode, time stamp and content), the compressor (the compression, its level and what
 * implements it: the JDK's deflate for gzip, the zstd-jni version for zstd), and the layer format. A JDK whose
 * deflate gives other bytes therefore never reuses another JDK's gzip layers. File
 * modification times on the build machine play no part, so touching a file does not miss the cache and editing
 * it always does.
 */
public final class LayerKey {
    /** Changes whenever the compressed form of a layer changes, so that old cache entries are never reused. */
    private static final String FORMAT = "scratchpack-layer-v2 gzip-block=" + ParallelGzipOutputStream.BLOCK_SIZE;

    private LayerKey() {
    }

    /**
     * @param diffId the {@code sha256:<hex>} digest of the layer's uncompressed tar stream
     * @param compressor what compresses the layer, as {@link Compression#compressor(int)} names it
     * @return the key as hex
     */
    public static String of(String diffId, String compressor) {
        String text = FORMAT + "\n" + compressor + "\n" + diffId + "\n";
        return Sha256.hex(Sha256.of(text.getBytes(StandardCharsets.UTF_8)));
    }
}
