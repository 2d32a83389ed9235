package io.github.scratchpack.output;

import io.github.scratchpack.image.BlobStore;
import io.github.scratchpack.image.Image;
import io.github.scratchpack.image.ImageAssembler;
import io.github.scratchpack.image.ImageSpec;
import java.io.IOException;
import java.nio.file.Path;

/** Assembles an image from a spec and writes it as a tarball with its {@code image.json} report. */
public final class TarballBuild {
    private final Path workDirectory;

    /**
     * @param workDirectory where layer blobs are kept between builds, such as {@code target/scratchpack/cache}
     */
    public TarballBuild(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    /**
     * Builds the image and writes the tarball, then the report; each is written atomically.
     *
     * @param spec the checked settings
     * @param tarball where the tarball goes
     * @param report where {@code image.json} goes
     * @return the image that was written
     * @throws IOException when a source cannot be read or an output cannot be written
     */
    public Image run(ImageSpec spec, Path tarball, Path report) throws IOException {
        Image image = new ImageAssembler(new BlobStore(workDirectory.resolve("blobs/sha256"))).assemble(spec);
        ImageTarball.write(image, tarball, spec.creationTime());
        ImageReport.write(image, tarball, false, report);
        return image;
    }
}
