package io.github.scratchpack.output;

import io.github.scratchpack.image.Image;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.Json;
import io.github.scratchpack.image.Layer;
import io.github.scratchpack.image.LayerContents;
import io.github.scratchpack.image.LayerFile;
import io.github.scratchpack.image.ReproducibleTarWriter;
import io.github.scratchpack.image.Sha256;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an image as one tar file that is both an OCI image layout (for podman, skopeo, containerd and umoci) and a
 * Docker archive with {@code manifest.json} (for {@code docker load}); both views share the same blobs.
 */
public final class ImageTarball {
    /** Annotation with the tag, read by OCI layout clients. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    /** Annotation with the full reference, read by containerd's import. */
    public static final String CONTAINERD_NAME = "io.containerd.image.name";

    private ImageTarball() {
    }

    /**
     * Writes the tarball atomically: a failed or interrupted build leaves the previous file, or none, at the path.
     *
     * @param image the image
     * @param target the tarball's path
     * @param time the modification time of the tar entries
     * @throws IOException when the file cannot be written
     */
    public static void write(Image image, Path target, Instant time) throws IOException {
        LayerContents contents = contents(image);
        AtomicFile.write(target, out -> new ReproducibleTarWriter(time).write(contents, out));
    }

    private static LayerContents contents(Image image) {
        List<LayerFile> files = new ArrayList<>();
        files.add(LayerFile.file("/oci-layout", 0644, Json.bytes(Map.of("imageLayoutVersion", "1.0.0"))));
        files.add(LayerFile.file("/index.json", 0644, index(image)));
        files.add(LayerFile.file("/manifest.json", 0644, dockerManifest(image)));
        files.add(LayerFile.file(blobPath(image.manifest().digest()), 0644, image.manifestBytes()));
        files.add(LayerFile.file(blobPath(image.config().digest()), 0644, image.configBytes()));
        for (Layer layer : image.layers()) {
            String path = blobPath(layer.descriptor().digest());
            if (files.stream().noneMatch(file -> file.path().equals(path))) {
                files.add(LayerFile.copyOf(layer.blob(), path, 0644));
            }
        }
        return LayerContents.filesOnly("image tarball", files);
    }

    private static String blobPath(String digest) {
        return "/blobs/sha256/" + Sha256.hex(digest);
    }

    private static byte[] index(Image image) {
        List<Object> manifests = new ArrayList<>();
        for (ImageReference reference : image.references()) {
            Map<String, String> annotations = new LinkedHashMap<>();
            annotations.put(CONTAINERD_NAME, reference.fullyQualified());
            annotations.put(REF_NAME, reference.tag());
            manifests.add(image.manifest().toJson(annotations));
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        index.put("manifests", manifests);
        return Json.bytes(index);
    }

    private static byte[] dockerManifest(Image image) {
        List<String> tags = new ArrayList<>();
        image.references().forEach(reference -> tags.add(reference.toString()));
        List<String> layers = new ArrayList<>();
        image.layers().forEach(layer -> layers.add(blobPath(layer.descriptor().digest()).substring(1)));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Config", blobPath(image.config().digest()).substring(1));
        entry.put("RepoTags", tags);
        entry.put("Layers", layers);
        return Json.bytes(List.of(entry));
    }
}
