package io.github.scratchpack.maven;

import io.github.scratchpack.image.Image;
import io.github.scratchpack.image.Layer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats the log lines that close the image goal: the layers, the digest, and how to run the image. */
final class ImageSummary {
    private ImageSummary() {
    }

    /** The closing lines; {@code sbom} is the SBOM written with the image, or {@code null} for none. */
    static List<String> lines(Image image, Path tarball, Path sbom, Path baseDirectory, List<String> ports) {
        List<String> lines = new ArrayList<>();
        lines.add("Image " + image.references().get(0) + " (linux/" + image.architecture() + ")");
        lines.add(String.format(Locale.ROOT, "  %-19s %10s %12s  %s", "layer digest", "compressed", "uncompressed", "contents"));
        for (Layer layer : image.layers()) {
            lines.add(String.format(Locale.ROOT, "  %-19s %10s %12s  %s%s", layer.descriptor().digest().substring(0, 19),
                    size(layer.descriptor().size()), size(layer.uncompressedSize()), layer.description(),
                    layer.fromCache() ? " (cached)" : ""));
        }
        lines.add("Digest   " + image.digest());
        lines.add("Image ID " + image.imageId());
        lines.add("Tags     " + String.join(", ", image.references().stream().map(Object::toString).toList()));
        if (sbom != null) {
            lines.add("SBOM     " + relative(sbom, baseDirectory));
        }
        String path = relative(tarball, baseDirectory);
        StringBuilder publish = new StringBuilder();
        for (String port : ports) {
            String number = port.substring(0, port.indexOf('/'));
            publish.append(" -p ").append(number).append(':').append(number)
                    .append(port.endsWith("/tcp") ? "" : port.substring(port.indexOf('/')));
        }
        lines.add("Try it:");
        lines.add("  podman load -i " + path + " && podman run --rm" + publish + " " + image.references().get(0));
        lines.add("  docker load -i " + path + " && docker run --rm" + publish + " " + image.references().get(0));
        return lines;
    }

    private static String relative(Path file, Path baseDirectory) {
        Path absolute = file.toAbsolutePath();
        return absolute.startsWith(baseDirectory.toAbsolutePath())
                ? baseDirectory.toAbsolutePath().relativize(absolute).toString() : absolute.toString();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
