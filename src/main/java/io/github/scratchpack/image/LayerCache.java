package io.github.scratchpack.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Remembers which compressed blob a layer key produced, so that an unchanged layer is never compressed twice.
 * Each entry is one small file named by the key; the blobs themselves live in the {@link BlobStore}.
 */
public final class LayerCache {
    private final Path directory;
    private final BlobStore blobs;

    /**
     * @param directory where the entries live; created when missing
     * @param blobs where the blobs that the entries name live
     */
    public LayerCache(Path directory, BlobStore blobs) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.blobs = blobs;
    }

    /** Whether the cache holds no entry at all, as after a clean build; then looking a layer up cannot hit. */
    public boolean isEmpty() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "[0-9a-f]*")) {
            return !entries.iterator().hasNext();
        }
    }

    /**
     * The layer recorded under a key, when its blob is still present with the recorded size.
     *
     * @param key the layer key
     * @param compression the compression the key was made with
     * @param compressor the compressor the key was made with
     * @param description what the layer holds
     * @return the cached layer, or empty
     */
    public Optional<Layer> find(String key, Compression compression, String compressor, String description)
            throws IOException {
        String[] fields;
        try {
            fields = Files.readString(directory.resolve(key), StandardCharsets.UTF_8).trim().split(" ");
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (fields.length != 4) {
            return Optional.empty();
        }
        Path blob = blobs.path(fields[0]);
        long size = Long.parseLong(fields[1]);
        if (!Files.isRegularFile(blob) || Files.size(blob) != size) {
            return Optional.empty();
        }
        return Optional.of(new Layer(new Descriptor(compression.mediaType(), fields[0], size), fields[2],
                Long.parseLong(fields[3]), description, blob, true, compressor));
    }

    /** Records the layer a key produced. */
    public void record(String key, Layer layer) throws IOException {
        String line = layer.descriptor().digest() + " " + layer.descriptor().size() + " " + layer.diffId() + " "
                + layer.uncompressedSize() + "\n";
        Path temporary = Files.createTempFile(directory, ".entry-", ".tmp");
        Files.writeString(temporary, line, StandardCharsets.UTF_8);
        Files.move(temporary, directory.resolve(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Deletes the entries and blobs that the given layers do not use, so that the cache holds one image, not
     * every executable ever built.
     *
     * @param keys the keys in use
     * @param layers the layers in use
     */
    public void retainOnly(Collection<String> keys, Collection<Layer> layers) throws IOException {
        deleteAllBut(directory, new HashSet<>(keys));
        Set<String> digests = new HashSet<>();
        layers.forEach(layer -> digests.add(Sha256.hex(layer.descriptor().digest())));
        deleteAllBut(blobs.directory(), digests);
    }

    private static void deleteAllBut(Path directory, Set<String> keep) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (!keep.contains(entry.getFileName().toString()) && !entry.getFileName().toString().startsWith(".")) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }
}
