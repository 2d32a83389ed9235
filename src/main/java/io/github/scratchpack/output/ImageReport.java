package io.github.scratchpack.output;

import io.github.scratchpack.image.Image;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.Json;
import io.github.scratchpack.image.Layer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code image.json}: the references, the image digest and ID, and the layers with their sizes, for scripts
 * and for the push goal. It never holds credentials.
 */
public final class ImageReport {
    private ImageReport() {
    }

    /**
     * Writes the report atomically.
     *
     * @param image the image
     * @param tarball the tarball the image was written to
     * @param pushed whether the image has been pushed to its registry
     * @param target the report's path
     * @throws IOException when the file cannot be written
     */
    public static void write(Image image, Path tarball, boolean pushed, Path target) throws IOException {
        byte[] json = Json.bytes(toJson(image, tarball, pushed));
        AtomicFile.write(target, out -> out.write(json));
    }

    static Map<String, Object> toJson(Image image, Path tarball, boolean pushed) {
        List<String> tags = new ArrayList<>();
        for (ImageReference reference : image.references()) {
            tags.add(reference.toString());
        }
        List<Object> layers = new ArrayList<>();
        for (Layer layer : image.layers()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("description", layer.description());
            entry.put("mediaType", layer.descriptor().mediaType());
            entry.put("digest", layer.descriptor().digest());
            entry.put("size", layer.descriptor().size());
            entry.put("diffId", layer.diffId());
            entry.put("uncompressedSize", layer.uncompressedSize());
            layers.add(entry);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("image", image.references().get(0).toString());
        report.put("tags", tags);
        report.put("digest", image.digest());
        report.put("imageId", image.imageId());
        report.put("architecture", image.architecture());
        report.put("tarball", tarball.toAbsolutePath().toString());
        report.put("layers", layers);
        report.put("pushed", pushed);
        return report;
    }
}
