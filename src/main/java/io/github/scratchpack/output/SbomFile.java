package io.github.scratchpack.output;

import io.github.scratchpack.image.Image;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The SBOM that a build writes with the tarball, and that {@code image.json} points to.
 *
 * @param path where it goes
 * @param mediaType its media type, such as {@code application/vnd.cyclonedx+json}
 * @param inputs a digest of what the SBOM is made from besides the image itself: the same image and the same inputs
 *     give the same SBOM, so an unchanged build need not make it again
 * @param generator what writes it for the built image
 */
public record SbomFile(Path path, String mediaType, String inputs, Generator generator) {

    /** Writes the SBOM of a built image. */
    @FunctionalInterface
    public interface Generator {
        /**
         * @param image the built image
         * @return the document's bytes
         * @throws IOException when something it describes cannot be read
         */
        byte[] describe(Image image) throws IOException;
    }
}
