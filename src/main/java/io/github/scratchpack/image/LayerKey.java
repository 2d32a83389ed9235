package io.github.scratchpack.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * The cache key of a layer: a hash of everything that decides its bytes, namely each entry's path, owner, mode and
 * content hash, the compression and its level, and the time stamped on the entries. File modification times on the
 * build machine play no part, so touching a file does not miss the cache and editing it always does.
 */
public final class LayerKey {
    /** Changes whenever the layer format changes, so that old cache entries are never reused. */
    private static final String FORMAT = "scratchpack-layer-v1 gzip-block=" + ParallelGzipOutputStream.BLOCK_SIZE;

    private LayerKey() {
    }

    /**
     * Computes the key, reading every source file once.
     *
     * @param contents the layer's entries
     * @param compression the compression
     * @param level the compression level
     * @param modificationTime the time stamped on the entries
     * @return the key as hex
     * @throws IOException when a source cannot be read
     */
    public static String of(LayerContents contents, Compression compression, int level, Instant modificationTime)
            throws IOException {
        MessageDigest key = Sha256.newDigest();
        update(key, FORMAT + "\n" + compression + " " + level + " " + modificationTime.getEpochSecond() + "\n");
        byte[] buffer = new byte[1 << 16];
        for (LayerFile file : contents.files()) {
            update(key, file.path() + "\0" + file.mode() + " " + file.uid() + " " + file.gid() + " "
                    + (file.directory() ? "d" : "f") + "\0");
            if (file.bytes() != null) {
                update(key, Sha256.of(file.bytes()) + "\n");
            } else if (file.source() != null) {
                MessageDigest content = Sha256.newDigest();
                try (InputStream in = Files.newInputStream(file.source())) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        content.update(buffer, 0, n);
                    }
                }
                update(key, Sha256.format(content.digest()) + "\n");
            }
        }
        return Sha256.hex(Sha256.format(key.digest()));
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }
}
