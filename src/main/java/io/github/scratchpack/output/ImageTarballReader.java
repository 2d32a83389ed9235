package io.github.scratchpack.output;

import io.github.scratchpack.image.JsonReader;
import io.github.scratchpack.image.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Reads the tarball that {@link ImageTarball} wrote back into a {@link TarballImage}: the manifest that
 * {@code index.json} names, checked against its digest, and where each of its blobs lies in the file.
 */
public final class ImageTarballReader {
    private ImageTarballReader() {
    }

    /**
     * Reads a tarball.
     *
     * @param tarball the tarball the image goal wrote
     * @return the image in it
     * @throws IOException when the file is missing, unreadable, or not a tarball the image goal wrote; the message
     *     says which
     */
    public static TarballImage read(Path tarball) throws IOException {
        Map<String, TarArchiveEntry> entries = new HashMap<>();
        byte[] index;
        byte[] manifest;
        try (TarFile tar = new TarFile(tarball)) {
            for (TarArchiveEntry entry : tar.getEntries()) {
                if (entry.isFile()) {
                    entries.put(entry.getName(), entry);
                }
            }
            index = contents(tar, entries, "index.json", tarball);
            String manifestDigest = manifestDigest(index, tarball);
            manifest = contents(tar, entries, blobPath(manifestDigest), tarball);
            if (!Sha256.of(manifest).equals(manifestDigest)) {
                throw broken(tarball, "its manifest does not match the digest " + manifestDigest);
            }
            return image(tarball, manifest, manifestDigest, entries);
        } catch (NoSuchFileException e) {
            throw new IOException("There is no image tarball at " + tarball + ". Run the image goal first, as in"
                    + " 'mvn package scratchpack:push'.", e);
        }
    }

    private static TarballImage image(Path tarball, byte[] manifest, String digest, Map<String, TarArchiveEntry> entries)
            throws IOException {
        Map<String, Object> json = JsonReader.object(manifest);
        TarballImage.StoredBlob config = stored(json.get("config"), entries, tarball);
        List<TarballImage.StoredBlob> layers = new ArrayList<>();
        for (Object layer : json.get("layers") instanceof List<?> list ? list : List.of()) {
            layers.add(stored(layer, entries, tarball));
        }
        String mediaType = json.get("mediaType") instanceof String type ? type
                : "application/vnd.oci.image.manifest.v1+json";
        return new TarballImage(tarball, manifest, digest, mediaType, config, layers);
    }

    private static TarballImage.StoredBlob stored(Object descriptor, Map<String, TarArchiveEntry> entries, Path tarball)
            throws IOException {
        Map<?, ?> fields = descriptor instanceof Map<?, ?> map ? map : Map.of();
        String digest = String.valueOf(fields.get("digest"));
        TarArchiveEntry entry = entries.get(blobPath(digest));
        if (entry == null || !(fields.get("size") instanceof Long size) || entry.getSize() != size) {
            throw broken(tarball, "the blob " + digest + " that its manifest names is missing or has the wrong size");
        }
        return new TarballImage.StoredBlob(digest, String.valueOf(fields.get("mediaType")), entry.getSize(),
                entry.getDataOffset());
    }

    private static String manifestDigest(byte[] index, Path tarball) throws IOException {
        List<String> digests = new ArrayList<>();
        if (JsonReader.object(index).get("manifests") instanceof List<?> manifests) {
            for (Object manifest : manifests) {
                digests.add(manifest instanceof Map<?, ?> fields ? String.valueOf(fields.get("digest")) : "");
            }
        }
        if (digests.isEmpty()) {
            throw broken(tarball, "its index.json names no manifest");
        }
        if (digests.stream().distinct().count() > 1) {
            throw broken(tarball, "its index.json names more than one image");
        }
        return digests.get(0);
    }

    private static byte[] contents(TarFile tar, Map<String, TarArchiveEntry> entries, String name, Path tarball)
            throws IOException {
        TarArchiveEntry entry = entries.get(name);
        if (entry == null) {
            throw broken(tarball, "it has no " + name);
        }
        try (InputStream in = tar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static String blobPath(String digest) {
        return "blobs/sha256/" + Sha256.hex(digest);
    }

    private static IOException broken(Path tarball, String why) {
        return new IOException("The image tarball " + tarball + " is not one the image goal wrote: " + why
                + ". Run the image goal again.");
    }
}
