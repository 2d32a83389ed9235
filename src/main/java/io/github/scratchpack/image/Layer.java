package io.github.scratchpack.image;

import java.nio.file.Path;

/**
 * A finished layer: its compressed blob on disk and the digests computed while it was written.
 *
 * @param descriptor the media type, digest and size of the compressed blob
 * @param diffId the digest of the uncompressed tar stream
 * @param uncompressedSize the size of the uncompressed tar stream
 * @param description what the layer holds
 * @param blob the file holding the compressed blob
 * @param fromCache whether the blob was reused from an earlier build instead of being written now
 * @param compressor what compressed the blob, as {@link Compression#compressor(int)} names it
 */
public record Layer(Descriptor descriptor, String diffId, long uncompressedSize, String description, Path blob,
                    boolean fromCache, String compressor) {
}
