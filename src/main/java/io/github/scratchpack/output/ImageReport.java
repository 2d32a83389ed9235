package io.github.scratchpack.output;

import io.github.scratchpack.image.Image;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.Json;
import io.github.scratchpack.image.JsonReader;
import io.github.scratchpack.image.Layer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code image.json}: the references, the image digest and ID, and the layers with their sizes, for scripts
 * and for the push goal. It never holds credentials. The tarball and the SBOM are named relative to the report's own
 * directory, so that the report stays true when the directory moves, as when a build cache restores it into another
 * clone.
 */
public final class ImageReport {
    private ImageReport() {
    }

    /**
     * The SBOM written with the image, as the report's {@code sbom} field names it for the push goal.
     *
     * @param path its path
     * @param mediaType its media type
     * @param digest the {@code sha256:<hex>} digest of its bytes
     * @param size its size in bytes
     */
    public record Sbom(Path path, String mediaType, String digest, long size) {
    }

    /**
     * Writes the report atomically, with the SBOM written beside the image.
     *
     * @param image the image
     * @param tarball the tarball the image was written to
     * @param pushed whether the image has been pushed to its registry
     * @param sbom the SBOM written with it, or {@code null} for none
     * @param target the report's path
     * @throws IOException when the file cannot be written
     */
    public static void write(Image image, Path tarball, boolean pushed, Sbom sbom, Path target) throws IOException {
        Map<String, Object> report = toJson(image, relativeTo(target, tarball), pushed);
        if (sbom != null) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", relativeTo(target, sbom.path()));
            entry.put("mediaType", sbom.mediaType());
            entry.put("digest", sbom.digest());
            entry.put("size", sbom.size());
            report.put("sbom", entry);
        }
        byte[] json = Json.bytes(report);
        AtomicFile.write(target, out -> out.write(json));
    }

    /**
     * Reads the image digest from an existing report.
     *
     * @param report the {@code image.json} that the image goal wrote
     * @return its {@code digest}
     * @throws IOException when the report cannot be read
     */
    public static String digest(Path report) throws IOException {
        return JsonReader.object(Files.readAllBytes(report)).get("digest") instanceof String digest ? digest : "";
    }

    /**
     * Records in an existing report that its image has been pushed, keeping every other field as it was. A report
     * that says so already is left untouched.
     *
     * @param report the {@code image.json} to update, atomically
     * @throws IOException when the report cannot be read or written
     */
    public static void markPushed(Path report) throws IOException {
        Map<String, Object> json = JsonReader.object(Files.readAllBytes(report));
        if (Boolean.TRUE.equals(json.get("pushed"))) {
            return;
        }
        json.put("pushed", true);
        byte[] bytes = Json.bytes(json);
        AtomicFile.write(report, out -> out.write(bytes));
    }

    /**
     * A file that a report names, as a path against the report's directory, which {@link #resolve} turns back into a
     * path: the file name alone when the file is beside the report.
     */
    static String relativeTo(Path report, Path file) {
        Path directory = report.toAbsolutePath().getParent();
        return directory.relativize(file.toAbsolutePath()).toString();
    }

    /** The file that a report names with {@code recorded}: relative to the report's directory, or absolute. */
    public static Path resolve(Path report, String recorded) {
        return report.toAbsolutePath().getParent().resolve(recorded).normalize();
    }

    static Map<String, Object> toJson(Image image, String tarball, boolean pushed) {
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
            entry.put("compressor", layer.compressor());
            layers.add(entry);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("image", image.references().get(0).toString());
        report.put("tags", tags);
        report.put("digest", image.digest());
        report.put("imageId", image.imageId());
        report.put("architecture", image.architecture());
        report.put("tarball", tarball);
        report.put("layers", layers);
        report.put("pushed", pushed);
        return report;
    }
}
