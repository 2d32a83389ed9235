package io.github.scratchpack.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * An image as the {@code image} goal wrote it into its tarball: the manifest's exact bytes, and where in the tarball
 * each blob the manifest names is stored. Pushing these bytes gives the registry the digest that {@code image.json}
 * records.
 *
 * @param tarball the tarball
 * @param manifest the manifest's bytes
 * @param manifestDigest the manifest's digest, which is the image digest
 * @param manifestMediaType the manifest's media type
 * @param config the config blob
 * @param layers the layer blobs, in manifest order
 */
public record TarballImage(Path tarball, byte[] manifest, String manifestDigest, String manifestMediaType,
                           StoredBlob config, List<StoredBlob> layers) {

    public TarballImage {
        layers = List.copyOf(layers);
    }

    /**
     * A blob stored in the tarball.
     *
     * @param digest the blob's {@code sha256:<hex>} digest
     * @param mediaType the media type the manifest gives it
     * @param size its size in bytes
     * @param offset where its bytes start in the tarball
     */
    public record StoredBlob(String digest, String mediaType, long size, long offset) {
    }

    /** The config, then the layers, each digest once. */
    public List<StoredBlob> blobs() {
        Map<String, StoredBlob> byDigest = new LinkedHashMap<>();
        byDigest.put(config.digest(), config);
        layers.forEach(layer -> byDigest.putIfAbsent(layer.digest(), layer));
        return new ArrayList<>(byDigest.values());
    }

    /** Opens a stream over one blob's bytes in the tarball; each call opens its own file handle. */
    public InputStream open(StoredBlob blob) throws IOException {
        FileChannel channel = FileChannel.open(tarball, StandardOpenOption.READ);
        try {
            channel.position(blob.offset());
            return BoundedInputStream.builder().setInputStream(Channels.newInputStream(channel))
                    .setMaxCount(blob.size()).get();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
