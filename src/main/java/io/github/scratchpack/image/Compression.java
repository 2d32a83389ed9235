package io.github.scratchpack.image;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/** How layer tar streams are compressed, and the media type each choice gives the layer. */
public enum Compression {
    /** Parallel gzip: what every client reads. */
    GZIP("application/vnd.oci.image.layer.v1.tar+gzip", 6),
    /** Plain tar: the largest blobs, the fastest local loads. */
    NONE("application/vnd.oci.image.layer.v1.tar", 0);

    private final String mediaType;
    private final int defaultLevel;

    Compression(String mediaType, int defaultLevel) {
        this.mediaType = mediaType;
        this.defaultLevel = defaultLevel;
    }

    /**
     * Parses the user's setting.
     *
     * @param name {@code gzip} or {@code none}, in any case
     * @return the compression
     * @throws IllegalArgumentException with a message for the user for any other name
     */
    public static Compression parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The compression '" + name + "' is not known. Use gzip or none.", e);
        }
    }

    /** The OCI media type of a layer compressed this way. */
    public String mediaType() {
        return mediaType;
    }

    /** The level used when none is set. */
    public int defaultLevel() {
        return defaultLevel;
    }

    /**
     * Wraps a stream so that what is written to it comes out compressed.
     *
     * @param out where the compressed bytes go; closed with the returned stream
     * @param level the compression level; ignored by {@link #NONE}
     * @param threads how many threads may compress at once; never changes the bytes
     * @return the stream to write the uncompressed bytes to
     * @throws IOException when the header cannot be written
     */
    public OutputStream compress(OutputStream out, int level, int threads) throws IOException {
        return switch (this) {
            case GZIP -> new ParallelGzipOutputStream(out, level, threads);
            case NONE -> out;
        };
    }
}
