package io.github.scratchpack.image;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Turns layer contents into a compressed blob in one streaming pass: the tar stream is hashed (the diffID) on its
 * way into the compressor, and the compressed bytes are hashed (the digest) on their way to disk. Sources are read
 * once per pass and memory stays bounded whatever their size.
 */
public final class LayerWriter {
    private final BlobStore store;
    private final ReproducibleTarWriter tarWriter;
    private final Compression compression;
    private final int level;
    private final int threads;
    private final String compressor;

    /**
     * @param store where finished blobs go
     * @param modificationTime the time stamped on every tar entry
     * @param compression how the tar stream is compressed
     * @param level the compression level
     * @param threads how many threads may compress at once
     */
    public LayerWriter(BlobStore store, Instant modificationTime, Compression compression, int level, int threads) {
        this.store = store;
        this.tarWriter = new ReproducibleTarWriter(modificationTime);
        this.compression = compression;
        this.level = level;
        this.threads = threads;
        this.compressor = compression.compressor(level);
    }

    /** What compresses this writer's layers, as {@link Compression#compressor(int)} names it. */
    public String compressor() {
        return compressor;
    }

    /**
     * The diffID of a layer: the digest of its uncompressed tar stream, computed without compressing or writing it.
     *
     * @param contents the entries of the layer
     * @return the {@code sha256:<hex>} diffID
     * @throws IOException when a source cannot be read
     */
    public String diffId(LayerContents contents) throws IOException {
        DigestingOutputStream digest = new DigestingOutputStream(OutputStream.nullOutputStream());
        tarWriter.write(contents, digest);
        return digest.digest();
    }

    /**
     * Writes one layer.
     *
     * @param contents the entries of the layer
     * @return the finished layer with its digests
     * @throws IOException when a source cannot be read or the blob cannot be written
     */
    public Layer write(LayerContents contents) throws IOException {
        Path temporary = store.newTemporaryFile();
        try {
            DigestingOutputStream compressed = new DigestingOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16));
            DigestingOutputStream uncompressed = compressed;
            try (OutputStream compressing = compression.compress(compressed, level, threads)) {
                if (compressing != compressed) {
                    uncompressed = new DigestingOutputStream(new NonClosingOutputStream(compressing));
                }
                tarWriter.write(contents, uncompressed);
            }
            String digest = compressed.digest();
            // Uncompressed, the blob is the tar stream itself, hashed once for both digests.
            String diffId = uncompressed == compressed ? digest : uncompressed.digest();
            Path blob = store.commit(temporary, digest);
            return new Layer(new Descriptor(compression.mediaType(), digest, compressed.count()),
                    diffId, uncompressed.count(), contents.description(), blob, false, compressor);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
